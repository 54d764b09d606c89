"""Every fixed word the outputs print, in one catalogue per language; no PDF or Anki code here.

A renderer never spells a phrase itself: it asks `words_for(article.language)` and fills the
phrase's {placeholders} with `str.format`. Only editorial text lives here, never a medical statement.
"""

from __future__ import annotations

from dataclasses import replace

from .catalogue import Words, attribution
from .en import ENGLISH
from .es import SPANISH
from .fr import FRENCH

__all__ = [
    "CATALOGUES",
    "ENGLISH",
    "FRENCH",
    "LANGUAGES",
    "SPANISH",
    "Words",
    "attribution",
    "primary_language",
    "words_for",
]

CATALOGUES = {words.language: words for words in (ENGLISH, SPANISH, FRENCH)}
LANGUAGES = tuple(CATALOGUES)  # the primary language subtags an article may be written in


def primary_language(tag: str) -> str:
    """A BCP 47 tag's primary language subtag: "es-MX" -> "es"."""
    return tag.split("-")[0].lower()


def words_for(tag: str) -> Words:
    """The catalogue of a BCP 47 tag's primary language; a region, when the tag has one, sets the
    dates' and plurals' locale ("en-US" -> "November 23, 2026")."""
    words = CATALOGUES[primary_language(tag)]
    parts = tag.replace("_", "-").split("-")
    region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    if region is None:
        return words
    from .cldr import load_babel

    load_babel()
    from babel import Locale, UnknownLocaleError

    locale = f"{words.language}_{region.upper()}"
    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        return words  # a region CLDR does not know keeps the language's own forms
    return replace(words, locale=locale)
