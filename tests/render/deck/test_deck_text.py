"""The deck's text file (text.py): each row as its cells quoted one by one would make it.

The text is written a whole row at a time when no cell needs quoting; any row with a quote, a
tab, a line break, or a cell that starts with '#' is made cell by cell. Both give one text.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legpain_docs.render.deck import text
from legpain_docs.render.deck.note_types import FIELDS, note_type
from legpain_docs.render.deck.notes import Note
from legpain_docs.render.deck.package import DeckPart
from legpain_docs.render.deck.publication import Entry
from legpain_docs.words import words_for

# Plain cells (a '#' may start one), and cells with what a cell is quoted for.
CELL = st.one_of(
    st.text(alphabet=st.sampled_from("ab #<>é"), max_size=8),
    st.text(alphabet=st.sampled_from('ab #"\t\r\n<>é'), max_size=8),
)
NOTE = st.tuples(st.sampled_from(sorted(FIELDS)), CELL, st.lists(CELL, max_size=6), st.booleans())
WORDS = words_for("en")
TYPES = tuple((note_type(kind, WORDS), 1) for kind in FIELDS)


def cell_by_cell(decks: list[DeckPart]) -> bytes:
    """The text as it was first written: every cell through text._cell."""
    lines = text.deck_text([]).decode("utf-8").splitlines()
    for deck in decks:
        names = {nt.kind: nt.name for nt, _ in deck.note_types}
        for entry in deck.entries:
            if not entry.retired:
                note = entry.note
                fields = list(note.fields) + [""] * (text.WIDTH - len(note.fields))
                cells = [text._cell(note.guid), names[note.kind], deck.name, *map(text._cell, fields)]
                lines.append("\t".join([*cells, " ".join(note.tags)]))
    return ("\n".join(lines) + "\n").encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(notes=st.lists(NOTE, max_size=6), name=CELL)
def test_a_row_written_whole_is_the_row_written_cell_by_cell(notes, name):
    entries = tuple(
        Entry(Note(guid, kind, f"k{n}", tuple(fields[: len(FIELDS[kind])]), ("t",)), 1, retired)
        for n, (kind, guid, fields, retired) in enumerate(notes)
    )
    decks = [DeckPart(1, f"Deck {name}", "", entries, TYPES)]
    assert text.deck_text(decks) == cell_by_cell(decks)


@pytest.mark.parametrize("field", ['say "hi"', "tab\there", "line\nbreak", "line\rbreak", "#2"])
def test_a_cell_that_needs_quoting_is_quoted_alone_and_the_others_are_not(field):
    entry = Entry(Note("guid", "term", "k", ("plain", field, "#", "end"), ("t",)), 1)
    text_ = text.deck_text([DeckPart(1, "Deck", "", (entry,), TYPES)]).decode("utf-8")
    quoted = '"' + field.replace('"', '""') + '"'
    empty = "\t" * (text.WIDTH - 4)  # the fields a term has not
    assert text_.endswith(f'guid\t{TYPES[0][0].name}\tDeck\tplain\t{quoted}\t"#"\tend{empty}\tt\n')


def test_a_guid_that_starts_with_a_hash_is_quoted():
    entry = Entry(Note("#guid", "term", "k", ("a", "b", "c", "d"), ("t",)), 1)
    row = text.deck_text([DeckPart(1, "Deck", "", (entry,), TYPES)]).decode("utf-8").splitlines()[-1]
    assert row.startswith('"#guid"\t')
