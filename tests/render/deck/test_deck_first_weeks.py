"""A new student's first weeks, studied day by day by Anki's own scheduler with its default
options: no card is introduced soon after a card that showed its answer, and every card can be
answered from what it shows."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legpain_docs import load_article
from legpain_docs.render.deck import build_deck
from legpain_docs.render.deck.order import CLOSE, NEW_PER_DAY
from legpain_docs.words import ENGLISH

from tests.conftest import ARTICLE_PATH, DATA, write_source
from tests.deck_student import article_text, article_texts, first_weeks, giveaways, visible

TEN = article_text(
    [
        (
            "one",
            [
                (f"Term {word}", f"What the {word} term means.")
                for word in "one two three four five six seven eight nine ten".split()
            ],
        )
    ],
    id="ten",
    title="Ten",
)
THREE = article_text(
    [("one", [("Alpha", "The first letter."), ("Beta", "The second letter."), ("Gamma", "The third letter.")])],
    id="three",
    title="Three",
)


def studied(student, path):
    article = load_article(path)
    student.import_deck(build_deck(article, epoch=article.reviewed_epoch))
    introduced = first_weeks(student)
    return article, introduced, giveaways(introduced, article_texts(article))


@pytest.mark.parametrize("name", ["seed", "second article", "ten defined items"])
def test_no_new_card_is_given_away_on_its_day(name, student, tmp_path):
    path = {
        "seed": ARTICLE_PATH,
        "second article": DATA / "second-article.yaml",
        "ten defined items": write_source(tmp_path, TEN),
    }[name]
    article, introduced, found = studied(student, path)
    # Every card of the article is met in the first weeks, 20 a day.
    assert len(introduced) == len(build_notes(article))
    assert [i.day for i in introduced] == [n // NEW_PER_DAY for n in range(len(introduced))]
    assert found == [], f"{len(found)} of {len(introduced)} new cards given away the same day"


def test_the_measure_sees_the_giveaways_of_the_articles_order(student, monkeypatch):
    """The same cards in the article's order, as the deck had them before the plan (each item's
    term and reverse cards, then its section's list cards): the measure, which reads only what
    the cards show, finds what the plan avoids. (Before this order and these card shapes, the
    seed's deck gave away 38 of its 60 new cards, 35 within five cards.)"""
    import sys

    monkeypatch.setattr(sys.modules["legpain_docs.render.deck.publication"], "plan", list)
    _, introduced, found = studied(student, ARTICLE_PATH)
    assert (len(introduced), len(found), len([g for g in found if g.distance <= CLOSE])) == (57, 32, 26)


def test_a_three_item_article_keeps_each_card_as_far_as_nine_cards_allow(student, tmp_path):
    """Nine cards in one day (each item a term, a reverse and a list card): no order keeps every
    card five cards after the one that shows its answer (a reverse card and its term card give
    each other away, so do a reverse card and its list card, and a day of nine has no places six
    apart for all three items). The plan keeps them three apart, the most possible, and gives
    away one card per item, the fewest possible: each reverse card, after its list and term cards."""
    _, introduced, found = studied(student, write_source(tmp_path, THREE))
    assert len(introduced) == 9 and {i.day for i in introduced} == {0}
    assert (len(found), min(g.distance for g in found)) == (3, 3)
    assert [card.question.split()[-1] for card in introduced][-3:] == ["this?"] * 3  # the reverse cards, last


def test_an_article_of_one_day_keeps_every_card_five_after_its_giveaway_when_it_can(student, tmp_path):
    """Twelve list cards and four term cards (items without reverse cards): one day, no card
    within five of one that showed its answer."""
    items = [(f"Entry {n}", None) for n in range(1, 9)] + [
        (f"Point {n}", f"What point {n} says.", None, "reverse: false") for n in range(1, 5)
    ]
    source = article_text([("one", items[:8]), ("two", items[8:])], id="small", title="Small")
    _, introduced, found = studied(student, write_source(tmp_path, source))
    assert len(introduced) == 16 and [g for g in found if g.distance <= CLOSE] == []


def build_notes(article):
    from legpain_docs.render.deck.notes import notes_of

    return notes_of(article)


def test_every_front_says_what_is_asked(article, student):
    student.import_deck(build_deck(article, epoch=article.reviewed_epoch))
    prompts = {
        "legpain-docs term": ENGLISH.definition_prompt,
        "legpain-docs reverse": ENGLISH.term_prompt,
        "legpain-docs list": ENGLISH.list_prompt,
    }
    for card in student.cards():
        assert prompts[card.note().note_type()["name"]] in visible(card.question())


def test_prompts_are_legible_by_day_and_night():
    """Not faded, not tiny, not italic: the prompt's own rule, in both modes."""
    from legpain_docs.render.deck.note_types import CSS

    rule = re.search(r"\n\.prompt \{(.*?)\}", CSS, flags=re.S).group(1)
    size = float(re.search(r"font-size: ([\d.]+)em", rule).group(1))
    assert size >= 0.9 and "opacity" not in rule and "italic" not in rule
    night = re.search(r"\.nightMode \.prompt, \.night_mode \.prompt \{(.*?)\}", CSS, flags=re.S).group(1)
    assert contrast(re.search(r"color: (#\w{6})", rule).group(1), "#fbfaf7") >= 7
    assert contrast(re.search(r"color: (#\w{6})", night).group(1), "#1d1f21") >= 7


def contrast(one: str, other: str) -> float:
    """WCAG's contrast ratio of two colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


SENTENCES = {
    "Metabolic disorders": "Metabolic disorders, such as type 2 diabetes mellitus or hypothyroidism.",
    "Infections": "Infections include bacterial infection of the vertebral bone and disc, epidural abscess "
    "(accumulation of pus in the epidural space surrounding the spinal cord), herpes zoster, HIV, "
    "and/or Lyme disease.",
    "Occupations": "Occupations, such as heavy labor, sports, or military service",
}


def test_the_seeds_example_items_are_the_articles_sentences(article):
    items = {item.term: item for section in article.sections for item in section.items}
    for term, sentence in SENTENCES.items():
        assert items[term].sentence == sentence and items[term].definition is None


def test_an_example_item_makes_one_card_with_one_answer(article, student):
    """A term card whose back is the article's sentence; no reverse card (its examples have
    many right answers, and its blank gave the term away)."""
    from legpain_docs import ids, keys

    student.import_deck(build_deck(article, epoch=article.reviewed_epoch))
    for term, sentence in SENTENCES.items():
        key = keys.derived_key(term)
        (card,) = student.note_by_guid(ids.note_guid(article.id, key, "term")).cards()
        assert visible(card.question()).endswith(f"{term} {ENGLISH.definition_prompt}")
        assert sentence in visible(card.answer())
        assert not student.col.find_notes(f'"tag:{article.id}::*" "Term:{term}" "note:legpain-docs reverse"')


def test_a_sentence_must_start_with_its_term(tmp_path, capsys):
    from legpain_docs.cli import main

    path = write_source(
        tmp_path,
        article_text(
            [
                (
                    "one",
                    [
                        ("Infections", None, None, "sentence: Include bacterial infection."),
                        ("Metabolic disorders", "A definition.", None, "sentence: Metabolic disorders, such as gout."),
                    ],
                )
            ]
        ),
    )
    assert main(["check", str(path)]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert errors == [
        f"{path}:10:19: error: the sentence must start with the term, 'Infections', as the article writes it "
        "(like 'Infections, such as ...')",
        f"{path}:13:19: error: 'Metabolic disorders' has both a definition and a sentence: keep one (a sentence is "
        "the article's whole line, term first)",
    ]


@given(
    st.lists(
        st.lists(st.sampled_from(["bare", "defined", "one-way", "sentence"]), min_size=1, max_size=9),
        min_size=1,
        max_size=5,
    )
)
@settings(max_examples=40, deadline=None)
def test_the_plan_is_every_card_once_each_kind_in_the_articles_order(shapes):
    """For any shape of article: the plan is a new order of the same cards, never a new card
    or a lost one, and within each kind the article's order is kept; found in a bounded time."""
    import time

    from legpain_docs.render.deck.notes import notes_of
    from legpain_docs.render.deck.order import KIND_ORDER, plan

    extra = {"bare": None, "defined": "Means {}.", "one-way": "Means {}.", "sentence": None}
    sections = [
        (
            f"s{n}",
            [
                (
                    f"Item {n} {m}",
                    extra[shape] and extra[shape].format(f"{n} {m}"),
                    None,
                    *{"one-way": ["reverse: false"], "sentence": [f"'sentence: Item {n} {m}, such as x.'"[1:-1]]}.get(
                        shape, []
                    ),
                )
                for m, shape in enumerate(items)
            ],
        )
        for n, items in enumerate(shapes)
    ]
    notes = notes_of(load_article_text(article_text(sections)))
    started = time.perf_counter()
    planned = plan(notes)
    assert time.perf_counter() - started < 5
    assert sorted(n.guid for n in planned) == sorted(n.guid for n in notes)
    for kind in KIND_ORDER:
        assert [n for n in planned if n.kind == kind] == [n for n in notes if n.kind == kind]


