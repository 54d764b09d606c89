"""The deck survives revisions: each of an editor's ordinary edits, imported by Anki's own
engine over a deck whose every card has its own review history."""

from __future__ import annotations

import pytest

from legpain_docs import ids
from legpain_docs.render.deck.notes import notes_of

from tests.deck_student import Editor, Student, article_text, visible

GREEK = [
    ("one", [("Alpha", "The first letter."), ("Beta", "The second letter."), ("Gamma", "The third letter.")]),
    ("two", [("Delta", "The fourth letter."), ("Epsilon", None)]),
]


def edited(edit) -> list:
    sections = [(sid, list(items)) for sid, items in GREEK]
    edit(sections)
    return sections


def insert(s):
    s[0][1].insert(1, ("Zeta", "A letter added in the middle."))


def remove(s):
    del s[0][1][1]


def swap(s):
    s[0][1][0], s[0][1][2] = s[0][1][2], s[0][1][0]


def move(s):
    s[1][1].append(s[0][1].pop(2))


def rename(s):
    s[0][1][0] = ("Alfa", "The first letter.", "alpha")


def reword(s):
    s[0][1][1] = ("Beta", "The second letter of the Greek alphabet.")


EDITS = {
    "insert": (insert, {}),
    "remove": (remove, {}),
    "swap": (swap, {}),
    "move across sections": (move, {}),
    "rename with key": (rename, {}),
    "reword with the date unchanged": (reword, {}),
    "title change": (lambda s: None, {"title": "Revision Test, Second Edition"}),
}


@pytest.mark.parametrize("name", EDITS)
def test_every_studied_card_keeps_its_own_item_through_an_edit(name, tmp_path, student):
    edit, options = EDITS[name]
    editor = Editor(tmp_path)
    first, _, deck = editor.build(article_text(GREEK))
    student.import_deck(deck)
    histories = student.study_everything()
    term_of = {card.id: card.note()["Term"] for card in student.cards()}  # whose history each card holds
    kind_of = {card.id: card.note().note_type()["name"] for card in student.cards()}

    revised, publication, deck = editor.build(article_text(edited(edit), **options))
    log = student.import_deck(deck)

    assert (len(log.new), len(log.conflicting)) == (len(_new_notes(first, revised)), 0)
    renamed = {"Alpha": "Alfa"} if name == "rename with key" else {}
    for card in student.cards():
        if card.id in histories:
            # The same card: the same item (by its term, or its new term), the same history.
            assert card.ivl == histories[card.id]
            assert card.note()["Term"] == renamed.get(term_of[card.id], term_of[card.id])
            assert card.note().note_type()["name"] == kind_of[card.id]
    _assert_deck_is_the_source(student, publication)


def _new_notes(first, revised) -> set[str]:
    return {note.guid for note in notes_of(revised)} - {note.guid for note in notes_of(first)}


def _assert_deck_is_the_source(student, publication) -> None:
    """Every note of the build is in the collection once, as built; every card renders."""
    guids = student.guids()
    assert len(guids) == len(set(guids)), "a note was duplicated"
    assert sorted(guids) == sorted(entry.note.guid for entry in publication.entries)
    for entry in publication.entries:
        note = student.note_by_guid(entry.note.guid)
        assert tuple(note.fields) == entry.note.fields, f"{entry.note.key}: the revised text did not arrive"
        assert tuple(note.tags) == entry.note.tags
    for card in student.cards():
        question, answer = visible(card.question()), visible(card.answer())
        assert question and answer and question != answer
        assert "No cloze" not in answer and "blank" not in question.lower()
    names = {student.col.decks.name(card.did) for card in student.cards()}
    assert names == {"Revision Test"}, "the cards went to a second deck"


def test_a_removed_item_is_retired_not_lost(tmp_path, student):
    editor = Editor(tmp_path)
    editor.build(article_text(GREEK))
    student.import_deck(editor.build(article_text(GREEK))[2])
    student.study_everything()
    _, publication, deck = editor.build(article_text(edited(remove)))
    student.import_deck(deck)
    retired = student.col.find_notes('"tag:revise::retired"')
    assert sorted(student.col.get_note(nid).guid for nid in retired) == sorted(
        ids.note_guid("revise", "beta", kind) for kind in ("term", "reverse", "list")
    )
    for nid in retired:
        note = student.col.get_note(nid)
        assert note["Term"] == "Beta" and note["Section"] == "Retired card · Section One"
        assert note.tags == ["revise::retired"]
        for card in note.cards():
            assert "Beta" in visible(card.answer()) and visible(card.question())
    assert publication.notes == (
        "note: item 'Beta' (key beta) is no longer in the source; its cards are marked "
        "retired. If you renamed it, add 'key: beta' to the renamed item.",
    )
    # Built again: still retired, the same times, and no second note.
    _, again, _ = editor.build(article_text(edited(remove)))
    assert again.notes == ()
    assert [(e.note, e.mod) for e in again.entries] == [(e.note, e.mod) for e in publication.entries]


