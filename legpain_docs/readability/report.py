"""The reading-level report as an editor reads it: a table, the hardest sentences with their
`file:line:col`, long words to reword, and a one-line verdict against the target grade."""

from __future__ import annotations

from ..load.positions import Positions
from ..model import Article
from ..words import primary_language
from .measures import FORMULAS, LONG_WORD_SYLLABLES, SMOG_MIN_SENTENCES, hardest, long_words, parts, sentences

SHOWN_SENTENCES = 5
SHOWN_WORDS = 20


def report(path: str, article: Article, positions: Positions, max_grade: float) -> tuple[list[str], str, bool]:
    """(the report's lines, its one-line verdict, whether the article is above the target)."""
    formula = FORMULAS[primary_language(article.language)]
    found = sentences(article)
    if not found:  # only titles and bare terms: there is nothing a formula could grade
        verdict = (
            f"{path}: no sentences to measure: the article has no intro, outro or definition with words, "
            f"so it has no reading grade (within the target of grade {max_grade:g})"
        )
        return [verdict], verdict, False
    measured = parts(article, found)
    whole = measured[-1]
    where = {id(s): positions.locate(s.field, s.text) for s in found}  # index in the file
    if formula.ease_name:
        header = (
            f"{'part':<20} {'sentences':>9} {'words':>6} {formula.ease_name + ' ease':>22} {'grade':>5}"
            f" {'FK grade*':>9} {'SMOG*':>6}"
        )
        row = lambda p: (
            f"{p.name:<20} {p.sentences:>9} {p.words:>6} {p.scores['ease']:>22.1f} {p.scores['grade']:>5}"
            f" {p.scores['fk']:>9.1f} {p.scores['smog']:>6.1f}"
        )
    else:
        header = f"{'part':<20} {'sentences':>9} {'words':>6} {'FK grade':>9} {'SMOG':>6}"
        row = lambda p: f"{p.name:<20} {p.sentences:>9} {p.words:>6} {p.scores['fk']:>9.1f} {p.scores['smog']:>6.1f}"
    lines = [
        f"{path}: reading level of '{article.title}' ({_measure(formula)})",
        "",
        header,
        *(row(p) for p in measured),
    ]
    if formula.ease_name:
        lines.append(
            f"* English formulas, for comparison only: they overrate {_language(article)} text, "
            "whose words have more syllables."
        )
    short = [p.name for p in measured[:-1] if p.sentences < SMOG_MIN_SENTENCES]
    if whole.sentences < SMOG_MIN_SENTENCES:
        lines.append(
            f"SMOG is less reliable below {SMOG_MIN_SENTENCES} sentences: the article has {whole.sentences}, "
            "and every part fewer."
        )
    elif short:
        lines.append(
            f"SMOG is less reliable below {SMOG_MIN_SENTENCES} sentences: the whole article's ({whole.sentences}) "
            f"is sound, the SMOG of {'every part' if len(short) == len(measured) - 1 else ', '.join(short)} "
            "only a rough guide."
        )
    lines += ["", "Hardest sentences:"]
    for sentence, scores in hardest(article, found, SHOWN_SENTENCES):
        line, col = positions.line_col(where[id(sentence)])
        score = f"ease {scores['ease']:.1f}" if formula.ease_name else f"grade {scores['fk']:.1f}"
        lines.append(f"{path}:{line}:{col}: {score}: {sentence.text}")
    words = long_words(article, found)
    lines += [
        "",
        f"Long words ({LONG_WORD_SYLLABLES[formula.language]}+ syllables) the article does not define, "
        f"to reword where a plainer word will do ({len(words)}):",
    ]
    for word, uses in list(words.items())[:SHOWN_WORDS]:
        line, col = positions.line_col(positions.locate_word(uses[0].field, word, where[id(uses[0])]))
        lines.append(
            f"  {word}" + (f" ({len(uses)} sentences)" if len(uses) > 1 else "") + f": first at {path}:{line}:{col}"
        )
    if len(words) > SHOWN_WORDS:
        lines.append(f"  ... and {len(words) - SHOWN_WORDS} more")
    grade = whole.scores["grade"]
    above = grade > max_grade
    verdict = (
        f"{path}: reading grade {grade:.1f} ({_grade_source(formula, whole.scores)}), "
        f"{'above' if above else 'within'} the target of grade {max_grade:g}"
    )
    return [*lines, "", verdict], verdict, above


def _measure(formula) -> str:
    if formula.ease_name:
        return f"{formula.ease_name} reading ease, graded by Flesch's table; sentences and definitions only"
    return "Flesch–Kincaid and SMOG grades; sentences and definitions only"


def _grade_source(formula, scores: dict[str, float]) -> str:
    if formula.ease_name:
        return f"{formula.ease_name} ease {scores['ease']:.1f}"
    return f"the higher of Flesch–Kincaid {scores['fk']:.1f} and SMOG {scores['smog']:.1f}"


def _language(article: Article) -> str:
    from ..words import words_for

    return words_for(article.language).name
