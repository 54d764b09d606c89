"""The Anki deck, imported by Anki's own engine the way a student's Anki imports it."""

from __future__ import annotations

import hashlib
import html
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
import warnings
import zipfile
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from hypothesis import given, strategies as st

from legpain_docs import Article, ContentError, Section, ids, load_article
from legpain_docs.cli import main
from legpain_docs.render import deck
from legpain_docs.render.deck import build_deck, cloze_text, field_text
from conftest import ARTICLE_PATH, DATA, write_source

MARKUP = DATA / "deck-markup.yaml"
TWO_TERMS = """\
id: {id}
title: {title}
reviewed: {reviewed}
sections:
  - id: one
    title: Section One
    intro: The letters.
    items:
      - term: Alpha
        definition: {alpha}
      - term: Beta
        definition: The second letter.
"""


def two_terms(tmp_path: Path, *, id: str = "revise", title: str = "Revision Test", reviewed: str = "2026-01-02",
              alpha: str = "The first letter.", name: str = "article.yaml") -> Article:
    return load_article(write_source(tmp_path, TWO_TERMS.format(id=id, title=title, reviewed=reviewed, alpha=alpha), name))


def build(article: Article) -> bytes:
    return build_deck(article, epoch=article.reviewed_epoch)


class Student:
    """A fresh Anki collection that imports decks as Anki's File > Import does by default."""

    # A fresh Anki's import presets: update notes and note types only from newer ones,
    # leave the student's scheduling alone, never merge note types.
    OPTIONS = ImportAnkiPackageOptions()

    def __init__(self, folder: Path):
        self.folder = folder
        self.col = Collection(str(folder / "collection.anki2"))
        self.imports = 0

    def import_deck(self, data: bytes):
        self.imports += 1
        path = self.folder / f"import-{self.imports}.apkg"
        path.write_bytes(data)
        return self.col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path), options=self.OPTIONS)).log

    def note_by_guid(self, guid: str):
        (note_id,) = self.col.db.list("select id from notes where guid = ?", guid)
        return self.col.get_note(note_id)

    def cards(self):
        return [self.col.get_card(card_id) for card_id in self.col.find_cards("", order="c.due, c.ord, c.id")]


@pytest.fixture
def student(tmp_path):
    folder = tmp_path / "anki"
    folder.mkdir()
    user = Student(folder)
    yield user
    user.col.close()


def expected_notes(article: Article) -> list[tuple[str, int]]:
    """(guid, card count) of every note the contract asks for, in the article's order."""
    return [note for section in article.sections for note in section_notes(article, section)]


def section_notes(article: Article, section: Section) -> list[tuple[str, int]]:
    """Two cards for each defined item, then a card per item when the section lists two or more."""
    notes = [(ids.term_guid(article.id, section.id, item.term), 2) for item in section.defined_items]
    if len(section.items) >= 2:
        notes.append((ids.list_guid(article.id, section.id), len(section.items)))
    return notes


