"""Test helpers for the deck: a student's Anki (the real engine) and an editor who revises."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import NamedTuple

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from legpain_docs import Article, load_article
from legpain_docs.render.deck import Publication, package_article, publish
from legpain_docs.render.deck.changes import format_changes, read_changes
from legpain_docs.render.deck.record import format_record
from legpain_docs.render.deck.record_file import read_record

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

    def reopen(self) -> None:
        path = self.col.path
        self.col.close()
        self.col = Collection(path)

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
        self.changes = folder / "article.deck-changes"

    def build(self, text: str) -> tuple[Article, Publication, bytes]:
        """The deck of `text`, a day after the previous build; the record is rewritten."""
        self.builds += 1
        source = self.folder / f"v{self.builds}.yaml"
        source.write_text(text, encoding="utf-8")
        article = load_article(source)
        publication = publish(
            article,
            read_record(self.record),
            epoch=self.epoch + (self.builds - 1) * DAY,
            releases=read_changes(self.changes),
        )
        self.record.write_text(format_record(publication.record, source.name), encoding="utf-8")
        self.changes.write_text(format_changes(publication.releases, source.name), encoding="utf-8")
        return article, publication, package_article(publication)


def visible(card_html: str) -> str:
    """The text a student sees: no stylesheet, no tags, entities resolved, spaces collapsed."""
    body = re.sub(r"<style>.*?</style>", "", card_html, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def article_text(
    sections: list[tuple[str, list[tuple]]],
    *,
    id: str = "revise",
    title: str = "Revision Test",
    reviewed: str = "2026-01-02",
) -> str:
    """A source: sections as (id, items), items as (term, definition or None[, key[, more YAML]])."""
    lines = [f"id: {id}", f"title: {title}", f"reviewed: {reviewed}", "sections:"]
    for section_id, items in sections:
        lines += [
            f"  - id: {section_id}",
            f"    title: Section {section_id.title()}",
            "    intro: The letters.",
            "    items:",
        ]
        for term, definition, *rest in items:
            lines.append(f"      - term: {term}")
            if definition:
                lines.append(f"        definition: {definition}")
            if rest and rest[0]:
                lines.append(f"        key: {rest[0]}")
            lines += [f"        {extra}" for extra in rest[1:]]
    return "\n".join(lines) + "\n"


class Introduction(NamedTuple):
    """A new card as a student first meets it: on which day, what its two sides show."""

    day: int
    question: str
    answer: str


def first_weeks(student: Student, days: int = 14) -> list[Introduction]:
    """Study every day for `days` days with Anki's default options (20 new cards a day, new
    siblings not buried), answering Good; the new cards in the order Anki introduced them."""
    introduced = []
    decks = {student.col.decks.name(card.did): card.did for card in student.cards()}
    for day in range(days):
        student.col.decks.select(decks[min(decks)])  # the article's deck, or the library's parent deck
        while (card := student.col.sched.getCard()) is not None:
            if card.type == 0:
                introduced.append(Introduction(day, visible(card.question()), visible(card.answer())))
            student.col.sched.answerCard(card, 3)
        student.col.crt -= DAY  # the next day: Anki counts days from the collection's creation,
        student.reopen()  # and its engine keeps today's number until the collection is opened again
    return introduced


class Giveaway(NamedTuple):
    """A new card whose answer a new card introduced earlier the same day had shown."""

    card: int  # its place among the new cards, from 0
    distance: int  # how many new cards after the nearest card that showed its answer


def giveaways(introduced: list[Introduction], texts: list[str]) -> list[Giveaway]:
    """Every new card that asks for a text (one of `texts`: the article's terms and definitions,
    shown on its back and not on its front) shown by a new card introduced earlier that day.

    The texts are matched as words, in any case, wherever a card shows them: this knows nothing
    of how the deck is made, only what a student reads.
    """
    found = []
    for number, card in enumerate(introduced):
        asked = [text for text in texts if _shows(card.answer, text) and not _shows(card.question, text)]
        # The whole texts only: a card asking for 'Vary the route' does not ask for 'Route'.
        asked = [text for text in asked if not any(other != text and _shows(other, text) for other in asked)]
        givers = [
            earlier
            for earlier in range(number)
            if introduced[earlier].day == card.day
            and any(_shows(introduced[earlier].question + " " + introduced[earlier].answer, text) for text in asked)
        ]
        if givers:
            found.append(Giveaway(number, number - max(givers)))
    return found


def _shows(shown: str, text: str) -> bool:
    words = " ".join(text.split()).casefold()
    return re.search(r"(?<!\w)" + re.escape(words) + r"(?!\w)", shown.casefold()) is not None


def article_texts(article: Article) -> list[str]:
    """The terms and definitions of an article's cards: what a card may ask for."""
    return [
        text
        for section in article.sections
        if section.flashcards
        for item in section.items
        for text in (item.term, item.definition)
        if text
    ]