def test_a_students_own_edit_survives_a_revision_of_another_note(tmp_path, student):
    editor = Editor(tmp_path)
    student.import_deck(editor.build(article_text(GREEK))[2])
    delta = student.note_by_guid(ids.note_guid("revise", "delta", "term"))
    delta["Definition"] = "My own words for delta."
    student.col.update_note(delta)
    log = student.import_deck(editor.build(article_text(edited(reword)))[2])
    # Beta's term and reverse notes changed; nothing else was touched.
    assert sorted(student.col.get_note(n.id.nid).guid for n in log.updated) == sorted(
        ids.note_guid("revise", "beta", kind) for kind in ("term", "reverse")
    )
    assert student.note_by_guid(ids.note_guid("revise", "delta", "term"))["Definition"] == "My own words for delta."
    assert (
        student.note_by_guid(ids.note_guid("revise", "beta", "term"))["Definition"]
        == "The second letter of the Greek alphabet."
    )


def test_two_articles_in_one_collection_stay_apart(tmp_path, student):
    decks = []
    for name in ("first", "second"):
        folder = tmp_path / name
        folder.mkdir()
        decks.append(Editor(folder).build(article_text(GREEK, id=name, title=f"The {name}"))[1])
    from legpain_docs.render.deck import package_article

    for publication in decks:
        student.import_deck(package_article(publication))
    assert student.col.note_count() == sum(len(p.entries) for p in decks)
    assert sorted(student.col.decks.name(card.did) for card in student.cards())[0] == "The first"
    assert {student.col.decks.name(card.did) for card in student.cards()} == {"The first", "The second"}


def test_the_same_file_twice_changes_nothing(tmp_path, student):
    deck = Editor(tmp_path).build(article_text(GREEK))[2]
    student.import_deck(deck)
    student.study_everything()
    before = student.col.db.all("select id, guid, mod, flds, tags from notes order by id")
    cards = student.col.db.all("select id, nid, ord, ivl, due from cards order by id")
    log = student.import_deck(deck)
    assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 0, 0)
    assert student.col.db.all("select id, guid, mod, flds, tags from notes order by id") == before
    assert student.col.db.all("select id, nid, ord, ivl, due from cards order by id") == cards


def test_a_restyle_reaches_students_and_only_the_note_types_move(tmp_path, student, monkeypatch):
    from legpain_docs.render.deck import note_types

    editor = Editor(tmp_path)
    student.import_deck(editor.build(article_text(GREEK))[2])
    restyled = note_types.CSS + "\n.term { letter-spacing: 0.01em; }\n"
    monkeypatch.setattr(note_types, "CSS", restyled)
    note_types._note_type.cache_clear()
    try:
        _, publication, deck = editor.build(article_text(GREEK))
        log = student.import_deck(deck)
    finally:
        note_types._note_type.cache_clear()
    assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 0, 0)
    assert student.col.models.get(ids.TERM_NOTE_TYPE_ID)["css"] == restyled


def test_a_new_review_date_alone_updates_no_note(tmp_path, student):
    """`reviewed` is in no note's fields, so moving it costs students no updates."""
    editor = Editor(tmp_path)
    student.import_deck(editor.build(article_text(GREEK))[2])
    log = student.import_deck(editor.build(article_text(GREEK, reviewed="2026-03-04"))[2])
    assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 0, 0)


def test_a_new_student_is_never_taught_a_retired_item(tmp_path, student):
    """The current deck, imported into a fresh collection, has no card of a retired item;
    a student who had them keeps them, their history and the retired tag."""
    editor = Editor(tmp_path)
    student.import_deck(editor.build(article_text(GREEK))[2])
    histories = student.study_everything()
    deck = editor.build(article_text(edited(remove)))[2]
    student.import_deck(deck)
    beta = [ids.note_guid("revise", "beta", kind) for kind in ("term", "reverse", "list")]
    kept = [card for guid in beta for card in student.note_by_guid(guid).cards()]
    assert len(kept) == 3 and all(card.ivl == histories[card.id] for card in kept)

    folder = tmp_path / "newcomer"
    folder.mkdir()
    newcomer = Student(folder)
    try:
        newcomer.import_deck(deck)
        assert [newcomer.note_by_guid(guid).cards() for guid in beta] == [[], [], []]
        taught = {card.note()["Term"] for card in newcomer.cards()}
        assert "Beta" not in taught and {"Alpha", "Gamma", "Delta", "Epsilon"} <= taught
        assert newcomer.col.find_notes('"tag:revise::retired"'), "the retired notes are there to find"
    finally:
        newcomer.col.close()


