"""A new build's notes against the published record: what changed gets a newer time, what
left the article stays in the deck, retired; the result is the deck and the next record.

Anki updates a student's note only from an incoming copy with a later modification time,
and then overwrites it whole. So an unchanged note keeps its recorded time (a student's own
edit to it survives and the bytes stay the same), and a changed one gets the build time,
never earlier than one second after its last: it reaches students with no date to move.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ... import ids, keys
from ...errors import ContentError
from ...model import Article, Library
from ...words import words_for
from .changes import Release, described, release_lines
from .note_types import FIELDS, KINDS, OCCLUSION_FIELDS, NoteType, note_type, occlusion_note_type
from .notes import Note, field_text, notes_of
from .occlusion import KIND as OCCLUSION
from .order import plan
from .record import Published, PublishedNote, deck_key, deck_name

ALL_KINDS = (*KINDS, OCCLUSION)


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
    releases: tuple[Release, ...] = ()  # the release notes to keep, newest first (this build's, if any, first)


def publish(article: Article, published: Published, *, epoch: int, releases: tuple[Release, ...] = ()) -> Publication:
    problems = keys.key_problems(article)
    if problems:  # the loader reports these at their line; an article made in code may still have them
        raise ContentError(problems[0][2])
    words = words_for(article.language)
    record = Published(deck=published.deck or deck_name(article.title))
    renamed = kept_name_notes(record.deck, deck_name(article.title), "title", "deck")
    notes = notes_of(article)
    # The occlusion note type only in a deck that has, or had, such notes: the others keep their bytes.
    occlusion = any(n.kind == OCCLUSION for n in notes) or any(kind == OCCLUSION for kind, _ in published.notes)
    types = []
    for kind_type in [note_type(kind, words) for kind in KINDS] + ([occlusion_note_type(words)] if occlusion else []):
        mod = _mod(published.note_types.get(kind_type.name), kind_type.digest, epoch)
        record.note_types[kind_type.name] = (mod, kind_type.digest)
        types.append((kind_type, mod))

    entries, changed = [], {}
    for note in plan(notes):  # a new card's place in the package is its place in the new-card queue
        before = published.notes.get((note.kind, note.key))
        unchanged = before is not None and (before.fields, before.tags) == (note.fields, note.tags)
        mod = before.mod if unchanged else max(epoch, before.mod + 1 if before else epoch)
        record.notes[(note.kind, note.key)] = PublishedNote(note.kind, note.key, mod, note.tags, note.fields)
        entries.append(Entry(note, mod))
        if not unchanged:
            changed[note.key] = note.term

    retired_tag = f"{article.id}::retired"
    newly = []
    for (kind, key), before in sorted(
        published.notes.items(), key=lambda item: (item[0][1], ALL_KINDS.index(item[0][0]))
    ):
        if (kind, key) in record.notes:
            continue
        if retired_tag in before.tags:
            kept = before
        else:
            fields = list(before.fields)
            section = OCCLUSION_FIELDS.index("Header") if kind == OCCLUSION else FIELDS[kind].index("Section")
            fields[section] = f"{field_text(words.retired)} · {fields[section]}"
            kept = PublishedNote(kind, key, max(epoch, before.mod + 1), (retired_tag,), tuple(fields))
            newly.append((kind, key, Note("", kind, key, before.fields, ()).term))
        record.notes[(kind, key)] = kept
        entries.append(
            Entry(Note(ids.note_guid(article.id, key, kind), kind, key, kept.fields, kept.tags), kept.mod, retired=True)
        )

    release = _release([note.key for note in notes], published, changed, newly, words, epoch)
    releases = (release, *releases) if release.lines else releases
    description = words.deck_description.format(title=field_text(article.title), date=article.reviewed.isoformat())
    return Publication(
        article.id,
        ids.deck_id(article.id),
        record.deck,
        description + described(releases, words),
        tuple(entries),
        tuple(types),
        record,
        (*renamed, *retirement_notes(article, newly), *_sentence_notes(article, published)),
        releases,
    )


def _sentence_notes(article: Article, published: Published) -> list[str]:
    """A note for each item first published as a sentence: it gets no reverse card, and why."""
    known = {key for _, key in published.notes}
    return [
        f"note: item '{item.term}' is written as a sentence: it gets a term card and no reverse card, "
        "as its examples have many right answers"
        for section in article.sections
        if section.flashcards
        for item in section.items
        if item.sentence and keys.item_key(item) not in known
    ]


def _release(
    active: list[str],
    published: Published,
    changed: dict[str, str],
    newly: list[tuple[str, str, str]],
    words,
    epoch: int,
) -> Release:
    """What this build changes for students, item by item in the article's order (`active`, the
    keys of its notes): new items, reworded ones (any of their cards new, changed or retired),
    then the items whose every card was retired."""
    known, current = {key for _, key in published.notes}, set(active)
    touched = {key: changed[key] for key in dict.fromkeys(active) if key in changed}
    for _, key, term in newly:
        touched.setdefault(key, term)
    new = [term for key, term in touched.items() if key not in known]
    reworded = [term for key, term in touched.items() if key in known and key in current]
    retired = [term for key, term in touched.items() if key in known and key not in current]
    date = time.strftime("%Y-%m-%d", time.gmtime(epoch))
    return Release(date, release_lines(words, new, reworded, retired))


@dataclass(frozen=True)
class LibraryName:
    """The library deck's name: the one it was first published under, kept in its record."""

    name: str
    record: Published
    notes: tuple[str, ...]  # `note:` lines for the editor


