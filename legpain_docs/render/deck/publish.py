"""A new build's notes against the published record: what changed gets a newer time, what
left the article stays in the deck, retired; the result is the deck and the next record.

Anki updates a student's note only from an incoming copy with a later modification time,
and then overwrites it whole. So an unchanged note keeps its recorded time (a student's own
edit to it survives and the bytes stay the same), and a changed one gets the build time,
never earlier than one second after its last: it reaches students with no date to move.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ... import ids, keys
from ...errors import ContentError
from ...model import Article
from ...published import Published, PublishedNote
from ...words import words_for
from .note_types import FIELDS, KINDS, NoteType, note_type
from .notes import Note, field_text, notes_of


@dataclass(frozen=True)
class Entry:
    """A note as it goes into the package: its content, its time, its deck."""

    note: Note
    mod: int
    retired: bool = False


@dataclass(frozen=True)
class Publication:
    """One article's deck, ready to package, and the record to keep for the next build."""

    article_id: str
    deck_id: int
    name: str
    description: str
    entries: tuple[Entry, ...]
    note_types: tuple[tuple[NoteType, int], ...]
    record: Published
    notes: tuple[str, ...]  # `note:` lines for the editor


def publish(article: Article, published: Published, *, epoch: int) -> Publication:
    problems = keys.key_problems(article)
    if problems:  # the loader reports these at their line; an article made in code may still have them
        raise ContentError(problems[0][2])
    words = words_for(article.language)
    record = Published(deck=published.deck or deck_name(article.title))
    types = []
    for kind in KINDS:
        kind_type = note_type(kind, words)
        mod = _mod(published.note_types.get(kind_type.name), kind_type.digest, epoch)
        record.note_types[kind_type.name] = (mod, kind_type.digest)
        types.append((kind_type, mod))

    entries = []
    for note in notes_of(article):
        before = published.notes.get((note.kind, note.key))
        unchanged = before is not None and (before.fields, before.tags) == (note.fields, note.tags)
        mod = before.mod if unchanged else max(epoch, before.mod + 1 if before else epoch)
        record.notes[(note.kind, note.key)] = PublishedNote(note.kind, note.key, mod, note.tags, note.fields)
        entries.append(Entry(note, mod))

    retired_tag = f"{article.id}::retired"
    present = {note.key for note in (entry.note for entry in entries)}
    messages, told = [], set()
    for (kind, key), before in sorted(published.notes.items(), key=lambda item: (item[0][1], KINDS.index(item[0][0]))):
        if (kind, key) in record.notes:
            continue
        if retired_tag in before.tags:
            kept = before
        else:
            fields = list(before.fields)
            section = FIELDS[kind].index("Section")
            fields[section] = f"{field_text(words.retired)} · {fields[section]}"
            kept = PublishedNote(kind, key, max(epoch, before.mod + 1), (retired_tag,), tuple(fields))
            if key not in present and key not in told:
                told.add(key)
                term = Note("", kind, key, before.fields, ()).term
                messages.append(RETIRED_NOTE.format(term=term, key=key))
        record.notes[(kind, key)] = kept
        entries.append(Entry(Note(ids.note_guid(article.id, key, kind), kind, key, kept.fields, kept.tags), kept.mod, retired=True))

    description = words.deck_description.format(title=field_text(article.title), date=article.reviewed.isoformat())
    return Publication(article.id, ids.deck_id(article.id), record.deck, description, tuple(entries), tuple(types), record, tuple(messages))


RETIRED_NOTE = ("note: item '{term}' (key {key}) is no longer in the source; its cards are marked retired. "
                "If you renamed it, add 'key: {key}' to the renamed item.")


def _mod(before: tuple[int, str] | None, digest: str, epoch: int) -> int:
    if before is None:
        return epoch
    mod, was = before
    return mod if was == digest else max(epoch, mod + 1)


def deck_name(title: str) -> str:
    """A deck name that never nests: Anki reads '::' in a name as a subdeck."""
    return re.sub(r":(?=:)", ": ", " ".join(title.split()))
