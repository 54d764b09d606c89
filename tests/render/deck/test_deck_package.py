"""The package writes each note and its card as genanki's own Note.write_to_db would, to the byte
(package.py writes them itself, without genanki's costs per note), and a publication kept
between builds (kept.py) packages to the bytes of the publication it was made from."""

from __future__ import annotations

import hashlib
import importlib

from legpain_docs import load_article
from legpain_docs.render.deck import build_library, library_text, package_article, publish, text_article
from legpain_docs.render.deck.kept import part_from, part_text
from legpain_docs.render.deck.record import Published, record_path
from legpain_docs.render.deck.record_file import read_record

from tests.conftest import ARTICLE_PATH, DATA

EPOCH = 1790000000
PACKAGE = importlib.import_module("legpain_docs.render.deck.package")  # the module, which `package` the function hides


def publications():
    """The seed with its record (retired notes among them), the figures' article (occlusion
    notes, pictures) and a fixture with sentence items."""
    seed = publish(load_article(ARTICLE_PATH), read_record(record_path(ARTICLE_PATH)), epoch=EPOCH)
    figures = publish(load_article(DATA / "figures" / "figures.yaml"), Published(), epoch=EPOCH)
    markup = publish(load_article(DATA / "deck-markup.yaml"), Published(), epoch=EPOCH)
    assert any(e.retired for e in seed.entries) and any(e.note.kind == "occlusion" for e in figures.entries)
    assert any(e.note.media for e in figures.entries)
    return [seed, figures, markup]


class GenankiWriter:
    """What package.py did before it wrote notes itself: genanki's Note.write_to_db."""

    def __init__(self, genanki, model):
        self.genanki, self.model = genanki, model

    def write(self, cursor, entry, deck_id, number, due):
        note = self.genanki.Note(
            self.model, list(entry.note.fields), guid=entry.note.guid, tags=list(entry.note.tags), due=due
        )
        note.write_to_db(cursor, entry.mod, deck_id, iter((number, number)))


def test_notes_are_written_as_genanki_writes_them(monkeypatch):
    made = publications()
    ours = [package_article(p) for p in made] + [build_library("Library", made)]
    monkeypatch.setattr(PACKAGE, "_NoteWriter", GenankiWriter)
    assert ours == [package_article(p) for p in made] + [build_library("Library", made)]


def test_a_kept_part_packages_to_the_bytes_of_its_publication():
    made = publications()
    kept = [part_from(part_text(p, "en")) for p in made]
    assert [package_article(p) for p in kept] == [package_article(p) for p in made]
    assert [text_article(p) for p in kept] == [text_article(p) for p in made]
    assert build_library("Library", kept) == build_library("Library", made)
    assert library_text("Library", kept) == library_text("Library", made)


def test_a_damaged_part_is_none():
    text = part_text(publications()[1], "en")
    head, _, body = text.partition(b"\n")
    signed = b"legpain-docs deck part 1 " + hashlib.sha256(b"{}").hexdigest().encode() + b"\n{}"  # whole, but no part
    for damaged in [b"", text[:-1], head + b"\n" + body[:-9] + b"X" + body[-8:], head + b"\n{}", signed]:
        assert part_from(damaged) is None
    assert part_from(text) is not None