def name_library(library: Library, published: Published) -> LibraryName:
    """The parent deck's name, kept from the record: a new `name:` would split students' decks."""
    record = Published(deck=published.deck or deck_name(library.name))
    notes = kept_name_notes(record.deck, deck_name(library.name), "name", "library deck")
    return LibraryName(record.deck, record, tuple(notes))


KEPT_NAME_NOTE = (
    "note: the {deck} keeps the name it was first published under, '{kept}', not the new {field} "
    "'{new}': under a new name, students' Anki would put new cards in a second deck. To rename it "
    "for everyone, change the `deck` line of the .deck-record file beside this file; students who "
    "already have the deck then rename theirs in Anki to match (on the Decks screen: the gear "
    "beside the deck, Rename)."
)


def kept_name_notes(kept: str, new: str, field: str, deck: str) -> list[str]:
    """A note when the deck's published name is not the one its `field` now gives; none otherwise
    (nor for a change of case alone, which Anki's lookup ignores: no deck splits)."""
    if deck_key(kept) == deck_key(new):
        return []
    return [KEPT_NAME_NOTE.format(deck=deck, kept=kept, field=field, new=new)]


RETIRED_NOTE = (
    "note: item '{term}' (key {key}) is no longer in the source; its cards are marked retired. "
    "If you renamed it, add 'key: {key}' to the renamed item."
)


def retirement_notes(article: Article, newly: list[tuple[str, str, str]]) -> list[str]:
    """One `note:` line per reason that this build retired notes, given as (kind, key, term).

    Only an item whose key left the source may have been renamed; an item still there lost
    cards to a setting or an edit of its own, and the note says which.
    """
    where = {keys.item_key(item): (section, item) for section in article.sections for item in section.items}
    # (what the note says before "its N cards", whether N counts a section's cards; None: the whole note) -> kinds
    reasons: dict[tuple[str, bool | None], list[str]] = {}
    for kind, key, term in newly:
        if kind == OCCLUSION:
            reason = (
                f"note: the labelled part '{term}' ({key}) has left the deck (its drawing, its figure or its section's flashcards); its card is marked retired",
                None,
            )
        elif key not in where:
            reason = (RETIRED_NOTE.format(term=term, key=key), None)
        else:
            section, item = where[key]
            if not section.flashcards:
                reason = (f"note: section '{section.id}' has flashcards: false", True)
            elif kind == "list":
                reason = (f"note: item '{item.term}' is the only item left in section '{section.id}'", False)
            elif item.sentence:
                reason = (
                    f"note: item '{item.term}' is written as a sentence, whose examples no one term answers",
                    False,
                )
            elif not item.definition:
                reason = (f"note: item '{item.term}' has no definition now", False)
            else:
                reason = (f"note: item '{item.term}' has reverse: false", False)
        reasons.setdefault(reason, []).append(kind)
    return [
        message if per_section is None else f"{message}; its {_cards(kinds, per_section)} marked retired"
        for (message, per_section), kinds in reasons.items()
    ]


def _cards(kinds: list[str], per_section: bool) -> str:
    """'4 cards are' for a section; 'reverse card is' or 'term and reverse cards are' for an item."""
    if per_section:
        return f"{len(kinds)} card is" if len(kinds) == 1 else f"{len(kinds)} cards are"
    names = [kind for kind in KINDS if kind in kinds]
    return f"{names[0]} card is" if len(names) == 1 else f"{' and '.join(names)} cards are"


def went_back(publication: Publication, earlier: dict[str, tuple[int, tuple[str, ...]]]) -> list[str]:
    """The terms of notes that this publication dates before an earlier deck's copy, with other text.

    Anki takes a note only from a newer copy, so students who imported the earlier deck would
    keep its text: the record went backwards (a `git revert` of it, or an old copy checked out).
    """
    return [
        entry.note.term
        for entry in publication.entries
        if entry.note.guid in earlier
        and earlier[entry.note.guid][0] > entry.mod
        and earlier[entry.note.guid][1] != entry.note.fields
    ]


def _mod(before: tuple[int, str] | None, digest: str, epoch: int) -> int:
    if before is None:
        return epoch
    mod, was = before
    return mod if was == digest else max(epoch, mod + 1)