def visible(card_html: str) -> str:
    """The text a student sees: no stylesheet, no tags, entities resolved, spaces collapsed."""
    body = re.sub(r"<style>.*?</style>", "", card_html, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_the_seed_deck_has_a_note_per_defined_item_and_per_list(article, student):
    log = student.import_deck(build(article))
    notes = expected_notes(article)
    assert len(log.new) == len(notes)
    assert student.col.note_count() == len(notes)
    assert student.col.card_count() == sum(cards for _, cards in notes)
    for guid, cards in notes:
        assert len(student.note_by_guid(guid).cards()) == cards
    # By hand from the source: 18 defined items (36 cards), 7 lists of 4+3+4+2+3+4+4 items.
    assert (student.col.note_count(), student.col.card_count()) == (25, 60)


def test_every_card_shows_a_question_and_a_different_answer(article, student):
    student.import_deck(build(article))
    for card in student.cards():
        question, answer = visible(card.question()), visible(card.answer())
        assert question, f"card {card.id} has an empty question"
        assert answer and answer != question


def test_one_deck_named_after_the_article_with_section_tags(article, student):
    student.import_deck(build(article))
    decks = {card.did for card in student.cards()}
    assert [student.col.decks.name(did) for did in decks] == [article.title]
    for section in article.sections:
        found = student.col.find_notes(f'"tag:{article.id}::{section.id}"')
        assert sorted(found) == sorted(student.note_by_guid(guid).id for guid, _ in section_notes(article, section))
    for note_id in student.col.find_notes(""):
        assert len(student.col.get_note(note_id).tags) == 1


def test_new_cards_come_in_the_articles_order(article, student):
    student.import_deck(build(article))
    in_study_order = []
    for card in student.cards():
        if not in_study_order or in_study_order[-1] != card.note().guid:
            in_study_order.append(card.note().guid)
    assert in_study_order == [guid for guid, _ in expected_notes(article)]


def test_term_cards_ask_both_ways(article, student):
    student.import_deck(build(article))
    section = article.sections[0]
    item = section.items[0]
    front, back = student.note_by_guid(ids.term_guid(article.id, section.id, item.term)).cards()
    assert item.term in visible(front.question()) and item.definition not in visible(front.question())
    assert item.definition in visible(front.answer())
    assert item.definition in visible(back.question()) and item.term not in visible(back.question())
    assert item.term in visible(back.answer())
    for card in (front, back):
        assert section.title in visible(card.question())
        assert f"{article.title} · reviewed {article.reviewed.isoformat()}" in visible(card.answer())


def test_each_list_card_hides_one_item_and_shows_the_others(article, student):
    student.import_deck(build(article))
    for section in article.sections:
        if len(section.items) < 2:
            continue
        cards = student.note_by_guid(ids.list_guid(article.id, section.id)).cards()
        assert [card.ord for card in cards] == list(range(len(section.items)))
        for card, hidden in zip(cards, section.items):
            question = visible(card.question())
            assert section.title in question and section.intro[0] in question
            assert hidden.term not in question.split("[...]")
            assert [item.term for item in section.items if item.term in question] == [
                item.term for item in section.items if item is not hidden]
            assert all(item.term in visible(card.answer()) for item in section.items)


def test_importing_the_same_deck_again_changes_nothing(article, student):
    data = build(article)
    student.import_deck(data)
    before = student.col.db.all("select id, guid, mod, flds from notes order by id")
    cards = student.col.db.all("select id, nid, ord, due from cards order by id")
    log = student.import_deck(data)
    assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 0, 0)
    assert len(log.duplicate) == len(before)
    assert student.col.db.all("select id, guid, mod, flds from notes order by id") == before
    assert student.col.db.all("select id, nid, ord, due from cards order by id") == cards


def test_a_revised_definition_with_a_later_date_updates_the_same_note(tmp_path, student):
    first = two_terms(tmp_path)
    student.import_deck(build(first))
    alpha = student.note_by_guid(ids.term_guid("revise", "one", "Alpha"))
    card = alpha.cards()[0]
    card.start_timer()
    student.col.sched.answerCard(card, 4)  # Easy: the card leaves the new queue with an interval
    studied = (card.reps, card.ivl, card.type)
    assert studied[0] == 1 and studied[1] > 0
    history = student.col.db.scalar("select count() from revlog where cid = ?", card.id)
    counts = (student.col.note_count(), student.col.card_count())

    revised = two_terms(tmp_path, reviewed="2026-02-03", alpha="The first letter of the Greek alphabet.", name="v2.yaml")
    log = student.import_deck(build(revised))

    # Every note is newer (the Source line carries the date); none is new or set aside.
    assert alpha.id in [note.id.nid for note in log.updated]
    assert (len(log.updated), len(log.new), len(log.conflicting)) == (counts[0], 0, 0)
    assert (student.col.note_count(), student.col.card_count()) == counts
    alpha = student.col.get_note(alpha.id)
    assert alpha["Definition"] == "The first letter of the Greek alphabet."
    card.load()
    assert (card.reps, card.ivl, card.type) == studied
    assert student.col.db.scalar("select count() from revlog where cid = ?", card.id) == history


def test_a_revision_without_a_later_date_does_not_reach_students(tmp_path, student):
    """Why the README tells editors to move `reviewed`: Anki keeps a copy that is not older."""
    student.import_deck(build(two_terms(tmp_path)))
    log = student.import_deck(build(two_terms(tmp_path, alpha="Revised, but not dated.", name="v2.yaml")))
    assert (len(log.new), len(log.updated)) == (0, 0)
    assert student.note_by_guid(ids.term_guid("revise", "one", "Alpha"))["Definition"] == "The first letter."


