"""The Anki deck, imported by Anki's own engine the way a student's Anki imports it."""

from __future__ import annotations

import html
import io
import json
import re
import sqlite3
import time
import warnings
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legpain_docs import Article, ContentError, ids, keys, load_article
from legpain_docs.render.deck import build_deck, field_text, note_types
from legpain_docs.render.deck.notes import FUNCTION_WORDS, hide_term_words
from legpain_docs.render.deck.record import record_path
from legpain_docs.render.deck.record_file import read_record
from legpain_docs.words import ENGLISH

from tests.conftest import ARTICLE_PATH, DATA
from tests.deck_student import visible

MARKUP = DATA / "deck-markup.yaml"


def build(article: Article) -> bytes:
    return build_deck(article, epoch=article.reviewed_epoch)


def expected_notes(article: Article) -> list[tuple[str, str]]:
    """(guid, kind) of every note the contract asks for, in the article's order: per section, a
    term note for each defined item (or item written as a sentence) and a reverse note for each
    defined item, then a list note per item when it lists two or more."""
    notes = []
    for section in article.sections:
        for item in section.defined_items:
            notes.append((ids.note_guid(article.id, keys.item_key(item), "term"), "term"))
            if item.reverse and not item.sentence:
                notes.append((ids.note_guid(article.id, keys.item_key(item), "reverse"), "reverse"))
        if len(section.items) >= 2:
            notes += [(ids.note_guid(article.id, keys.item_key(item), "list"), "list") for item in section.items]
    return notes


def test_the_seed_deck_has_one_card_per_note_and_the_same_cards_as_before(article, student):
    log = student.import_deck(build(article))
    notes = expected_notes(article)
    assert len(log.new) == len(notes) == student.col.note_count() == student.col.card_count()
    for guid, kind in notes:
        assert student.note_by_guid(guid).note_type()["name"] == f"legpain-docs {kind}"
    # By hand from the source: 15 defined items (30 cards), 3 items written as sentences (3 term
    # cards, no reverse), 7 lists of 4+3+4+2+3+4+4 items (24 cards).
    assert student.col.card_count() == 57


def test_every_card_shows_a_question_and_a_different_answer(article, student):
    student.import_deck(build(article))
    for card in student.cards():
        question, answer = visible(card.question()), visible(card.answer())
        assert question, f"card {card.id} has an empty question"
        assert answer and answer != question


def test_one_deck_named_after_the_article_with_section_tags(article, student):
    student.import_deck(build(article))
    assert {student.col.decks.name(card.did) for card in student.cards()} == {article.title}
    for section in article.sections:
        found = {student.col.get_note(nid).guid for nid in student.col.find_notes(f'"tag:{article.id}::{section.id}"')}
        items = {keys.item_key(item) for item in section.items}
        assert found == {
            guid
            for guid, _ in expected_notes(article)
            if any(guid == ids.note_guid(article.id, key, kind) for key in items for kind in note_types.KINDS)
        }
    for note_id in student.col.find_notes(""):
        assert len(student.col.get_note(note_id).tags) == 1


def test_new_cards_keep_the_articles_order_within_each_kind(article, student):
    student.import_deck(build(article))
    kinds = {guid: kind for guid, kind in expected_notes(article)}
    queue = [card.note().guid for card in student.cards()]
    assert sorted(queue) == sorted(kinds)
    for kind in note_types.KINDS:
        assert [g for g in queue if kinds[g] == kind] == [g for g, k in expected_notes(article) if k == kind]
    # Lists first, then what their entries mean, then the way back: the plan's first choice.
    assert [kinds[g] for g in queue][:20] == ["list"] * 20 and kinds[queue[-1]] == "reverse"


def test_term_cards_ask_both_ways_and_the_reverse_hides_the_terms_words(article, student):
    student.import_deck(build(article))
    section = article.sections[2]
    item = next(item for item in section.items if item.term == "Piriformis syndrome")
    front = student.note_by_guid(ids.note_guid(article.id, "piriformis-syndrome", "term")).cards()[0]
    back = student.note_by_guid(ids.note_guid(article.id, "piriformis-syndrome", "reverse")).cards()[0]
    assert item.term in visible(front.question()) and item.definition not in visible(front.question())
    assert item.definition in visible(front.answer())
    assert "Spasm of the ___ muscle" in visible(back.question())
    assert "piriformis" not in visible(back.question()).lower()
    assert item.term in visible(back.answer()) and item.definition in visible(back.answer())
    for card in (front, back):
        assert section.title in visible(card.question())
        # The article shows as the card's deck, never in a field: a new title updates no note.
        assert student.col.decks.name(card.did) == article.title
        assert all(article.title not in field for field in card.note().fields)