def load_article_text(text: str):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.yaml"
        path.write_text(text, encoding="utf-8")
        return load_article(path)


def test_the_plan_of_the_largest_article_a_source_holds_is_found_in_seconds():
    """A source may hold 1 MiB: 2,000 defined items (4,000 cards) once overflowed Python's stack
    in the search and took minutes to compare every card with every other (few words, each on
    most cards, as in a long article on one subject); the plan is found in a few seconds, and
    it is still every card once, each kind in the article's order."""
    import random
    import time

    from legpain_docs.render.deck.notes import notes_of
    from legpain_docs.render.deck.order import KIND_ORDER, plan

    words = "pain leg foot nerve back hip knee the a of and or in to with muscle bone joint rest heat cold".split()
    pick = random.Random(1).choice
    sections = [
        (
            f"s{n}",
            [
                (
                    f"{pick(words)} {pick(words)} {n} {m}".capitalize(),
                    " ".join(pick(words) for _ in range(10)).capitalize() + ".",
                )
                for m in range(25)
            ],
        )
        for n in range(100)
    ]
    notes = notes_of(load_article_text(article_text(sections)))
    started = time.perf_counter()
    planned = plan(notes)
    assert time.perf_counter() - started < 10
    assert sorted(n.guid for n in planned) == sorted(n.guid for n in notes)
    for kind in KIND_ORDER:
        assert [n for n in planned if n.kind == kind] == [n for n in notes if n.kind == kind]
