"""The record of what an article's deck has published, kept beside its source like a lockfile.

`legpain-docs anki` reads it and writes it back. From it a build knows which notes changed
since the last one (only those get a newer modification time, which is what makes a
student's Anki take them), which notes left the article (they stay in the deck, retired),
and the deck's first name. It is plain text, one line per note, sorted, so a revision's
diff shows exactly the notes it changed. The deck file is a pure function of the source
and this record, so the same committed files give the same bytes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field

from ...names import RECORD_SUFFIX as SUFFIX  # noqa: F401 (where the record is found)
from ...names import record_path  # noqa: F401 (the deck's modules find it here)

HEADER = """\
# What the Anki deck of {source} has published to students. `legpain-docs anki` (make anki)
# reads and rewrites this file: commit it together with the source, and never edit it by hand.
# Lines: `deck NAME` (the name it was first published under, kept so a new title does not split
# students' decks), `note-type NAME MOD DIGEST`, and `note KIND KEY MOD TAGS FIELDS` (tab-separated;
# MOD is when the note last changed, in seconds since 1970; FIELDS is a JSON list).
"""
LIBRARY_HEADER = """\
# The name the library deck of {source} was first published under. `legpain-docs anki --library`
# (make anki) writes this file: commit it together with the library file. The deck keeps this name
# when `name:` changes, so students' decks do not split; to rename the deck for everyone, edit the
# `deck` line (students who have the deck then rename theirs in Anki to match).
"""


# When a source has no record beside it. A deck published before and built without its record
# starts over: every note looks new, and items it retired are forgotten.
NEW_RECORD_NOTE = (
    "note: there is no deck record {record}: this build starts a new one, as for the deck's first "
    "publication. If this deck was published before, restore {record} from version control "
    "first (git checkout -- {record}) and build again."
)


@dataclass(frozen=True)
class PublishedNote:
    kind: str
    key: str
    mod: int
    tags: tuple[str, ...]
    fields: tuple[str, ...]


@dataclass
class Published:
    """Everything a deck has published: empty for a deck never built."""

    deck: str | None = None
    note_types: dict[str, tuple[int, str]] = field(default_factory=dict)  # name -> (mod, digest)
    notes: dict[tuple[str, str], PublishedNote] = field(default_factory=dict)  # (kind, key) -> note


def format_record(published: Published, source_name: str, header: str = HEADER) -> str:
    """The record's text; `header` is LIBRARY_HEADER for the library deck's, which holds only its name."""
    lines = [header.format(source=source_name).rstrip("\n")]
    if published.deck is not None:
        lines.append(f"deck\t{_one_line(published.deck)}")
    for name, (mod, digest) in sorted(published.note_types.items()):
        lines.append(f"note-type\t{name}\t{mod}\t{digest}")
    for (kind, key), note in sorted(published.notes.items(), key=lambda entry: (entry[0][1], entry[0][0])):
        fields = json.dumps(list(note.fields), ensure_ascii=False)
        lines.append(f"note\t{kind}\t{key}\t{note.mod}\t{' '.join(note.tags)}\t{fields}")
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def published_language(published: Published) -> str | None:
    """The language of the cards the deck was published with (from its note types' names), or None."""
    for name in sorted(published.note_types):
        found = re.fullmatch(r"legpain-docs \w+(?: \((.+)\))?", name)
        if found:
            return found.group(1) or "en"
    return None


def deck_key(name: str) -> str:
    """What Anki compares when it looks a deck up by name: case and Unicode forms do not count."""
    return unicodedata.normalize("NFC", name).casefold()


def deck_name(title: str) -> str:
    """A deck name that never nests: Anki reads '::' in a name as a subdeck."""
    return re.sub(r":(?=:)", ": ", " ".join(title.split()))
