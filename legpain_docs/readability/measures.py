"""How hard an article is to read: reading grades of its real sentences, for editors.

Only prose is measured: the article's and sections' paragraphs and the items' definitions.
Titles, headings and bare list terms ("Copper") are not sentences, and a formula fed them
would call the article easier than it is. A definition counts as a sentence even when it is a
fragment ("Narrowing of the small bony openings ..."): a patient reads it as one. A sentence
is measured as written; one that does not end in . ! or ? (a definition, or an intro ending in
"include:") gets a full stop for the formulas, so that it is counted as the sentence it is.
Nothing here changes the text.

The formulas are textstat's, never re-derived here: each number is textstat's on the joined
sentences of its part. English is scored by Flesch-Kincaid and SMOG grades. Spanish and French
are scored by their own Flesch adaptations (Fernandez Huerta; Kandel and Moles), reading-ease
scores from 0 (hardest) to 100, which map to school grades by Flesch's table; the English
grades are shown beside them, labelled, for comparison only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..load.positions import FieldPath
from ..model import Article
from ..words import primary_language

SMOG_MIN_SENTENCES = 30  # SMOG was calibrated on 30-sentence samples
# A long word, as plain-language guides count it: three syllables in English and French. Spanish
# words run longer (the everyday "problema", "columna" have three), so there it is four.
LONG_WORD_SYLLABLES = {"en": 3, "fr": 3, "es": 4}
SENTENCE_END = re.compile(r"(?<=[.!?])[)\"'”»]*\s+")
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
PLAIN_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # apostrophes apart: "l’affection" is "affection"
# Flesch's table from reading ease to school grade: at or above the score, the grade.
EASE_GRADES = ((90, 5), (80, 6), (70, 7), (60, 8), (50, 10), (30, 13), (float("-inf"), 16))


@dataclass(frozen=True)
class Sentence:
    text: str
    part: str  # "introduction", a section id, "closing"
    field: FieldPath  # where it is in the source

    @property
    def measured(self) -> str:
        """The text the formulas read: the sentence, with a full stop if it has no end mark."""
        return self.text if self.text.rstrip("\"'”»)").endswith((".", "!", "?")) else self.text + "."


@dataclass(frozen=True)
class Formula:
    """A language's reading-level measure: its name, and the grade the target is checked against."""

    language: str  # the article's primary language: "en"
    textstat_language: str  # textstat's name for it; English is textstat's default "en_US" (US pyphen rules)
    ease_name: str | None  # None: English, scored by grades directly

    def scores(self, text: str) -> dict[str, float]:
        stats = _textstat(self.textstat_language)
        english = _textstat(FORMULAS["en"].textstat_language) if self.ease_name else stats
        scores = {"fk": english.flesch_kincaid_grade(text), "smog": english.smog_index(text)}
        if self.ease_name:
            ease = stats.fernandez_huerta(text) if self.language == "es" else stats.flesch_reading_ease(text)
            scores |= {"ease": ease, "grade": ease_grade(ease)}
        else:
            scores["grade"] = max(scores["fk"], scores["smog"])
        return scores


FORMULAS = {
    "en": Formula("en", "en_US", None),
    "es": Formula("es", "es", "Fernández Huerta"),
    "fr": Formula("fr", "fr", "Kandel–Moles"),
}


def ease_grade(ease: float) -> int:
    return next(grade for floor, grade in EASE_GRADES if ease >= floor)


@cache
def _textstat(language: str):
    from textstat.textstat import textstatistics  # imported on use: `check` never pays for it

    stats = textstatistics()
    stats.set_lang(language)
    return stats


def sentences(article: Article) -> list[Sentence]:
    """Every real sentence of the article, in reading order."""
    found: list[Sentence] = []

    def add(paragraphs: tuple[str, ...] | str | None, part: str, field: FieldPath) -> None:
        for paragraph in (paragraphs,) if isinstance(paragraphs, str) else paragraphs or ():
            found.extend(Sentence(text, part, field) for text in SENTENCE_END.split(paragraph) if WORD.search(text))

    add(article.intro, "introduction", ("intro",))
    for s, section in enumerate(article.sections):
        add(section.intro, section.id, ("sections", s, "intro"))
        for i, item in enumerate(section.items):
            add(item.definition, section.id, ("sections", s, "items", i, "definition"))
            add(item.sentence, section.id, ("sections", s, "items", i, "sentence"))
        add(section.outro, section.id, ("sections", s, "outro"))
    add(article.outro, "closing", ("outro",))
    return found


def measured_text(group: list[Sentence]) -> str:
    """What textstat reads for a group of sentences."""
    return " ".join(sentence.measured for sentence in group)


@dataclass(frozen=True)
class Part:
    name: str
    sentences: int
    words: int
    scores: dict[str, float]


def parts(article: Article, found: list[Sentence]) -> list[Part]:
    """The article's parts (introduction, each section, closing) and the whole, each measured."""
    formula = FORMULAS[primary_language(article.language)]
    names = list(dict.fromkeys(sentence.part for sentence in found))
    groups = [(name, [s for s in found if s.part == name]) for name in names] + [("whole article", found)]
    return [
        Part(
            name,
            len(group),
            _textstat(formula.textstat_language).lexicon_count(measured_text(group)),
            formula.scores(measured_text(group)),
        )
        for name, group in groups
        if group
    ]


def hardest(article: Article, found: list[Sentence], count: int = 5) -> list[tuple[Sentence, dict[str, float]]]:
    """The sentences with the highest grade, hardest first (ties keep the article's order)."""
    formula = FORMULAS[primary_language(article.language)]
    scored = [(sentence, formula.scores(sentence.measured)) for sentence in found]
    key = (lambda pair: pair[1]["ease"]) if formula.ease_name else (lambda pair: -pair[1]["fk"])
    return sorted(scored, key=key)[:count]


def long_words(article: Article, found: list[Sentence]) -> dict[str, list[Sentence]]:
    """Long words (LONG_WORD_SYLLABLES) the article does not define, with the sentences using them.

    Defined: a word of a defined item's term, or one written in parentheses, which the article
    uses to name what the plain words before it describe ("... nerve roots (radiculopathy)").
    """
    formula = FORMULAS[primary_language(article.language)]
    stats, syllables = _textstat(formula.textstat_language), LONG_WORD_SYLLABLES[formula.language]
    defined = {
        word.casefold()
        for section in article.sections
        for item in section.defined_items
        for word in PLAIN_WORD.findall(item.term)
    }
    defined |= {
        word.casefold()
        for sentence in found
        for gloss in re.findall(r"\(([^)]*)\)", sentence.text)
        for word in PLAIN_WORD.findall(gloss)
    }
    uses: dict[str, list[Sentence]] = {}
    for sentence in found:
        for word in PLAIN_WORD.findall(sentence.text):
            key = word.casefold()
            if key not in defined and stats.syllable_count(key) >= syllables:
                uses.setdefault(key, []).append(sentence)
    return dict(sorted(uses.items(), key=lambda pair: (-len(pair[1]), pair[0])))
