"""Reading a deck record as a source is read: a regular file only, bounded, every value checked.

The record decides what students' Anki keeps, so a damaged one must never be taken for a new
deck or half read: an emptied file, a time that is no time, a second `deck` line or another
article's notes are refused at their line and column, with the remedy (take the file back from
version control). Only a record that does not exist at all starts a new deck.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from ...errors import UserError
from ...load.read import MAX_BYTES, FileKind, read_bytes
from .note_types import FIELDS, OCCLUSION_FIELDS
from .occlusion import KIND as OCCLUSION
from .record import Published, PublishedNote

# A record holds each note's fields, several times the source's text: 16 sources' worth.
RECORD = FileKind(
    "deck record", "a deck record", "restore the record from version control (git checkout)", 16 * MAX_BYTES
)
# A note's time: seconds since 1970, after it and no later than 9999-12-31, the last a deck's date can hold.
TIME = re.compile(r"[1-9][0-9]{0,11}")
LATEST_TIME = 253_402_300_799
DIGEST = re.compile(r"[0-9a-f]{16}")
KEY = re.compile(r"[^\s]+")
RESTORE = "take the file back from version control (git checkout -- {path}) rather than editing it"


def read_record(path: str | Path, article_id: str | None = None) -> Published:
    """The record at `path`; an empty one when there is no file yet (a deck never built).

    `article_id`, when given, is the article whose record this must be: a note tagged for
    another article means the file was copied from another article's record.
    """
    path = str(path)
    if not os.path.lexists(path):
        return Published()
    if not os.path.exists(path):
        raise UserError.at(
            path,
            f"the deck record is a link to {os.readlink(path)}, which does not exist: "
            "restore the file it names, or delete the link to start a new deck",
        )
    try:
        text = read_bytes(path, RECORD).decode("utf-8")
    except UnicodeDecodeError as err:
        raise UserError.at(
            path, f"the deck record is damaged (byte {err.start + 1} is not UTF-8): " + RESTORE.format(path=path)
        ) from None
    return _Reader(path, article_id).read(text)


class _Reader:
    """One record's lines into a Published, refusing the first line that is not one a build writes."""

    def __init__(self, path: str, article_id: str | None):
        self.path, self.article_id = path, article_id
        self.published = Published()
        self.number = 0

    def read(self, text: str) -> Published:
        # Lines end at \n only: a note's text may hold U+2028, which splitlines() would break at.
        for self.number, line in enumerate(text.split("\n"), start=1):
            line = line.removesuffix("\r")  # a checkout that turned line ends into \r\n
            if line.strip() and not line.startswith("#"):
                self._line(line.split("\t"))
        if self.published.deck is None:
            raise UserError.at(
                self.path,
                "the deck record has no `deck` line: it was emptied or cut short; "
                + RESTORE.format(path=self.path)
                + ". Delete it only if the deck was "
                "never published (the next build then starts a new one)",
                1,
                1,
            )
        return self.published

    def _line(self, parts: list[str]) -> None:
        match parts:
            case ["deck", name]:
                self._deck(parts, name)
            case ["note-type", name, mod, digest]:
                self._need(DIGEST.fullmatch(digest) is not None, parts, 3, "not a note type's digest")
                # Two lines for one note type or note come from git's union merge of two editors'
                # records (.gitattributes): the newer is what students last received.
                self.published.note_types[name] = max(
                    (self._time(parts, 2, mod), digest), self.published.note_types.get(name, (-1, ""))
                )
            case ["note", kind, key, mod, tags, fields]:
                self._note(parts, kind, key, self._time(parts, 3, mod), tags, fields)
            case _:
                self._damaged(parts, 0, "not a line a build writes")

    def _deck(self, parts: list[str], name: str) -> None:
        self._need(self.published.deck in (None, name), parts, 0, "a second `deck` line: a deck has one name")
        self._need(bool(name.strip()), parts, 1, "the deck's name is empty")
        self.published.deck = name

    def _note(self, parts: list[str], kind: str, key: str, mod: int, tags: str, fields: str) -> None:
        self._need(kind in FIELDS or kind == OCCLUSION, parts, 1, f"'{kind[:40]}' is no kind of note")
        self._need(KEY.fullmatch(key) is not None, parts, 2, "not a note's key")
        for tag in tags.split():
            owner = tag.split("::", 1)[0]
            if self.article_id is not None and owner != self.article_id:
                raise UserError.at(
                    self.path,
                    (
                        f"this deck record is another article's: its notes belong to the article '{owner[:60]}', not to "
                        f"'{self.article_id}'. Was it copied from another record? Take this article's own record back "
                        f"from version control, or delete this file if its deck was never published"
                    ),
                    self.number,
                    _column(parts, 4),
                )
        try:
            values = json.loads(fields)
        except (ValueError, RecursionError):
            values = None
        well_formed = isinstance(values, list) and all(isinstance(v, str) for v in values)
        self._need(
            well_formed and len(values) == len(OCCLUSION_FIELDS if kind == OCCLUSION else FIELDS[kind]),
            parts,
            5,
            "not this kind of note's fields",
        )
        note = PublishedNote(kind, key, mod, tuple(tags.split()), tuple(values))
        before = self.published.notes.get((kind, key))
        if before is None or (note.mod, note.fields) > (before.mod, before.fields):  # a union merge: the newer
            self.published.notes[(kind, key)] = note

    def _time(self, parts: list[str], at: int, value: str) -> int:
        self._need(
            TIME.fullmatch(value) is not None and int(value) <= LATEST_TIME,
            parts,
            at,
            f"'{value[:20]}' is no time: a time is seconds since 1970, from 1 to {LATEST_TIME} (the year 9999)",
        )
        return int(value)

    def _need(self, holds: bool, parts: list[str], at: int, what: str) -> None:
        if not holds:
            self._damaged(parts, at, what)

    def _damaged(self, parts: list[str], at: int, what: str) -> None:
        raise UserError.at(
            self.path,
            f"this line of the deck record is damaged ({what}): " + RESTORE.format(path=self.path),
            self.number,
            _column(parts, at),
        )


def _column(parts: list[str], at: int) -> int:
    """The 1-based column where the tab-separated part `at` starts."""
    return sum(len(part) + 1 for part in parts[:at]) + 1
