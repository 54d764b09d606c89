"""The reading-level report: textstat's numbers on the article's real sentences, at their places."""

from __future__ import annotations

import hashlib
import re

import pytest
import textstat

from legpain_docs import load_article
from legpain_docs.cli import main
from legpain_docs.readability.measures import FORMULAS, long_words, measured_text, parts, sentences

from tests.conftest import ARTICLE_PATH, DATA, write_source

SPANISH = DATA / "es-leg-pain.yaml"
FRENCH = DATA / "fr-leg-pain.yaml"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(["readability", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


def textstat_in(language: str):
    """The module-level textstat an editor would call, set to the language."""
    textstat.set_lang(language)
    return textstat


@pytest.mark.parametrize(
    "word, syllables",
    [
        # Counted by hand, and what textstat (CMU dictionary for English, pyphen otherwise) says.
        ("leg", 1),
        ("pain", 1),
        ("syndrome", 2),
        ("narrowing", 3),
        ("vertebra", 3),
        ("arthritis", 3),
        ("medication", 4),
        ("inflammation", 4),
        ("circulation", 4),
        ("sciatica", 4),
        ("degeneration", 5),
    ],
)
def test_textstat_counts_english_syllables_as_counted_by_hand(word, syllables):
    assert textstat_in("en_US").syllable_count(word) == syllables


@pytest.mark.parametrize(
    "language, word, syllables",
    [
        ("es", "dolor", 2),
        ("es", "pierna", 2),
        ("es", "vértebra", 3),
        ("es", "inflamación", 4),
        ("es", "estrechamiento", 5),
        ("fr", "douleur", 2),
        ("fr", "médicament", 4),
        ("fr", "rétrécissement", 5),
    ],
)
def test_textstat_counts_spanish_and_french_syllables_as_counted_by_hand(language, word, syllables):
    assert textstat_in(language).syllable_count(word) == syllables


def test_only_real_sentences_are_measured(article):
    found = [s.text for s in sentences(article)]
    # A definition counts, fragment or not, and so does an item written as the article's sentence;
    # headings, titles and bare list terms never do.
    assert "Narrowing of the small bony openings (foramina) for spinal nerves." in found
    assert "Occupations, such as heavy labor, sports, or military service" in found
    for heading in [article.title, *(s.title for s in article.sections), "Copper", "Vitamin B12", "Spinal stenosis"]:
        assert all(not text.startswith(heading) for text in found), heading
    # A list's lead-in is a sentence of its own, though it ends in a colon.
    assert "Typical nutrient deficiencies include:" in found
    assert len(found) == 44


@pytest.mark.parametrize("path", [ARTICLE_PATH, SPANISH, FRENCH])
def test_the_numbers_are_textstats_on_the_same_sentences(path):
    article = load_article(path)
    language = FORMULAS[article.language].textstat_language
    found = sentences(article)
    for part in parts(article, found):
        group = found if part.name == "whole article" else [s for s in found if s.part == part.name]
        text = measured_text(group)
        # textstat splits the text into the same sentences the report counts.
        assert textstat_in(language).sentence_count(text) == part.sentences == len(group)
        assert textstat_in(language).lexicon_count(text) == part.words
        english = textstat_in("en_US")
        assert (part.scores["fk"], part.scores["smog"]) == (
            english.flesch_kincaid_grade(text),
            english.smog_index(text),
        )
        if language == "es":
            assert part.scores["ease"] == textstat_in("es").fernandez_huerta(text)
        if language == "fr":
            # textstat's French reading ease is Kandel and Moles' adaptation of Flesch's formula.
            ease = textstat_in("fr").flesch_reading_ease(text)
            words = textstat_in("fr").lexicon_count(text)
            by_hand = 207 - 1.015 * words / len(group) - 73.6 * textstat_in("fr").syllable_count(text) / words
            assert part.scores["ease"] == ease == pytest.approx(by_hand)


def test_the_seed_article_report_and_its_verdict(capsys):
    before = hashlib.sha256(ARTICLE_PATH.read_bytes()).hexdigest()
    status, out, err = run(capsys, ARTICLE_PATH)
    assert status == 3 and err == ""
    verdict = out.rstrip("\n").splitlines()[-1]
    assert re.fullmatch(
        rf"{re.escape(str(ARTICLE_PATH))}: reading grade \d+\.\d \(the higher of Flesch–Kincaid "
        r"\d+\.\d and SMOG \d+\.\d\), above the target of grade 8",
        verdict,
    )
    # 44 sentences: the whole article's SMOG is sound, each section's (2 to 7 sentences) is not.
    assert (
        "SMOG is less reliable below 30 sentences: the whole article's (44) is sound, the SMOG of every "
        "part only a rough guide."
    ) in out
    for name in ["introduction", *(s.id for s in load_article(ARTICLE_PATH).sections), "closing", "whole article"]:
        assert re.search(rf"^{name} +\d+ +\d+ +\d+\.\d +\d+\.\d$", out, re.M), name
    # The report never changes the text.
    assert hashlib.sha256(ARTICLE_PATH.read_bytes()).hexdigest() == before


def test_within_the_target_is_status_0_and_the_summary_is_one_line(capsys):
    status, out, _ = run(capsys, ARTICLE_PATH, "--max-grade", "20", "--summary")
    assert status == 0
    assert out.count("\n") == 1 and out.endswith("within the target of grade 20\n")


def test_several_sources_any_above_the_target_is_status_3(capsys):
    status, out, _ = run(capsys, SPANISH, FRENCH, ARTICLE_PATH, "--summary")
    assert status == 3
    assert [line.split(":")[0] for line in out.splitlines()] == [str(SPANISH), str(FRENCH), str(ARTICLE_PATH)]
    assert "within" in out.splitlines()[0] and "above" in out.splitlines()[2]


def test_a_bad_source_is_status_2_with_its_place(capsys, tmp_path):
    bad = write_source(tmp_path, "id: x\ntitle: T\nreviewed: 2026-01-01\nsections: []\n")
    status, out, err = run(capsys, bad)
    assert status == 2 and out == ""
    assert re.match(rf"{re.escape(str(bad))}:4:11: error: ", err)


@pytest.mark.parametrize("path", [ARTICLE_PATH, SPANISH, FRENCH])
def test_each_hardest_sentence_is_at_its_line_and_column(capsys, path):
    _, out, _ = run(capsys, path)
    hardest = out.split("Hardest sentences:\n")[1].split("\n\n")[0].splitlines()
    assert len(hardest) == 5
    lines = path.read_text(encoding="utf-8").splitlines()
    for entry in hardest:
        where, score, sentence = re.fullmatch(rf"{re.escape(str(path))}:(\d+:\d+): (\w+ \d+\.\d): (.*)", entry).groups()
        line, col = map(int, where.split(":"))
        following = " ".join([lines[line - 1][col - 1 :], *lines[line : line + 4]])
        assert " ".join(following.split()).startswith(" ".join(sentence.split()[:6])), entry


def test_the_hardest_english_sentence_is_the_highest_grade(capsys):
    _, out, _ = run(capsys, ARTICLE_PATH)
    grades = [float(g) for g in re.findall(r": grade (\d+\.\d):", out)]
    assert grades == sorted(grades, reverse=True)
    sentence = out.split("Hardest sentences:\n")[1].splitlines()[0].split(": ", 2)[2]
    english = textstat_in("en_US")
    article = load_article(ARTICLE_PATH)
    assert english.flesch_kincaid_grade(sentence if sentence.endswith(".") else sentence + ".") == max(
        english.flesch_kincaid_grade(s.measured) for s in sentences(article)
    )


def test_long_words_leave_out_what_the_article_defines(article):
    words = long_words(article, sentences(article))
    assert "compression" in words and "associated" in words
    # A defined term ("Spondylolisthesis") and a word the article glosses in parentheses
    # ("radiculopathy") are explained already; a short word is not long.
    assert not {"spondylolisthesis", "radiculopathy", "foramina", "pain", "nerve"} & set(words)


def test_the_report_of_a_spanish_article_uses_the_spanish_formula(capsys):
    status, out, _ = run(capsys, SPANISH)
    assert status == 0
    assert "Fernández Huerta reading ease" in out
    assert "English formulas, for comparison only" in out
    assert "SMOG is less reliable below 30 sentences: the article has 13" in out
    assert out.rstrip().endswith("within the target of grade 8")
    # Four syllables make a long Spanish word: "columna" (3) is not one, "subyacente" (4) is.
    long_list = out.split("Long words (4+ syllables)")[1]
    assert "subyacente" in long_list and "  columna" not in long_list


def test_a_spanish_article_above_its_target_is_status_3(capsys):
    status, out, _ = run(capsys, SPANISH, "--max-grade", "6")
    assert status == 3 and out.rstrip().endswith("above the target of grade 6")


def test_an_article_with_no_sentences_gets_one_clean_line(capsys, tmp_path):
    """Only titles and bare terms (mini.yaml less its one definition): no grade to give, and no
    IndexError; `make check` runs this command on every article."""
    source = write_source(
        tmp_path,
        (DATA / "mini.yaml").read_text(encoding="utf-8").replace("        definition: The first letter.\n", ""),
    )
    line = (
        f"{source}: no sentences to measure: the article has no intro, outro or definition with words, "
        "so it has no reading grade (within the target of grade 8)\n"
    )
    assert run(capsys, source) == (0, line, "")
    assert run(capsys, "--summary", source) == (0, line, "")
