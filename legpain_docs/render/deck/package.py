"""Decks of notes as the bytes of an .apkg: genanki's collection, in a zip with fixed dates.

Every time stamp comes from the notes: each note and its card carry the note's own time,
each note type its own, and the ids and the zip's dates count from the latest of them.
So the file is a pure function of its notes, and the same notes give the same bytes.
Ids are not identity (guids are); Anki needs them unique and not in the future.

A retired note goes in without its card. Anki's importer adds only the cards a package
holds, and it adds them as new cards whatever their queue says (a suspended card arrives
unsuspended unless the student ticks "Import scheduling"), so a card in the file would
teach a new student an item the article dropped. Without it, a student who already has
the card keeps it and its history, and gets the note's retired label and tag; a new
student gets only the note, with nothing to study. (Tools > Check Database gives such a
note its card back, as a new card tagged retired.)
"""

from __future__ import annotations

import io
import json
import sqlite3
import time
import zipfile
from contextlib import closing
from dataclasses import dataclass

from ...errors import ContentError
from .note_types import NoteType
from .publication import Entry

# Some Anki versions refuse a package with an id more than a day ahead of their clock; the
# others accept it, and then a future time outdates every later revision until that day.
ANKI_ID_SLACK_MS = 86_400_000
ZIP_DATES = ((1980, 1, 1, 0, 0, 0), (2107, 12, 31, 23, 59, 58))  # what a zip entry can record


@dataclass(frozen=True)
class DeckPart:
    deck_id: int
    name: str
    description: str
    entries: tuple[Entry, ...]
    note_types: tuple[tuple[NoteType, int], ...] = ()  # for its entries, with their times


def package(decks: list[DeckPart]) -> bytes:
    """The .apkg of `decks` (a parent deck first, when there is one)."""
    latest: dict[int, tuple[NoteType, int]] = {}
    for deck in decks:
        for nt, mod in deck.note_types:
            if nt.model.model_id not in latest or latest[nt.model.model_id][1] < mod:
                latest[nt.model.model_id] = (nt, mod)
    note_types = list(latest.values())
    stamp = max([mod for _, mod in note_types] + [entry.mod for deck in decks for entry in deck.entries])
    count = sum(len(deck.entries) for deck in decks)
    if stamp * 1000 + count > time.time() * 1000 + ANKI_ID_SLACK_MS:
        raise ContentError(
            f"the deck would be dated in the future ({time.strftime('%Y-%m-%d', time.gmtime(stamp))}): "
            "Anki would refuse it or let it block later updates; check SOURCE_DATE_EPOCH and the clock"
        )
    from .library import (
        load_genanki,  # here, not at the top: `check` reads records through this package without writing a deck
    )

    genanki = load_genanki()

    with closing(sqlite3.connect(":memory:")) as db:
        cursor = db.cursor()
        genanki.Package([]).write_to_db(cursor, stamp, iter(()))
        cursor.execute(
            "UPDATE col SET decks = ?, models = ?",
            (
                json.dumps({str(d.deck_id): genanki.Deck(d.deck_id, d.name, d.description).to_json() for d in decks}),
                json.dumps(
                    {str(nt.model.model_id): nt.model.to_json(mod, decks[-1].deck_id) for nt, mod in note_types}
                ),
            ),
        )
        number = stamp * 1000
        by_model: dict[int, _NoteWriter] = {}  # one for each note type, whatever its deck
        for deck in decks:
            writers = {
                nt.kind: by_model.get(nt.model.model_id)
                or by_model.setdefault(nt.model.model_id, _NoteWriter(genanki, nt.model))
                for nt, _ in deck.note_types
            }
            # A new card's due number is its place in the new-card queue: the article's order.
            for due, entry in enumerate(deck.entries, start=1):
                number += 1
                writers[entry.note.kind].write(cursor, entry, deck.deck_id, number, due)
                if entry.retired:
                    cursor.execute("DELETE FROM cards WHERE nid = ?", (number,))
        db.commit()
        collection = db.serialize()
    media = _media(decks)
    files = [(str(n), data) for n, (_, data) in enumerate(media)]
    index = json.dumps({str(n): name for n, (name, _) in enumerate(media)}).encode() if media else b"{}"
    return _zip([("collection.anki2", collection), ("media", index), *files], stamp)


