"""The decks in a library build: which are out of date, and one task that publishes them.

The decks are published together (render/deck/publishing.py): the library deck holds every
article's notes, so it waits until every article is free of errors. Only the decks whose
inputs changed are packaged again: one changed article rewrites its own deck and the
library deck, not the others. Each article's part of the library deck is kept in the output
folder (PARTS, beside the manifest) under the digest of what its deck is made from, so that an
article whose deck is up to date is neither loaded nor published again for the library deck:
a part made from other inputs is never found, and a damaged or missing one is published again.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from .manifest import Manifest, digest, file_digest
from .plan import Source
from .registry import LIBRARY_DECK

PARTS = ".legpain-docs-deck-parts"  # hidden in the output folder: each article's part of the library deck
PART_LIMIT = 64 * 1024 * 1024  # a part of the largest article a source may hold is a few MB
NO_DECK = "no deck was built: the decks wait until every article is free of errors (the library deck holds them all)"


@dataclass(frozen=True)
class DeckInputs:
    """What the decks are made from, beyond each article's source."""

    code: str
    epoch_setting: str | None  # SOURCE_DATE_EPOCH as set, or None
    library_file: str | None  # None: no library deck (a selection of articles, not the library)


def deck_made_from(inputs: DeckInputs, source: Source, read: dict[str, tuple]) -> str:
    """What an article's deck is made from; `read`, read_beside's answer."""
    record, changes = read[source.path]
    return digest(inputs.code, "deck", source.digest, record, changes, inputs.epoch_setting)


def library_made_from(inputs: DeckInputs, sources: list[Source], read: dict[str, tuple]) -> str:
    from ..names import record_path

    parts = [
        inputs.code,
        "library",
        inputs.epoch_setting,
        file_digest(inputs.library_file),
        file_digest(record_path(inputs.library_file)),
    ]
    for source in sources:
        parts += [source.path, source.digest, *read[source.path]]
    return digest(*parts)


def read_beside(sources: list[Source], manifest: Manifest) -> dict[str, tuple[str | None, str | None]]:
    """The digests of each article's record and release notes (the files beside it that its
    deck is made from), each kept in the manifest while the file is the one read then."""
    from ..names import changes_path, record_path

    return {
        s.path: (manifest.file_digest(str(record_path(s.path))), manifest.file_digest(str(changes_path(s.path))))
        for s in sources
    }


def stale_decks(
    inputs: DeckInputs, sources: list[Source], manifest: Manifest, read: dict[str, tuple]
) -> tuple[set[str], bool, dict[str, str]]:
    """The ids of the article decks out of date, whether the library deck is, and what each
    up-to-date deck is made from (by source path: its part's key); `read`, read_beside's answer."""
    from ..names import output_name

    made = {s.path: deck_made_from(inputs, s, read) for s in sources}
    stale = {s.article_id for s in sources if not manifest.up_to_date(output_name(s.article_id, "deck"), made[s.path])}
    library = inputs.library_file is not None and not manifest.up_to_date(
        LIBRARY_DECK, library_made_from(inputs, sources, read)
    )
    return stale, library, {s.path: made[s.path] for s in sources if s.article_id not in stale}


def kept_parts(out: Path, keys: dict[str, str]) -> dict[str, Path]:
    """The kept part of each source whose key (`keys`: source path -> key) has one in the output folder."""
    folder = _parts_folder(out)
    try:
        names = set(os.listdir(folder)) if folder else set()
    except OSError:
        names = set()
    return {path: folder / f"{key}.json" for path, key in keys.items() if f"{key}.json" in names}


