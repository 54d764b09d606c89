"""The Anki package of an article, or of a library of articles, as the bytes of an .apkg.

notes.py says which notes an article gives and what they hold; ids.py ties each to a
student's review history; publication.py compares them with the published record (times,
retired notes, the deck's name); package.py writes the file.
"""

from __future__ import annotations

import importlib

# What each name is, loaded on first use (PEP 562): a reader of records (`check`, the
# preview) imports this package without the packager, the publisher and their imports.
_FROM = {
    "LibraryName": ".publication",
    "Publication": ".publication",
    "name_library": ".publication",
    "publish": ".publication",
    "went_back": ".publication",
    "field_text": ".notes",
    "notes_in": ".package",
}
TYPE_CHECKING = False  # checkers read any TYPE_CHECKING as True
if TYPE_CHECKING:
    from ...model import Article
    from .notes import field_text
    from .package import DeckPart, notes_in
    from .publication import LibraryName, Publication, name_library, publish, went_back
    from .record import Published

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


def __getattr__(name: str) -> object:
    if name not in _FROM:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(importlib.import_module(_FROM[name], __name__), name)
    return value


def build_deck(article: Article, *, epoch: int, published: Published | None = None) -> bytes:
    """The .apkg of the article's deck; changed and new notes are dated `epoch` (seconds)."""
    from .publication import publish
    from .record import Published

    return package_article(publish(article, published or Published(), epoch=epoch))


def package_article(publication: Publication) -> bytes:
    from .package import package

    return package([_part(publication, publication.deck_id, publication.name)])


def text_article(publication: Publication) -> bytes:
    """The article's deck as a tab-separated file with Anki's import headers."""
    from .text import deck_text

    return deck_text([_part(publication, publication.deck_id, publication.name)])


def build_library(parent: str, publications: list[Publication]) -> bytes:
    """One package with every article's deck as a subdeck of the library's deck, `parent`
    (the name `name_library` keeps).

    The notes are the very notes of each article's own deck, times and all, so a student
    who imports both gets each note once.
    """
    from .package import package

    return package(_library_parts(parent, publications))


def library_text(parent: str, publications: list[Publication]) -> bytes:
    """The library deck as a tab-separated file with Anki's import headers."""
    from .text import deck_text

    return deck_text(_library_parts(parent, publications))


def _library_parts(parent: str, publications: list[Publication]) -> list[DeckPart]:
    from ... import ids
    from .package import DeckPart

    decks = [DeckPart(ids.library_deck_id(parent), parent, "", ())]
    return decks + [_part(p, ids.library_subdeck_id(p.article_id), f"{parent}::{p.name}") for p in publications]


def _part(publication: Publication, deck_id: int, name: str) -> DeckPart:
    from .package import DeckPart

    return DeckPart(deck_id, name, publication.description, publication.entries, publication.note_types)