def test_anki_unsuspends_a_new_card_on_a_default_import(tmp_path):
    """Why a retired note ships without its card: Anki's default import (no scheduling)
    schedules every incoming card as new, so a suspended card would be taught anyway."""
    import io
    import sqlite3
    import zipfile

    deck = Editor(tmp_path).build(article_text(GREEK))[2]
    with zipfile.ZipFile(io.BytesIO(deck)) as archive:
        db = sqlite3.connect(":memory:")
        db.deserialize(archive.read("collection.anki2"))
    db.execute("UPDATE cards SET queue = -1")
    db.commit()
    suspended = io.BytesIO()
    with zipfile.ZipFile(suspended, "w") as archive:
        archive.writestr("collection.anki2", db.serialize())
        archive.writestr("media", "{}")
    folder = tmp_path / "anki"
    folder.mkdir()
    user = Student(folder)
    try:
        user.import_deck(suspended.getvalue())
        assert {card.queue for card in user.cards()} == {0}
    finally:
        user.col.close()


def test_a_new_title_alone_updates_no_note(tmp_path, student):
    """The title is in no note's fields (the deck's name and description show it)."""
    editor = Editor(tmp_path)
    student.import_deck(editor.build(article_text(GREEK))[2])
    _, publication, deck = editor.build(article_text(GREEK, title="Revision Test, Second Edition"))
    log = student.import_deck(deck)
    assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 0, 0)
    assert all("Revision Test" not in field for entry in publication.entries for field in entry.note.fields)
    # The deck keeps its first name, so the student's Anki has one deck; the editor is told why.
    assert {student.col.decks.name(card.did) for card in student.cards()} == {"Revision Test"}
    assert publication.notes[0].startswith(
        "note: the deck keeps the name it was first published under, "
        "'Revision Test', not the new title 'Revision Test, Second Edition'"
    )


def section_off(s):
    s[0] = ("one-off", s[0][1])  # marked below: this section gets flashcards: false


def reverse_off(s):
    s[0][1][0] = ("Alpha", "The first letter.", None, "reverse: false")


def one_left(s):
    del s[1][1][1]


def undefined(s):
    s[0][1][2] = ("Gamma", None)


KEPT_EDITS = {
    "flashcards: false": (
        section_off,
        "note: section 'one' has flashcards: false; its 9 cards are marked retired",
        {"alpha", "beta", "gamma"},
    ),
    "reverse: false": (
        reverse_off,
        "note: item 'Alpha' has reverse: false; its reverse card is marked retired",
        {"alpha"},
    ),
    "a list of one": (
        one_left,
        "note: item 'Delta' is the only item left in section 'two'; its list card is marked retired",
        {"delta", "epsilon"},
    ),
    "definition removed": (
        undefined,
        "note: item 'Gamma' has no definition now; its term and reverse cards are marked retired",
        {"gamma"},
    ),
}


@pytest.mark.parametrize("name", KEPT_EDITS)
def test_an_item_still_in_the_article_is_retired_with_its_reason(name, tmp_path, student):
    """Cards retired by a setting or an edit are named for what happened, not as a lost item."""
    edit, expected, retired_keys = KEPT_EDITS[name]
    editor = Editor(tmp_path)
    student.import_deck(editor.build(article_text(GREEK))[2])
    histories = student.study_everything()
    text = article_text(edited(edit)).replace(
        "  - id: one-off\n    title: Section One-Off\n", "  - id: one\n    title: Section One\n    flashcards: false\n"
    )
    _, publication, deck = editor.build(text)
    # Only a key gone from the source is named as possibly renamed (Epsilon, removed to leave Delta alone).
    assert publication.notes[0] == expected
    assert [line for line in publication.notes[1:] if "is no longer in the source" not in line] == []
    assert len(publication.notes) == 1 + (name == "a list of one")
    student.import_deck(deck)
    retired = [student.col.get_note(nid) for nid in student.col.find_notes('"tag:revise::retired"')]
    assert {ids.note_guid("revise", key, kind) for key in retired_keys for kind in ("term", "reverse", "list")} >= {
        note.guid for note in retired
    }
    for note in retired:
        assert note["Section"].startswith("Retired card · Section ")
        assert all(card.ivl == histories[card.id] for card in note.cards())
