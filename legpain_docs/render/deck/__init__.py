"""The Anki package of an article, or of a library of articles, as the bytes of an .apkg.

notes.py says which notes an article gives and what they hold; ids.py ties each to a
student's review history; publish.py compares them with the published record (times,
retired notes, the deck's name); package.py writes the file.
"""

from __future__ import annotations

from ... import ids
from ...model import Article
from .notes import field_text
from .package import DeckPart, notes_in, package
from .publish import LibraryName, Publication, name_library, publish, went_back
from .record import Published
from .text import deck_text

__all__ = [
    "LibraryName",
    "Publication",
    "build_deck",
    "build_library",
    "field_text",
    "library_text",
    "name_library",
    "notes_in",
    "package_article",
    "publish",
    "text_article",
    "went_back",
]


def build_deck(article: Article, *, epoch: int, published: Published | None = None) -> bytes:
    """The .apkg of the article's deck; changed and new notes are dated `epoch` (seconds)."""
    return package_article(publish(article, published or Published(), epoch=epoch))


def package_article(publication: Publication) -> bytes:
    return package([_part(publication, publication.deck_id, publication.name)])


def text_article(publication: Publication) -> bytes:
    """The article's deck as a tab-separated file with Anki's import headers."""
    return deck_text([_part(publication, publication.deck_id, publication.name)])


def build_library(parent: str, publications: list[Publication]) -> bytes:
    """One package with every article's deck as a subdeck of the library's deck, `parent`
    (the name `name_library` keeps).

    The notes are the very notes of each article's own deck, times and all, so a student
    who imports both gets each note once.
    """
    return package(_library_parts(parent, publications))


def library_text(parent: str, publications: list[Publication]) -> bytes:
    """The library deck as a tab-separated file with Anki's import headers."""
    return deck_text(_library_parts(parent, publications))


def _library_parts(parent: str, publications: list[Publication]) -> list[DeckPart]:
    decks = [DeckPart(ids.library_deck_id(parent), parent, "", ())]
    return decks + [_part(p, ids.library_subdeck_id(p.article_id), f"{parent}::{p.name}") for p in publications]


def _part(publication: Publication, deck_id: int, name: str) -> DeckPart:
    return DeckPart(deck_id, name, publication.description, publication.entries, publication.note_types)
