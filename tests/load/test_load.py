"""The loader turns YAML into the typed model faithfully: text, paragraphs, defaults."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

import pytest

from legpain_docs import UserError, load_article, load_clinic
from legpain_docs.build.epoch import build_epoch
from legpain_docs.load.schema import schema_text

from tests.conftest import ARTICLE_PATH, ROOT, write_source

ARTICLE_TEXT = ROOT.parent / "shared" / "article" / "causes-of-leg-and-foot-pain.txt"


def test_the_article_model(article):
    assert article.id == "leg-foot-pain"
    assert article.language == "en"
    assert article.reviewed == dt.date(2026, 11, 23)
    assert [s.id for s in article.sections] == [
        "spinal",
        "blood-vessel",
        "pelvis-hip",
        "nerve-damage",
        "nutritional",
        "foot",
        "risk-factors",
    ]
    assert len(article.intro) == 2 and len(article.outro) == 2
    assert article.sections[1].items[1].definition == (
        "Blood clot in the deep vein(s) of the leg causing decreased or altered blood flow."
    )


def words(text: str) -> list[str]:
    return [w.strip(".,:;()•") for w in text.split() if w.strip(".,:;()•")]


@pytest.mark.skipif(not ARTICLE_TEXT.exists(), reason="../shared is not beside the checkout")
def test_the_source_carries_the_article_word_for_word(article):
    """Every word of the article, in order; only the split of a list line into term and definition
    differs (an item written as a sentence is the article's line whole, its term not repeated)."""
    source_words = words(article.title)
    source_words += [w for p in article.intro for w in words(p)]
    for section in article.sections:
        source_words += words(section.title)
        source_words += [w for p in section.intro for w in words(p)]
        for item in section.items:
            source_words += words(item.sentence) if item.sentence else words(item.term) + words(item.definition or "")
        source_words += [w for p in section.outro for w in words(p)]
    source_words += [w for p in article.outro for w in words(p)]
    article_words = words(ARTICLE_TEXT.read_text(encoding="utf-8"))
    normalise = lambda ws: [w.lower() for w in ws]  # noqa: E731
    assert normalise(source_words) == normalise(article_words)


def test_text_is_literal_and_paragraphs_split_at_blank_lines(tmp_path):
    path = write_source(
        tmp_path,
        """\
id: literal
title: "Pain <b>&amp; swelling</b> > 2 days"
reviewed: 2026-01-02
intro: |
  First paragraph,
  still the first.

  Second   paragraph.
sections:
  - id: one
    title: α and β ≥ ± × µ °
    items:
      - term: "<i>"
""",
    )
    article = load_article(path)
    assert article.title == "Pain <b>&amp; swelling</b> > 2 days"
    assert article.intro == ("First paragraph, still the first.", "Second paragraph.")
    assert article.sections[0].title == "α and β ≥ ± × µ °"
    assert article.sections[0].items == (type(article.sections[0].items[0])("<i>", None),)


def test_absent_optional_keys_are_empty(tmp_path):
    path = write_source(
        tmp_path,
        "id: a\ntitle: A\nreviewed: 2026-01-02\nsource: {name: Clinic}\n"
        "sections: [{id: s, title: S, items: [{term: T}]}]\n",
    )
    article = load_article(path)
    assert article.intro == () and article.source.name == "Clinic" and article.source.url is None


def test_the_model_is_immutable(article):
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.title = "changed"


def test_the_example_clinic_loads_and_a_bad_one_is_reported(tmp_path):
    clinic = load_clinic(ROOT / "source" / "example.clinic.yaml")
    assert clinic.name == "Riverside Family Practice" and clinic.phone
    bad = write_source(tmp_path, "name: Clinic\nphon: 555\n", "clinic.yaml")
    with pytest.raises(UserError) as raised:
        load_clinic(bad)
    assert [str(p) for p in raised.value.problems] == [  # one typo, one message: not also 'phone' missing
        f"{bad}:2:1: error: unknown key 'phon' in the clinic (did you mean 'phone'?)",
    ]


def test_build_epoch_is_the_review_date_unless_source_date_epoch_is_set(article):
    assert build_epoch(article, {}) == 1795392000  # 2026-11-23T00:00:00Z
    assert build_epoch(article, {"SOURCE_DATE_EPOCH": "1700000000"}) == 1700000000
    with pytest.raises(UserError, match="SOURCE_DATE_EPOCH: error: must be a positive whole number"):
        build_epoch(article, {"SOURCE_DATE_EPOCH": "yesterday"})


@pytest.mark.parametrize(
    "value, expected",
    [
        ("0001700000000", 1700000000),  # leading zeros change nothing
        ("0" * 10_000 + "1700000000", 1700000000),  # longer than int() reads by default
        ("253402300799", 253402300799),  # 9999-12-31T23:59:59Z, the last second a PDF date holds
        ("²", "must be a positive whole number of seconds, got '²'"),  # a digit to str.isdigit, not to a clock
        ("١٢٣", "must be a positive whole number of seconds"),  # Arabic-Indic digits
        (" 12", "must be a positive whole number of seconds"),
        ("-5", "must be a positive whole number of seconds"),
        ("0", "must be a positive whole number of seconds"),
        ("9" * 30, "seconds is after the year 9999"),
        ("253402300800", "seconds is after the year 9999"),
    ],
)
def test_source_date_epoch_is_a_date_every_output_can_hold_or_exit_2(article, value, expected):
    if isinstance(expected, int):
        assert build_epoch(article, {"SOURCE_DATE_EPOCH": value}) == expected
    else:
        with pytest.raises(UserError, match=re.escape(expected)):
            build_epoch(article, {"SOURCE_DATE_EPOCH": value})


@pytest.mark.parametrize("name", ["article", "clinic"])
def test_the_committed_json_schema_is_current(name):
    committed = (ROOT / "source" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(name), "run `make schema` and commit the result"


def test_the_source_points_editors_at_the_schema():
    first = ARTICLE_PATH.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=article.schema.json"
    assert (ARTICLE_PATH.parent / "article.schema.json").exists()


@pytest.mark.parametrize(
    "written, value",
    [("true", True), ("false", False), ("yes", True), ("no", False), ("Yes", True), ("NO", False), ("False", False)],
)
def test_a_flag_is_a_yaml_boolean_written_plain_yes_and_no_included(tmp_path, written, value):
    """Every flag alike (a section's `flashcards`, an item's `reverse`); quoted ones are refused
    (tests/data/bad/flags.yaml), and the editors' schema takes the same words."""
    source = write_source(
        tmp_path,
        f"id: t\ntitle: T\nreviewed: 2026-01-01\nsections:\n  - id: s\n    title: S\n"
        f"    flashcards: {written}\n    items:\n      - term: A\n        reverse: {written}\n",
    )
    section = load_article(source).sections[0]
    assert (section.flashcards, section.items[0].reverse) == (value, value)
    flag = json.loads(schema_text("article"))["properties"]["sections"]["items"]["properties"]["flashcards"]
    assert written.lower() in ("true", "false") or written in flag["anyOf"][1]["enum"]


def test_left_to_right_and_right_to_left_marks_are_allowed_and_left_out(tmp_path, capsys):
    """docs/hostile-input.md allows U+200E and U+200F (a word processor's paste carries them); no
    font draws them, so `check` once refused them as characters the font cannot show."""
    from legpain_docs.cli import main

    path = write_source(
        tmp_path,
        "id: marks\ntitle: Marks\nreviewed: 2026-01-02\nsections:\n  - id: one\n    title: One\n"
        '    items:\n      - term: "Al\\u200fpha"\n        definition: "Take 3\\u200e mg daily."\n',
    )
    assert main(["check", str(path)]) == 0, capsys.readouterr().err
    item = load_article(path).sections[0].items[0]
    assert (item.term, item.definition) == ("Alpha", "Take 3 mg daily.")
    assert main(["pdf", str(path), "--out-dir", str(tmp_path / "out")]) == 0