def test_restyled_cards_reach_students_in_place(tmp_path, student, monkeypatch):
    """The note type id ignores template text and CSS, so a restyle updates, never forks."""
    student.import_deck(build(two_terms(tmp_path)))
    restyled = deck.CSS + "\n.term { letter-spacing: 0.01em; }\n"
    monkeypatch.setattr(deck.TERM_NOTE_TYPE, "css", restyled)
    log = student.import_deck(build(two_terms(tmp_path, reviewed="2026-02-03", name="v2.yaml")))
    assert (len(log.new), len(log.conflicting)) == (0, 0)
    assert len(log.updated) == 3
    assert student.col.models.get(ids.TERM_NOTE_TYPE_ID)["css"] == restyled


@pytest.mark.parametrize("note_type", [deck.TERM_NOTE_TYPE, deck.LIST_NOTE_TYPE], ids=lambda t: t.name)
def test_note_type_ids_follow_their_fields_and_templates(note_type, article, student):
    fields = [field["name"] for field in note_type.fields]
    templates = [template["name"] for template in note_type.templates]
    derived = ids.note_type_id(note_type.name, fields, templates)
    assert note_type.model_id == derived, (
        f"the fields or templates of '{note_type.name}' changed, so it needs a new id: put {derived} in ids.py")
    assert ids.note_type_id(note_type.name, [*fields, "Extra"], templates) != derived
    student.import_deck(build(article))
    assert student.col.models.get(note_type.model_id)["name"] == note_type.name


def test_two_articles_that_share_a_term_never_share_a_note(tmp_path, student):
    for name in ("first", "second"):
        student.import_deck(build(two_terms(tmp_path, id=name, title=f"The {name}", name=f"{name}.yaml")))
    assert student.col.note_count() == 2 * 3
    assert ids.term_guid("first", "one", "Alpha") != ids.term_guid("second", "one", "Alpha")


def test_markup_greek_and_anki_syntax_show_literally(student):
    article = load_article(MARKUP)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # genanki warns when a field holds unescaped markup
        data = build(article)
    student.import_deck(data)
    notes = expected_notes(article)
    assert student.col.note_count() == len(notes)
    assert student.col.card_count() == sum(cards for _, cards in notes)
    shown = " ".join(visible(card.question()) + " " + visible(card.answer()) for card in student.cards())
    raw = " ".join(card.question() + card.answer() for card in student.cards())
    for section in article.sections:
        for item in section.items:
            assert item.term in shown
            assert item.definition is None or item.definition in shown
    assert "Text with <i>tags</i> & ampersands; α and β waves." in shown
    assert "Signs: <, > & {{braces}}" in shown and "Editors & <Staff>" in shown
    assert "<script>" not in raw and "<b>not bold" not in raw


def test_anki_syntax_in_a_term_opens_no_extra_cloze(student):
    article = load_article(MARKUP)
    student.import_deck(build(article))
    section = article.sections[0]
    cards = student.note_by_guid(ids.list_guid(article.id, section.id)).cards()
    assert len(cards) == len(section.items)
    tricky = cards[1]
    assert "Ratio a::b {{c1::hidden}}" not in visible(tricky.question())
    assert "Ratio a::b {{c1::hidden}}" in visible(tricky.answer())
    assert "[...]" in visible(tricky.question())


def test_a_one_item_section_has_no_list_note(student):
    article = load_article(MARKUP)
    student.import_deck(build(article))
    single = article.sections[1]
    assert len(single.items) == 1
    assert student.col.find_notes(f'"tag:{article.id}::{single.id}"') == [
        student.note_by_guid(ids.term_guid(article.id, single.id, "Lonely")).id]


@given(st.text())
def test_field_text_escapes_everything_anki_would_read(text):
    shown = field_text(text)
    assert html.unescape(shown) == text
    assert not set(shown) & set("<>{}")


@given(st.integers(min_value=1, max_value=500), st.text(min_size=1))
def test_a_deletion_holds_its_text_and_nothing_that_ends_it(number, text):
    deletion = cloze_text(number, text)
    inner = deletion.removeprefix(f"{{{{c{number}::").removesuffix("}}")
    assert deletion == f"{{{{c{number}::{inner}}}}}"
    assert not set(inner) & set(":{}<>")
    assert html.unescape(inner) == text


