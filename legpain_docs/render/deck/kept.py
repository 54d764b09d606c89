"""An article's part of the library deck, kept as text between builds.

The library deck holds every article's notes, so one changed article would otherwise load
and publish them all again. What the package takes from a publication (its notes with their
times, its note types with theirs, its deck's name and description) is written down once the
decks are published, and read back instead of publishing the article again. Publishing is a
function of the article, its record and its release notes, and publishing again from the
record it wrote gives the same notes (publication.py dates an unchanged note from the record), so
the part read back packages to the same bytes. Anything that does not read back whole is no
part: the article is published again.
"""

from __future__ import annotations

import base64
import hashlib
import json

from ...words import words_for
from .note_types import note_type, occlusion_note_type
from .notes import Note
from .occlusion import KIND as OCCLUSION
from .publication import Entry, Publication
from .record import Published

HEADER = b"legpain-docs deck part 1 "  # then the digest of the text after the first line, and the text


def part_text(publication: Publication, language: str) -> bytes:
    """The publication's part of the library deck as text (JSON, behind a line with its digest)."""
    body = json.dumps(
        {
            "article": publication.article_id,
            "deck": publication.deck_id,
            "name": publication.name,
            "description": publication.description,
            "language": language,
            "types": [[nt.kind, mod] for nt, mod in publication.note_types],
            "entries": [
                [
                    e.note.guid,
                    e.note.kind,
                    e.note.key,
                    e.note.fields,
                    e.note.tags,
                    [[name, base64.b64encode(data).decode("ascii")] for name, data in e.note.media],
                    e.mod,
                    e.retired,
                ]
                for e in publication.entries
            ],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    return HEADER + hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body


def part_from(data: bytes) -> Publication | None:
    """The publication a part holds; None when it is damaged (the article is then published again)."""
    head, _, body = data.partition(b"\n")
    if head != HEADER + hashlib.sha256(body).hexdigest().encode("ascii"):
        return None
    try:
        part = json.loads(body)
        words = words_for(part["language"])
        types = tuple(
            (occlusion_note_type(words) if kind == OCCLUSION else note_type(kind, words), mod)
            for kind, mod in part["types"]
        )
        entries = tuple(
            Entry(
                Note(
                    guid,
                    kind,
                    key,
                    tuple(fields),
                    tuple(tags),
                    tuple((name, base64.b64decode(data)) for name, data in media) if media else (),
                ),
                mod,
                retired,
            )
            for guid, kind, key, fields, tags, media, mod, retired in part["entries"]
        )
        return Publication(
            part["article"],
            part["deck"],
            part["name"],
            part["description"],
            entries,
            types,
            Published(deck=part["name"]),
            (),
        )
    except (ValueError, KeyError, TypeError, LookupError):
        return None