def test_no_reverse_card_gives_its_answer_away(article, student):
    student.import_deck(build(article))
    for card in student.cards():
        note = card.note()
        if note.note_type()["name"] != "legpain-docs reverse":
            continue
        (clue,) = re.findall(r'<div class="definition">(.*?)</div>', card.question(), flags=re.S)
        question = visible(clue).casefold()
        for word in re.findall(r"\w+", note["Term"].casefold()):
            if word not in FUNCTION_WORDS:  # however short: 'hip', 'l5'
                assert not re.search(rf"\b{word[:-1] if len(word) >= 4 else word}", question), (
                    f"'{note['Term']}' shows in its own clue"
                )
            # Nor a long piece of it: 'arthritis' for Osteoarthritis.
            for piece in re.findall(r"\w{5,}", question):
                assert piece not in word, f"'{note['Term']}' shows in its own clue as '{piece}'"


def test_hiding_the_terms_words():
    assert (
        hide_term_words("Wear-and-tear arthritis of the hip joint.", "Hip osteoarthritis")
        == "Wear-and-tear ___ of the ___ joint."
    )
    assert (
        hide_term_words("Pain in the L5 root, from the back.", "L5 and S1 radiculopathy")
        == "Pain in the ___ root, from the back."
    )
    assert hide_term_words("Une névrite du NERF sciatique.", "Névrite sciatique") == "Une ___ du NERF ___."
    assert hide_term_words("Une nevrite.", "Névrite") == "Une ___."
    assert hide_term_words("A relationship of the hip.", "Hip pain") == "A relationship of the ___."
    assert hide_term_words("Pain of the leg and the foot.", "Leg and foot pain") == "___ of the ___ and the ___."
    assert hide_term_words("Spasm of the piriformis muscle.", "Piriformis syndrome") == "Spasm of the ___ muscle."
    assert hide_term_words("A disc that bulges.", "Herniated discs") == "A ___ that bulges."
    assert hide_term_words("Nerve roots at L5 and S1.", "L5 and S1 radiculopathy") == "Nerve roots at ___ and ___."


def test_each_list_card_shows_the_list_up_to_the_hidden_item(article, student):
    """The entries before the hidden one as context; the ones after it on neither side, so no
    list card shows the entry a later list card asks for; the list's lead-in, not the whole intro."""
    student.import_deck(build(article))
    for section in article.sections:
        if len(section.items) < 2:
            continue
        lead = re.split(r"(?<=[.!?])\s+", section.intro[-1])[-1]
        for number, hidden in enumerate(section.items):
            (card,) = student.note_by_guid(ids.note_guid(article.id, keys.item_key(hidden), "list")).cards()
            question, answer = visible(card.question()), visible(card.answer())
            assert section.title in question and "[...]" in question and ENGLISH.list_prompt in question
            assert lead.endswith(":") and lead in question and lead in answer
            if lead != section.intro[-1]:  # the sentences before the lead-in stay in the handout
                assert section.intro[-1] not in question
            terms = [item.term for item in section.items]
            assert [term for term in terms if term in question] == terms[:number]
            assert [term for term in terms if term in answer] == terms[: number + 1]


def test_a_one_item_section_has_no_list_note(student):
    article = load_article(MARKUP)
    student.import_deck(build(article))
    single = article.sections[1]
    assert len(single.items) == 1
    assert sorted(
        student.col.get_note(n).guid for n in student.col.find_notes(f'"tag:{article.id}::{single.id}"')
    ) == sorted(ids.note_guid(article.id, "lonely", kind) for kind in ("term", "reverse"))


def test_markup_and_anki_syntax_show_literally_and_stay_inert(student):
    article = load_article(MARKUP)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # genanki warns when a field holds unescaped markup
        data = build(article)
    student.import_deck(data)
    assert student.col.note_count() == len(expected_notes(article))
    shown = " ".join(visible(card.question()) + " " + visible(card.answer()) for card in student.cards())
    for section in article.sections:
        for item in section.items:
            assert item.term in shown
            assert item.said is None or item.said in shown
    assert "Text with <i>tags</i> & ampersands; α and β waves:" in shown  # a list's lead-in
    assert "Signs: <, > & {{braces}}" in shown and "Editors & <Staff>" in shown
    for literal in ("[sound:alarm.mp3]", "[latex]x^2[/latex]", "[$]y_1[/$]", "[$$]z[/$$]", r"\(a+b\)", r"\[c\]"):
        assert literal in shown, literal
    for card in student.cards():
        for side in (card.question(), card.answer()):
            assert "<script>" not in side and "<b>not bold" not in side
            assert "latex-" not in side and "<img" not in side, "Anki typeset a formula"
            # MathJax reads the page: every field sits in a block that tells it to keep out.
            assert '<div class="sheet mathjax_ignore tex2jax_ignore">' in side
            assert "\\(" not in side and "\\[" not in side
        assert card.question_av_tags() == [] and card.answer_av_tags() == [], "a [sound:] tag would play"


