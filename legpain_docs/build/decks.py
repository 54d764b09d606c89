"""The decks in a library build: which are out of date, and one task that publishes them.

The decks are published together (render/deck/publishing.py): the library deck holds every
article's notes, so it waits until every article is free of errors. Only the decks whose
inputs changed are packaged again: one changed article rewrites its own deck and the
library deck, not the others.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .manifest import Manifest, digest
from .plan import Source, file_digest
from .registry import LIBRARY_DECK

NO_DECK = ("no deck was built: the decks wait until every article is free of errors "
           "(the library deck holds them all)")


@dataclass(frozen=True)
class DeckInputs:
    """What the decks are made from, beyond each article's source."""

    code: str
    epoch_setting: str | None  # SOURCE_DATE_EPOCH as set, or None
    library_file: str | None  # None: no library deck (a selection of articles, not the library)


def deck_made_from(inputs: DeckInputs, source: Source, records: dict[str, str | None] | None = None) -> str:
    """What an article's deck is made from; `records`, the record files' digests when already read."""
    record = (records or {}).get(source.path) or _record_digest(source.path)
    return digest(inputs.code, "deck", source.digest, record, inputs.epoch_setting)


def library_made_from(inputs: DeckInputs, sources: list[Source], records: dict[str, str | None] | None = None) -> str:
    parts = [inputs.code, "library", inputs.epoch_setting, file_digest(inputs.library_file),
             _record_digest(inputs.library_file)]
    for source in sources:
        parts += [source.path, source.digest, (records or {}).get(source.path) or _record_digest(source.path)]
    return digest(*parts)


def _record_digest(path: str) -> str | None:
    from ..names import record_path

    return file_digest(record_path(path))


def stale_decks(inputs: DeckInputs, sources: list[Source], manifest: Manifest) -> tuple[set[str], bool]:
    """The ids of the article decks out of date, and whether the library deck is."""
    from ..names import output_name

    records = {s.path: _record_digest(s.path) for s in sources}  # each read once, for both questions
    stale = {s.article_id for s in sources if not manifest.up_to_date(output_name(s.article_id, "deck"),
                                                                       deck_made_from(inputs, s, records))}
    library = inputs.library_file is not None and \
        not manifest.up_to_date(LIBRARY_DECK, library_made_from(inputs, sources, records))
    return stale, library


def prepare_decks(sources: list[tuple[str, object]], out: Path, stale: set[str], library: object | None,
                  inputs: list[str]):
    """The Release of the decks (run in a process of the pool): every article is published,
    only the stale ones packaged; `library` is the LibraryDeck when the library deck is stale."""
    from ..build.epoch import deck_epoch
    from ..errors import UserError
    from ..names import output_name
    from ..render.deck.publishing import ArticleDeck, DeckError, prepare
    from .problems import content_problem

    entries = [ArticleDeck(path, article, out / output_name(article.id, "deck")) for path, article in sources]
    try:
        return prepare(entries, epoch=deck_epoch(), library=library, packaged=stale, inputs=inputs)
    except DeckError as err:
        raise UserError(content_problem(err, err.path)) from None


def library_deck(out: Path, library_file: str):
    """The library deck to publish; its library file is loaded here, before any work, so that a
    mistake in it stops the build before anything is written."""
    from ..render.deck.publishing import LibraryDeck

    model = None
    if os.path.exists(library_file):
        from ..load.walk import load_library

        model = load_library(library_file)
    return LibraryDeck(out / LIBRARY_DECK, library_file, model)
