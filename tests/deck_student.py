"""Test helpers for the deck: a student's Anki (the real engine) and an editor who revises."""

from __future__ import annotations

import html
import re
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from legpain_docs import Article, load_article
from legpain_docs.render.deck.record import format_record
from legpain_docs.render.deck.record_file import read_record
from legpain_docs.render.deck import Publication, package_article, publish

FIRST_EPOCH = 1767312000  # 2026-01-02, the fixtures' review date
DAY = 86_400


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

    def study_everything(self) -> dict[int, int]:
        """Give every card its own history (interval = a number no other card has); card id -> interval."""
        histories = {}
        for number, card in enumerate(self.cards(), start=3):
            card.type = card.queue = 2
            card.ivl, card.reps, card.due = number, number, self.col.sched.today + number
            self.col.update_card(card)
            histories[card.id] = number
        return histories

    def guids(self) -> list[str]:
        return self.col.db.list("select guid from notes order by guid")


class Editor:
    """An editor who revises an article and builds its deck, keeping the record as a file."""

    def __init__(self, folder: Path, epoch: int = FIRST_EPOCH):
        self.folder, self.epoch, self.builds = folder, epoch, 0
        self.record = folder / "article.deck-record"

    def build(self, text: str) -> tuple[Article, Publication, bytes]:
        """The deck of `text`, a day after the previous build; the record is rewritten."""
        self.builds += 1
        source = self.folder / f"v{self.builds}.yaml"
        source.write_text(text, encoding="utf-8")
        article = load_article(source)
        publication = publish(article, read_record(self.record), epoch=self.epoch + (self.builds - 1) * DAY)
        self.record.write_text(format_record(publication.record, source.name), encoding="utf-8")
        return article, publication, package_article(publication)


def visible(card_html: str) -> str:
    """The text a student sees: no stylesheet, no tags, entities resolved, spaces collapsed."""
    body = re.sub(r"<style>.*?</style>", "", card_html, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def article_text(sections: list[tuple[str, list[tuple]]], *, id: str = "revise", title: str = "Revision Test",
                 reviewed: str = "2026-01-02") -> str:
    """A source: sections as (id, items), items as (term, definition or None[, key[, more YAML]])."""
    lines = [f"id: {id}", f"title: {title}", f"reviewed: {reviewed}", "sections:"]
    for section_id, items in sections:
        lines += [f"  - id: {section_id}", f"    title: Section {section_id.title()}", "    intro: The letters.", "    items:"]
        for term, definition, *rest in items:
            lines.append(f"      - term: {term}")
            if definition:
                lines.append(f"        definition: {definition}")
            if rest and rest[0]:
                lines.append(f"        key: {rest[0]}")
            lines += [f"        {extra}" for extra in rest[1:]]
    return "\n".join(lines) + "\n"