def test_the_same_source_gives_the_same_bytes(article):
    assert build(article) == build(article)


def test_the_bytes_do_not_depend_on_the_process(article):
    script = ("import hashlib, sys; from legpain_docs import load_article; from legpain_docs.render.deck import build_deck;"
              "a = load_article(sys.argv[1]); print(hashlib.sha256(build_deck(a, epoch=a.reviewed_epoch)).hexdigest())")
    digests = set()
    for seed, zone in (("1", "UTC"), ("2", "Pacific/Kiritimati")):
        env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": zone}
        run = subprocess.run([sys.executable, "-c", script, str(ARTICLE_PATH)], env=env, capture_output=True, text=True, check=True)
        digests.add(run.stdout.strip())
    assert digests == {hashlib.sha256(build(article)).hexdigest()}


def test_every_time_stamp_is_the_build_time(article):
    epoch = article.reviewed_epoch
    data = build_deck(article, epoch=epoch)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert [info.filename for info in archive.infolist()] == ["collection.anki2", "media"]
        assert {info.date_time for info in archive.infolist()} == {time.gmtime(epoch)[:6]}
        db = open_collection(archive.read("collection.anki2"))
    assert set(db.execute("select mod from notes union select mod from cards")) == {(epoch,)}
    for (models,) in db.execute("select models from col"):
        assert {model["mod"] for model in json.loads(models).values()} == {epoch}
    (low, high), = db.execute("select min(id), max(id) from (select id from notes union select id from cards)")
    assert epoch * 1000 <= low and high < epoch * 1000 + 1000
    assert build_deck(article, epoch=epoch + 86400) != data


def test_a_deck_dated_after_tomorrow_is_refused(article):
    with pytest.raises(ContentError, match="in the future"):
        build_deck(article, epoch=int(time.time()) + 3 * 86400)


def test_anki_writes_atomically_and_honours_source_date_epoch(tmp_path, monkeypatch, capsys):
    out = tmp_path / "deck.apkg"
    good = write_source(tmp_path, TWO_TERMS.format(id="atomic", title="T", reviewed="2026-01-02", alpha="A."))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767400000")
    assert main(["anki", str(good), "-o", str(out)]) == 0
    before = out.read_bytes()
    assert before == build_deck(load_article(good), epoch=1767400000)

    bad = write_source(tmp_path, "id: atomic\ntitle: T\nreviewed: soon\nsections: []\n", "bad.yaml")
    assert main(["anki", str(bad), "-o", str(out)]) == 2
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(time.time()) + 3 * 86400))
    assert main(["anki", str(good), "-o", str(out)]) == 2  # fails in the renderer, after loading
    assert out.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["article.yaml", "bad.yaml", "deck.apkg"]
    assert "in the future" in capsys.readouterr().err


@pytest.mark.golden
def test_the_deck_matches_its_golden_summary(article, golden):
    golden("deck.json", summary(build(article)))


def open_collection(data: bytes) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.deserialize(data)
    return db


def summary(data: bytes) -> str:
    """The deck as reviewable JSON: note types, the deck, and every note with its cards."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        db = open_collection(archive.read("collection.anki2"))
    (models, decks), = db.execute("select models, decks from col")
    note_types = {
        model["id"]: {"name": model["name"], "kind": ["standard", "cloze"][model["type"]],
                      "fields": [f["name"] for f in model["flds"]], "templates": [t["name"] for t in model["tmpls"]]}
        for model in json.loads(models).values() if model["name"].startswith("legpain-docs")
    }
    card_counts = dict(db.execute("select nid, count() from cards group by nid"))
    notes = [
        {"guid": guid, "type": note_types[str(mid)]["name"], "tags": tags.split(),
         "fields": dict(zip(note_types[str(mid)]["fields"], fields.split("\x1f"))), "cards": card_counts[nid]}
        for nid, guid, mid, tags, fields in db.execute("select id, guid, mid, tags, flds from notes order by id")
    ]
    deck_names = {d["id"]: d["name"] for d in json.loads(decks).values() if d["id"] != 1}
    result = {"decks": deck_names, "note_types": note_types, "notes": notes,
              "totals": {"notes": len(notes), "cards": sum(card_counts.values())}}
    return json.dumps(result, indent=2, ensure_ascii=False) + "\n"