class _NoteWriter:
    """Notes of one note type and their cards, written as genanki 0.13.1 (pinned) writes them
    (Note.write_to_db, with `number` for the note's id and its card's), without its costs per
    note, which a library deck of thousands of notes feels: its `cards` property asks asyncio
    (through the cached_property package) whether it is a coroutine each time, and its check
    for invalid HTML only warns (the fields are escaped where they are made)."""

    def __init__(self, genanki, model):
        self.model = model
        if model.model_type == model.FRONT_BACK:  # Note._front_back_cards: a card when its template's fields are there
            required = model._req
            self.cards = lambda fields: [
                o for o, how, needed in required if (any if how == "any" else all)(fields[n] for n in needed)
            ]
        elif model.model_type == model.CLOZE:
            self.cards = lambda fields: [card.ord for card in genanki.Note(model, list(fields))._cloze_cards()]
        else:
            raise ValueError("Expected model_type CLOZE or FRONT_BACK")

    def write(self, cursor: sqlite3.Cursor, entry: Entry, deck_id: int, number: int, due: int) -> None:
        fields, tags, mod = entry.note.fields, entry.note.tags, int(entry.mod)
        if len(fields) != len(self.model.fields) or any(" " in tag for tag in tags):
            raise ValueError(f"note {entry.note.guid}: {len(fields)} fields for {len(self.model.fields)}, tags {tags}")
        cursor.execute(
            "INSERT INTO notes VALUES(?,?,?,?,?,?,?,?,?,?,?);",
            (
                number,
                entry.note.guid,
                self.model.model_id,
                mod,
                -1,
                f" {' '.join(tags)} ",
                "\x1f".join(fields),
                fields[self.model.sort_field_index],
                0,
                0,
                "",
            ),
        )
        cards = self.cards(fields)
        if len(cards) > 1:  # one id for the note and one for its card (genanki's id generator would stop)
            raise ValueError(f"note {entry.note.guid}: {len(cards)} cards, where a note has one")
        for order in cards:
            cursor.execute(
                "INSERT INTO cards VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?);",
                (number, number, deck_id, order, mod, -1, 0, 0, due, 0, 0, 0, 0, 0, 0, 0, 0, ""),
            )


def _media(decks: list[DeckPart]) -> list[tuple[str, bytes]]:
    """Every picture the notes show, once each, by name: the package's media files and their order."""
    found = {name: data for deck in decks for entry in deck.entries for name, data in entry.note.media}
    return sorted(found.items())


def _zip(entries: list[tuple[str, bytes]], epoch: int) -> bytes:
    """A zip of `entries` in this order whose bytes depend on nothing but its input.

    Stored, not deflated: a deflated stream can differ between zlib builds (zlib-ng, say),
    and the file must be the same on every machine.
    """
    low, high = ZIP_DATES
    stamp = max(low, min(high, time.gmtime(epoch)[:6]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3  # ZipInfo would say Windows or Unix after the building machine
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def notes_in(data: bytes) -> dict[str, tuple[int, tuple[str, ...]]]:
    """guid -> (modification time, fields) of every note in an .apkg this package wrote; {} for other data."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, closing(sqlite3.connect(":memory:")) as db:
            db.deserialize(archive.read("collection.anki2"))
            rows = db.execute("SELECT guid, mod, flds FROM notes").fetchall()
    except (zipfile.BadZipFile, KeyError, sqlite3.DatabaseError):
        return {}
    return {guid: (mod, tuple(fields.split("\x1f"))) for guid, mod, fields in rows}