def keep_parts(out: Path, parts: dict[str, bytes], keys: set[str]) -> None:
    """Write the parts (key -> text) and remove every other part but those of `keys` (the
    library's other articles). Parts are a cache: one not written is published again next time."""
    folder = _parts_folder(out, make=bool(parts))
    if folder is None:
        return
    try:
        for key, data in parts.items():
            staged = folder / f".{key}.json.new"
            if os.path.lexists(staged):
                os.unlink(staged)
            try:  # not synced: a part lost to a crash is only published again
                with open(os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644), "wb") as file:
                    file.write(data)
                os.replace(staged, folder / f"{key}.json")
            except BaseException as err:  # Ctrl-C too: no half-written part is left
                if not isinstance(err, FileExistsError):  # (that one is another build's, writing its own)
                    with contextlib.suppress(OSError):
                        os.unlink(staged)
                raise
        for name in os.listdir(folder):
            if name.removesuffix(".json") not in keys and name.removesuffix(".json") not in parts:
                os.unlink(folder / name)
    except OSError:
        pass


def remove_parts(out: Path) -> int:
    """Remove the kept parts and then their folder, if nothing else is in it (`build --clean`);
    the number of parts removed."""
    folder = _parts_folder(out)
    if folder is None:
        return 0
    removed = 0
    for name in os.listdir(folder):
        if name.endswith((".json", ".json.new")) and os.path.isfile(folder / name):
            os.unlink(folder / name)
            removed += 1
    try:
        folder.rmdir()
    except OSError:  # something of someone else's in it: left as it is
        pass
    return removed


def _parts_folder(out: Path, make: bool = False) -> Path | None:
    """The parts' folder in the output folder; None when there is none (or it is not a folder
    of its own: a link could lead the build's writes out of the output folder)."""
    import stat

    folder = Path(out) / PARTS
    try:
        if make and not os.path.lexists(folder):
            folder.mkdir()
        return folder if stat.S_ISDIR(os.lstat(folder).st_mode) else None
    except OSError:
        return None


def prepare_decks(
    sources: list[tuple[str, object, Path | None]],
    out: Path,
    stale: set[str],
    library: object | None,
    inputs: list[str],
):
    """The Release of the decks (run in a process of the pool): every article is published, but
    those with a kept part (source, article or None, part or None), only the stale ones packaged;
    `library` is the LibraryDeck when the library deck is stale (then the parts are kept)."""
    from ..build.epoch import deck_epoch
    from ..errors import UserError
    from ..render.deck.publishing import DeckError, prepare
    from .problems import content_problem

    entries = [_deck(out, path, article, part) for path, article, part in sources]
    try:
        return prepare(
            entries, epoch=deck_epoch(), library=library, packaged=stale, inputs=inputs, parts=library is not None
        )
    except DeckError as err:
        raise UserError(content_problem(err, err.path)) from None


def _deck(out: Path, path: str, article: object | None, part: Path | None):
    """The article's deck to publish: its kept part when it reads back whole, else the article."""
    from ..names import output_name
    from ..render.deck.publishing import ArticleDeck, KeptDeck

    if part is not None:
        from ..errors import UserError
        from ..load.read import FileKind, read_bytes
        from ..render.deck.kept import part_from

        try:  # under a source's guards: a pipe, a device or a huge file in its place is only a part missing
            kind = FileKind(
                "kept deck part", "a kept deck part", "delete it: the next build writes it again", PART_LIMIT
            )
            publication = part_from(read_bytes(str(part), kind))
        except UserError:
            publication = None
        if publication is not None:
            return KeptDeck(path, publication, out / output_name(publication.article_id, "deck"))
    if article is None:
        from ..load.walk import load_article

        article = load_article(path)
    return ArticleDeck(path, article, out / output_name(article.id, "deck"))


def library_deck(out: Path, library_file: str):
    """The library deck to publish; its library file is loaded here, before any work, so that a
    mistake in it stops the build before anything is written."""
    from ..render.deck.publishing import LibraryDeck

    model = None
    if os.path.exists(library_file):
        from ..load.walk import load_library

        model = load_library(library_file)
    return LibraryDeck(out / LIBRARY_DECK, library_file, model)
