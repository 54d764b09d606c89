"""What PEMAT-P's measured items find in an article's text, each finding at its `file:line:col`.

The text measured is the readability report's: the article's sentences and the items'
definitions, in reading order. Titles and terms are the words the article defines, not prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..load.positions import Positions
from ..model import Article
from ..readability.measures import FORMULAS, Sentence, measured_text, sentences
from ..words import primary_language
from .language import EVERYDAY, MEDICAL, RULES

MAX_GRADE = 8  # the reading grade plain-language guides aim at, as `readability` does


@dataclass(frozen=True)
class Finding:
    item: int  # the PEMAT-P item number
    line: int | None
    col: int | None
    message: str


@dataclass(frozen=True)
class Measures:
    """Each measured item's figure (one line) and its findings."""

    figures: dict[int, str]
    findings: tuple[Finding, ...]

    def of(self, item: int) -> list[Finding]:
        return [finding for finding in self.findings if finding.item == item]


def measure(article: Article, positions: Positions, *, grade: bool = True) -> Measures:
    """Every measured item of `article`; `grade=False` leaves out the reading grade (item 3), which needs textstat."""
    language = primary_language(article.language)
    rules = RULES.get(language)
    found = sentences(article)
    figures: dict[int, str] = {}
    findings: list[Finding] = []
    where = _Locator(positions, found)

    if grade and found and language in FORMULAS:
        score = FORMULAS[language].scores(measured_text(found))["grade"]
        figures[3] = f"reading grade {score:.1f} (target: {MAX_GRADE} or below)"
        if score > MAX_GRADE:
            findings.append(
                Finding(
                    3,
                    None,
                    None,
                    f"the article reads at grade {score:.1f}, above {MAX_GRADE}: "
                    "`legpain-docs readability` names the hardest sentences",
                )
            )

    undefined = _undefined_terms(article, found)
    figures[4] = f"{len(undefined)} medical term(s) used without a definition in the article"
    for word, sentence in undefined:
        findings.append(
            Finding(
                4,
                *where.word(sentence, word),
                f"'{word}' is used but never defined: define it in plain words, in parentheses or as a listed term",
            )
        )
    if rules is None:
        for item in (5, 6, 20, 21):
            figures[item] = f"not measured: no rules for the language '{article.language}'"
    else:
        passive = [(s, m.group()) for s in found for m in [rules.passive.search(s.text)] if m]
        figures[5] = f"{len(passive)} of {len(found)} sentences in the passive voice"
        findings += [
            Finding(5, *where.word(s, phrase), f"passive voice: '{phrase}'; say who does what") for s, phrase in passive
        ]
        numbers = [(s, m.group()) for s in found for m in rules.number_words.finditer(s.text)]
        figures[6] = f"{len(numbers)} number(s) written as words"
        findings += [
            Finding(6, *where.word(s, word), f"'{word}' is a number written as a word: digits read faster")
            for s, word in numbers
        ]
        actions = [s for s in found if rules.action.search(s.text)]
        quiet = _sections_without_action(article, actions)
        figures[20] = (
            f"{len(actions)} sentence(s) tell the reader what to do; {len(quiet)} of "
            f"{len(article.sections)} sections have none"
        )
        if not actions:
            findings.append(Finding(20, *where.field(("title",)), "no sentence tells the reader what to do"))
        findings += [
            Finding(
                20, *where.field(("sections", s, "title")), f"the section '{title}' names no action a patient can take"
            )
            for s, title in quiet
        ]
        indirect = [s for s in actions if not rules.reader.search(s.text)]
        figures[21] = f"{len(indirect)} of {len(actions)} action sentence(s) do not address the reader"
        findings += [
            Finding(21, *where.sentence(s), f"describes an action without addressing the reader: '{_short(s.text)}'")
            for s in indirect
        ]
    figures[11] = (
        "the closing text is set as the summary box"
        if article.outro
        else "no closing text, so the handout has no summary"
    )
    if not article.outro:
        findings.append(
            Finding(
                11,
                *where.field(("title",)),
                "the article has no closing text ('outro:'), which the handout would set as its summary",
            )
        )
    findings.sort(key=lambda f: (f.item, f.line or 0, f.col or 0))
    return Measures(figures, tuple(findings))


def _undefined_terms(article: Article, found: list[Sentence]) -> list[tuple[str, Sentence]]:
    """Each medical-looking word of the prose, at its first use, that the article never defines."""
    defined = {
        word.lower()
        for section in article.sections
        for item in section.defined_items
        for word in re.findall(r"\w+", item.term)
    }
    for sentence in found:  # "(radiculopathy)": a term explained by the plain words before it
        defined |= {
            word.lower() for inside in re.findall(r"\(([^()]*)\)", sentence.text) for word in re.findall(r"\w+", inside)
        }
    seen: set[str] = set()
    undefined = []
    for sentence in found:
        for match in MEDICAL.finditer(sentence.text):
            word = match.group()
            if word.lower() not in defined | EVERYDAY and word.lower() not in seen:
                seen.add(word.lower())
                undefined.append((word, sentence))
    return undefined


def _sections_without_action(article: Article, actions: list[Sentence]) -> list[tuple[int, str]]:
    with_action = {sentence.part for sentence in actions}
    return [(s, section.title) for s, section in enumerate(article.sections) if section.id not in with_action]


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _Locator:
    """`line, col` of a sentence, a word in it, or a field, in the source file."""

    def __init__(self, positions: Positions, found: list[Sentence]):
        self.positions = positions
        # Located in reading order, as Positions.locate asks, each sentence once.
        self.starts = {id(sentence): positions.locate(sentence.field, sentence.text) for sentence in found}

    def sentence(self, sentence: Sentence) -> tuple[int, int]:
        return self.positions.line_col(self.starts[id(sentence)])

    def word(self, sentence: Sentence, word: str) -> tuple[int, int]:
        found = self.positions.locate_word(sentence.field, word.split()[0], self.starts[id(sentence)])
        return self.positions.line_col(found)

    def field(self, path: tuple) -> tuple[int | None, int | None]:
        span = self.positions.spans.get(path)
        return self.positions.line_col(span[0]) if span else (None, None)
