"""Publishing the decks: every article's deck with its record, and the library deck with its
record, prepared in full and then written together or not at all.

Anki keeps a student's note until a newer copy comes, so a deck and the record of what it
published must never part: a deck written without its record would date the next build's
notes from an older state, and a record written without its deck would claim notes no
student got. So everything is prepared (and every refusal made) before the first byte is
written, and the files are then staged beside their targets and renamed together.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ...errors import ContentError, UserError
from ...model import Article, Library
from ...output import Inputs, check_target, write_together
from .record import LIBRARY_HEADER, NEW_RECORD_NOTE, Published, deck_key, deck_name, format_record, record_path
from .record_file import read_record

# The packager and the publisher are imported when a deck is published: `check`, which makes
# the refusals below, never loads them. (Checkers read any TYPE_CHECKING as True.)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from .publication import Publication


class DeckError(ContentError):
    """A ContentError about one file of the publication (`path`: a source or the library file)."""

    def __init__(self, path: str, message: str, field: tuple[str | int, ...] = ()):
        super().__init__(message, field=field)
        self.path = path


@dataclass(frozen=True)
class ArticleDeck:
    """One article going into the decks: its source (beside which its record lives), and where its deck goes."""

    source: str
    article: Article
    out: Path


@dataclass(frozen=True)
class KeptDeck:
    """An article whose deck is up to date: its part of the library deck as the last build
    published it (kept.py), neither loaded nor published again."""

    source: str
    publication: Publication
    out: Path


@dataclass(frozen=True)
class LibraryDeck:
    """The library deck: where it goes, and the library file naming it (None, or a file not
    written yet: the default name, or the one a record kept, and no record written)."""

    out: Path
    library_file: str | None = None
    library: Library | None = None


@dataclass
class Release:
    """Everything one publication writes, and what the editor is told."""

    decks: list[tuple[Path, bytes]] = field(default_factory=list)
    records: list[tuple[Path, bytes]] = field(default_factory=list)  # only those whose text changed
    library_deck: tuple[Path, bytes] | None = None
    notes: list[str] = field(default_factory=list)  # "FILE: note: ..." lines
    parts: list[tuple[str, bytes]] = field(default_factory=list)  # (source, kept.py's text) of each article published


def prepare(
    decks: list[ArticleDeck | KeptDeck],
    *,
    epoch: int,
    library: LibraryDeck | None = None,
    packaged: set[str] | None = None,
    inputs: list[str] = (),
    texts: bool = True,
    parts: bool = False,
) -> Release:
    """Every deck, record and release notes to write, or a refusal before anything is written.

    `packaged` names the articles (by id) whose decks are wanted (all when None); every
    article is still published, for the library deck holds them all, but for a KeptDeck, an
    article whose deck is up to date and whose part the last build kept (it is never packaged).
    `inputs` are files no output may replace (a record: all but itself; they name every record,
    so that no deck takes one's place). `texts`: each deck's .tsv beside it too; `parts`: each
    published article's part of the library deck, to keep (kept.py). Raises DeckError at a
    source's field, or UserError.
    """
    from ...names import changes_path
    from . import package_article, publish, text_article
    from .changes import format_changes, read_changes

    inputs = Inputs(inputs)  # looked up once for every record checked against them
    articles = [d for d in decks if isinstance(d, ArticleDeck)]
    records = _records(articles)  # each read once, for the refusals and the publication
    refuse_one_deck_name_twice(deck_names(decks, records))
    refuse_a_new_deck_language(articles, records)
    publications = [
        d.publication
        if isinstance(d, KeptDeck)
        else _content(
            d.source,
            lambda a=d: publish(
                a.article, records[a.source], epoch=epoch, releases=read_changes(changes_path(a.source))
            ),
        )
        for d in decks
    ]
    release = Release()
    for entry, publication in zip(decks, publications):
        if isinstance(entry, KeptDeck):  # its record and release notes are as it left them: not written
            continue
        record = record_path(entry.source)
        check_target(record, inputs=inputs.but(record))  # a record that cannot be written is refused before any deck is
        if parts:
            from .kept import part_text

            release.parts.append((entry.source, part_text(publication, entry.article.language)))
        if packaged is None or entry.article.id in packaged:
            _refuse_a_record_behind(record, entry.out, publication)
            release.decks.append((entry.out, _content(entry.source, lambda: package_article(publication))))
            if texts:
                release.decks.append((text_path(entry.out), text_article(publication)))
        release.notes += [f"{entry.source}: {line}" for line in (*new_record_notes(record), *publication.notes)]
        _keep_if_changed(release, record, format_record(publication.record, Path(entry.source).name))
        if publication.releases:
            _keep_if_changed(
                release, changes_path(entry.source), format_changes(publication.releases, Path(entry.source).name)
            )
    if library is not None:
        name = _prepare_library(release, library, publications, [d.out for d in decks], inputs)
        if texts:
            from . import library_text

            out, _ = release.library_deck
            release.decks.append((text_path(out), library_text(name, publications)))
    return release


def publish_release(release: Release) -> None:
    """Write the release all or none, then say what was written (decks, notes, records, library deck)."""
    files = [*release.decks, *release.records, *([release.library_deck] if release.library_deck else [])]
    write_together(files)
    for out, data in release.decks:
        print(f"wrote {out} ({len(data):,} bytes)")
    for line in release.notes:
        print(line, file=sys.stderr)
    for record, _ in release.records:
        print(f"updated {record}: commit it with the source")
    if release.library_deck:
        out, data = release.library_deck
        print(f"wrote {out} ({len(data):,} bytes)")


def _prepare_library(
    release: Release, library: LibraryDeck, publications: list[Publication], article_decks: list[Path], inputs: Inputs
) -> str:
    """The library deck and its record, into the release; the deck's name. Its name is kept in a
    record beside the library file, like an article deck's: a new `name:` would split students' decks."""
    from . import build_library, name_library

    library_out = Path(library.out).resolve()
    for deck in article_decks:
        if library_out == Path(deck).resolve():
            raise UserError.at(
                str(library.out),
                f"the library deck would overwrite the deck of an article, {deck}: "
                "write the library deck under another name",
            )
    # Its folder may be the output folder, made only once the publication is known to be good.
    out = check_target(library.out, inputs=inputs) if Path(library.out).parent.is_dir() else Path(library.out)
    record = record_path(library.library_file) if library.library_file else None
    if record is not None:
        check_target(record, inputs=inputs.but(record))
    if library.library is None:  # the default name, or the one a record kept; no record written
        named = name_library(Library(), read_record(record) if record else Published())
        release.library_deck = (out, _content("library", lambda: build_library(named.name, publications)))
        return named.name
    named = name_library(library.library, read_record(record))
    release.library_deck = (out, _content(library.library_file, lambda: build_library(named.name, publications)))
    release.notes += [f"{library.library_file}: {line}" for line in (*new_record_notes(record), *named.notes)]
    _keep_if_changed(release, record, format_record(named.record, Path(library.library_file).name, LIBRARY_HEADER))
    return named.name


def text_path(deck: Path) -> Path:
    """The deck's tab-separated text beside it: `output/leg-foot-pain.tsv`."""
    text = Path(deck).with_suffix(".tsv")
    return Path(deck).with_name(Path(deck).name + ".tsv") if text == Path(deck) else text


def refuse_a_new_deck_language(articles: list[ArticleDeck], records: dict[str, Published] | None = None) -> None:
    """A DeckError when an article's deck was published with another language's cards.

    The cards' note types carry their language (their prompts are in it): under another note
    type, every note a student has would be set aside by Anki's import as conflicting, and no
    revision would reach them again.
    """
    from ...words import words_for
    from .record import published_language

    for entry in articles:
        was = published_language(records[entry.source] if records else read_record(record_path(entry.source)))
        now = words_for(entry.article.language)
        if was is not None and was != now.language:
            record = record_path(entry.source)
            raise DeckError(
                entry.source,
                (
                    f"the deck of this article was published with cards in '{was}' ({record}); under '{now.language}' "
                    f"cards, students' Anki would set aside every note it has and never update it again. Keep "
                    f"`language: {was}` (the handout's language too), or publish the {now.name} text as a new article "
                    f"with an id of its own; if the deck never reached students, delete {record} and build again"
                ),
                ("language",),
            )


def _keep_if_changed(release: Release, record: Path, text: str) -> None:
    data = text.encode("utf-8")
    try:
        unchanged = record.read_bytes() == data
    except OSError:  # missing, or unreadable: writing it will say why
        unchanged = False
    if not unchanged:
        release.records.append((record, data))


def new_record_notes(record: Path) -> tuple[str, ...]:
    return () if record.exists() else (NEW_RECORD_NOTE.format(record=record),)


def _content(path: str, build):
    """A renderer's result; a ContentError it raises becomes a DeckError at `path`."""
    try:
        return build()
    except DeckError:
        raise
    except ContentError as err:
        raise DeckError(path, str(err), err.field) from None


def _records(articles: list[ArticleDeck]) -> dict[str, Published]:
    """Each article's deck record, read (and checked to be its own) in the articles' order."""
    return {a.source: read_record(record_path(a.source), a.article.id) for a in articles}


class DeckName(NamedTuple):
    source: str
    name: str  # the name the article's deck is published under: the one its record keeps, else its title
    published: bool  # whether a record keeps it


def deck_names(decks: list[ArticleDeck | KeptDeck], records: dict[str, Published] | None = None) -> list[DeckName]:
    """Each article's deck name; `records`, each ArticleDeck's record when already read. A
    KeptDeck's deck was published under its name, which its record keeps."""
    articles = [d for d in decks if isinstance(d, ArticleDeck)]
    records = records or _records(articles)
    return [
        DeckName(d.source, d.publication.name, True)
        if isinstance(d, KeptDeck)
        else DeckName(
            d.source, records[d.source].deck or deck_name(d.article.title), records[d.source].deck is not None
        )
        for d in decks
    ]


def refuse_one_deck_name_twice(names: list[DeckName]) -> None:
    """A DeckError when two articles' decks would have one name: Anki would merge them into one
    deck (and give the library's subdecks made-up names). The error is at a title that can
    still change: a published deck keeps its name, whatever its title."""
    first: dict[str, DeckName] = {}
    for this in names:
        other = first.setdefault(deck_key(this.name), this)
        if other is this:
            continue
        if this.published and not other.published:  # only the other's title can still change its deck's name
            this, other = other, this
        fix = (
            "both decks were published under it: give this one another name in the `deck` line of its "
            ".deck-record file (students then rename theirs in Anki to match)"
            if this.published
            else "give the article a title of its own"
        )
        raise DeckError(
            this.source,
            f"the deck of this article would be named '{this.name}', like the deck of "
            f"{other.source}: Anki would put the two articles in one deck; {fix}",
            ("title",),
        )


def _refuse_a_record_behind(record: Path, out: Path, publication: Publication) -> None:
    """Refuse before writing anything when the deck about to be replaced is newer than the record."""
    from .package import notes_in
    from .publication import went_back

    try:
        earlier = notes_in(out.read_bytes()) if out.is_file() else {}
    except OSError:  # unreadable: nothing to compare with, and writing it will say why
        return
    out = Path(os.path.realpath(out))  # the file a link names: the one students got
    terms = went_back(publication, earlier)
    if terms:
        raise UserError.at(
            str(record),
            (
                f"this deck record is older than {out}: {len(terms)} note(s) (first '{terms[0]}') would get an older "
                f"time than that deck gives them, with other text, and students who imported it would keep that text. "
                f"Was the record reverted or taken from an older commit? Restore its newest version from git; to undo "
                f"a change, edit the source back instead. Delete {out} only if it never reached students."
            ),
        )