def test_the_title_never_makes_a_subdeck(tmp_path, student):
    from tests.deck_student import article_text

    path = tmp_path / "a.yaml"
    path.write_text(
        article_text([("one", [("Alpha", "A."), ("Beta", "B.")])], title='"Part 1:: Legs"'), encoding="utf-8"
    )
    student.import_deck(build(load_article(path)))
    names = [name for name in student.col.decks.all_names_and_ids() if name.id != 1]
    assert [deck.name for deck in names] == ["Part 1: : Legs"]


@given(st.text())
def test_field_text_escapes_everything_anki_would_read(text):
    shown = field_text(text)
    assert html.unescape(shown) == text
    assert not set(shown) & set("<>{}[]\\")


def test_keys_are_derived_as_the_issue_says():
    assert keys.derived_key("L5 and S1 radiculopathy") == "l5-and-s1-radiculopathy"
    assert keys.derived_key("  Café — Ünïcode!  ") == "cafe-unicode"
    assert keys.derived_key("α-Synuclein") == "α-synuclein"
    assert keys.derived_key("+ / +") == ""


def test_the_same_source_gives_the_same_bytes(article):
    assert build(article) == build(article)


def test_the_committed_record_matches_the_seed(article):
    """The committed record is what `make anki` would write: an edit without `make anki` fails here."""
    from legpain_docs.render.deck import publish
    from legpain_docs.render.deck.record import format_record

    record = read_record(record_path(ARTICLE_PATH))
    assert record.notes, "source/leg-foot-pain.deck-record is missing: run `make anki` and commit it"
    publication = publish(article, record, epoch=int(time.time()))
    assert format_record(publication.record, ARTICLE_PATH.name) == record_path(ARTICLE_PATH).read_text(encoding="utf-8")


def test_every_time_stamp_comes_from_the_notes(article):
    epoch = article.reviewed_epoch
    data = build_deck(article, epoch=epoch)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert [info.filename for info in archive.infolist()] == ["collection.anki2", "media"]
        assert {info.date_time for info in archive.infolist()} == {time.gmtime(epoch)[:6]}
        db = open_collection(archive.read("collection.anki2"))
    assert set(db.execute("select mod from notes union select mod from cards")) == {(epoch,)}
    for (models,) in db.execute("select models from col"):
        assert {model["mod"] for model in json.loads(models).values()} == {epoch}
    ((low, high),) = db.execute("select min(id), max(id) from (select id from notes union select id from cards)")
    assert epoch * 1000 <= low and high < epoch * 1000 + 1000
    assert build_deck(article, epoch=epoch + 86400) != data


def test_a_deck_dated_after_tomorrow_is_refused(article):
    with pytest.raises(ContentError, match="in the future"):
        build_deck(article, epoch=int(time.time()) + 3 * 86400)


def test_english_note_types_keep_their_ids_and_others_have_their_own():
    from dataclasses import replace

    spanish = replace(ENGLISH, language="es", term_prompt="¿Qué término es?")
    for kind, known in (
        ("term", ids.TERM_NOTE_TYPE_ID),
        ("reverse", ids.REVERSE_NOTE_TYPE_ID),
        ("list", ids.LIST_NOTE_TYPE_ID),
    ):
        model = note_types.note_type(kind, ENGLISH).model
        fields, templates = [f["name"] for f in model.fields], [t["name"] for t in model.templates]
        assert model.model_id == known == ids.note_type_id(model.name, fields, templates), (
            f"the fields or templates of '{model.name}' changed: see ids.py before giving it a new id"
        )
        translated = note_types.note_type(kind, spanish).model
        assert translated.name == f"legpain-docs {kind} (es)" and translated.model_id != known
        assert "¿Qué término es?" in json.dumps(translated.templates, ensure_ascii=False) or kind != "reverse"


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
    ((models, decks),) = db.execute("select models, decks from col")
    note_types_ = {
        model["id"]: {
            "name": model["name"],
            "fields": [f["name"] for f in model["flds"]],
            "templates": [t["name"] for t in model["tmpls"]],
        }
        for model in json.loads(models).values()
        if model["name"].startswith("legpain-docs")
    }
    card_counts = dict(db.execute("select nid, count() from cards group by nid"))
    notes = [
        {
            "guid": guid,
            "type": note_types_[str(mid)]["name"],
            "tags": tags.split(),
            "fields": dict(zip(note_types_[str(mid)]["fields"], fields.split("\x1f"))),
            "cards": card_counts[nid],
        }
        for nid, guid, mid, tags, fields in db.execute("select id, guid, mid, tags, flds from notes order by id")
    ]
    deck_names = {
        d["id"]: {"name": d["name"], "description": d["desc"]} for d in json.loads(decks).values() if d["id"] != 1
    }
    result = {
        "decks": deck_names,
        "note_types": note_types_,
        "notes": notes,
        "totals": {"notes": len(notes), "cards": sum(card_counts.values())},
    }
    return json.dumps(result, indent=2, ensure_ascii=False) + "\n"
