"""Every Anki id and guid the deck carries, and why none of them may ever change.

A student's Anki ties months of review history to these values. Anki's importer finds the
student's copy of a note by its guid and of a note type by its id; a value that changes
between two builds makes every student's next import add a second copy of the cards (or
skip the update), and there is no undo on thousands of phones. So each value here is a
hash of keys that never change, computed by this module and not by genanki, whose own
helpers could change with a release.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

# Genanki's advice for note type and deck ids: a number in [2**30, 2**31). Anki accepts any
# positive 64-bit id, but ids it makes itself are millisecond times (about 2**40), so this
# range never meets one of them.
ID_RANGE = (1 << 30, 1 << 31)
# The 91 characters of Anki's own guids: ours look like the ones Anki makes.
GUID_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"

# The two note types, hard-coded as genanki advises. Each is note_type_id(name, fields,
# template names) of the note type in render/deck.py, and tests/test_deck.py checks that it
# still is. Why these inputs, and not the template text or the CSS: Anki's importer keeps a
# note type whose id it knows and whose field and template names are unchanged, and then
# takes the newer copy's templates and CSS; so a fixed typo or a restyled card reaches every
# student in place. A new id would instead make Anki set aside every incoming note whose
# guid it already has ("conflicting"), freezing the students' copies. When fields or
# templates are added, removed or renamed, Anki itself stops treating the incoming note type
# as the one it has, so that is exactly when the id must change: the test fails and names
# the new value to put here. (Anki then adds no duplicates but leaves the students' notes
# as they were, unless they import with its "Merge note types" option, which updates them.)
TERM_NOTE_TYPE_ID = 1388229342  # "legpain-docs term", fields Term Definition Section Source
LIST_NOTE_TYPE_ID = 1572301563  # "legpain-docs list", fields Text Section Intro Source


def note_type_id(name: str, fields: Sequence[str], templates: Sequence[str]) -> int:
    """The id a note type with this name, these fields and these card templates must have."""
    return _number("note-type", name, *fields, "|", *templates)


def deck_id(article_id: str) -> int:
    """The deck's id, from the article's id.

    Anki since 2.1.50 finds an existing deck by its name and ignores the id, but older
    importers (and AnkiDroid's legacy one) go by id, so it must stay put as well.
    """
    return _number("deck", article_id)


def term_guid(article_id: str, section_id: str, term: str) -> str:
    """The guid of an item's term note: its article, its section and its term, never its text.

    The definition may be revised and the note must stay the same note; the article id keeps
    two articles that define the same term in the same section apart.
    """
    return _guid("term", article_id, section_id, term)


def list_guid(article_id: str, section_id: str) -> str:
    """The guid of a section's list note, which holds the section's whole list of items."""
    return _guid("list", article_id, section_id)


def _digest(*keys: str) -> bytes:
    # JSON keeps the parts apart: ("a b", "c") and ("a", "b c") never hash alike.
    text = json.dumps(["legpain-docs", *keys], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).digest()


def _number(*keys: str) -> int:
    low, high = ID_RANGE
    return low + int.from_bytes(_digest(*keys)[:8], "big") % (high - low)


def _guid(*keys: str) -> str:
    value = int.from_bytes(_digest(*keys)[:8], "big")
    letters = []
    while value:
        value, digit = divmod(value, len(GUID_ALPHABET))
        letters.append(GUID_ALPHABET[digit])
    return "".join(reversed(letters)) or GUID_ALPHABET[0]
