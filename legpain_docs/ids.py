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

# The English note types, as note_type_id(name, fields, template names) gives them; a test
# checks that render/deck/note_types.py still makes these. Why these inputs, and not the
# template text or the CSS: Anki's importer keeps a note type whose id it knows and whose
# field and template names are unchanged, and takes the newer copy's templates and CSS; so
# a fixed typo or a restyled card reaches every student in place. A new id would make Anki
# set aside every incoming note whose guid it already has ("conflicting"), freezing the
# students' copies. So when a test says these changed, think twice: a renamed field costs
# every student their updates until they import with "Merge note types". A translated deck
# has note types of its own, whose name and so whose id carry the language.
TERM_NOTE_TYPE_ID = 1821181148  # "legpain-docs term": Term Definition Section Source
REVERSE_NOTE_TYPE_ID = 1552691543  # "legpain-docs reverse": Term Clue Definition Section Source
LIST_NOTE_TYPE_ID = 1544727618  # "legpain-docs list": Term Before After Section Intro Source


def note_type_id(name: str, fields: Sequence[str], templates: Sequence[str]) -> int:
    """The id a note type with this name, these fields and these card templates must have."""
    return _number("note-type", name, *fields, "|", *templates)


def deck_id(article_id: str) -> int:
    """The deck's id, from the article's id.

    Anki since 2.1.50 finds an existing deck by its name and ignores the id, but older
    importers (and AnkiDroid's legacy one) go by id, so it must stay put as well.
    """
    return _number("deck", article_id)


def library_deck_id(name: str) -> int:
    """The id of the library's parent deck, from its name."""
    return _number("library", name)


def library_subdeck_id(article_id: str) -> int:
    """The id of an article's deck inside the library: not its own deck's id, which the
    student may have beside it."""
    return _number("library-deck", article_id)


def note_guid(article_id: str, key: str, kind: str) -> str:
    """The guid of one of an item's notes: the article, the item's key and the note's kind.

    Never the section, the position or the text: an item keeps its notes, and the students
    their history, when it is reworded, reordered or moved to another section; a renamed
    item keeps them by carrying its old key. The article id keeps two articles that define
    the same term apart. `kind` is 'term', 'reverse' or 'list'; or 'occlusion', whose key names a
    drawing's labelled part (render/deck/occlusion.py).
    """
    return _guid(kind, article_id, key)


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
