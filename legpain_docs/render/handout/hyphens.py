"""Where the handout may break a word at a line's end: rules a reader can trust.

reportlab asks the style's `hyphenationLang` for the ways to break a word when it does not
fit; given a callable, it takes the first (longest) head that fits. `Hyphenator` answers
with pyphen's breaks, less the ones readers stumble on: none within three letters of either
end ("as-sociated"), none in a word under `style.HANDOUT_HYPHENATE_FROM` letters, none in a
word with a capital (a proper name such as Guillain-Barré, an initialism) or anything but
letters (a URL, a compound already hyphenated). `without(word)` refuses one word more: a
paragraph that came out with two hyphenated lines in a row is set again so. The hyphen a
break adds is written as the soft hyphen U+00AD when the line is drawn (pdf/line_ends.py), so
that the word reads whole.
"""

from __future__ import annotations

import functools
import re

import pyphen

from ..pdf import hyphenation, style

# pyphen's "en" is the British patterns, which break "interverteb-ral" and "mala-lignment";
# the US patterns break these articles' American English at the syllables (inter-ver-te-bral).
PATTERNS = {"en": "en_US"}
# The fewest letters left on either side of a break.
SIDE = 3
# Leading and trailing punctuation, as reportlab strips it before asking for breaks.
_EDGES = re.compile(r"^\W+|\W+$")


@functools.cache
def _dictionary(language: str) -> pyphen.Pyphen | None:
    name = pyphen.language_fallback(PATTERNS.get(language, language.replace("-", "_")))
    if not name:
        return None
    hyphenation.load(name)
    return pyphen.Pyphen(lang=name, left=SIDE, right=SIDE)


class Hyphenator:
    """The breaks a word may take, longest head first, as reportlab asks for them."""

    def __init__(self, language: str, refused: frozenset[str] = frozenset()):
        self.language, self.refused = language, refused

    def __call__(self, word: str) -> list[tuple[str, str]]:
        dictionary = _dictionary(self.language)
        if dictionary is None or not breakable(word) or word.lower() in self.refused:
            return []
        return list(dictionary.iterate(word))

    def without(self, word: str) -> Hyphenator:
        return Hyphenator(self.language, self.refused | {_EDGES.sub("", word).lower()})

    def __eq__(self, other: object) -> bool:  # styles compare equal when they break alike
        return isinstance(other, Hyphenator) and (self.language, self.refused) == (other.language, other.refused)

    def __hash__(self) -> int:
        return hash((self.language, self.refused))


def breakable(word: str) -> bool:
    """Whether a word may be broken at all: long enough, all small letters (no name, no URL)."""
    return len(word) >= style.HANDOUT_HYPHENATE_FROM and word.isalpha() and word == word.lower()


def hyphenator(language: str) -> Hyphenator | str:
    """The hyphenator for body text in this language, or "" (none) where pyphen has no patterns."""
    return Hyphenator(language) if _dictionary(language) else ""


def line_texts(lines: list, kind: int) -> list[str]:
    """The text of each line reportlab broke a paragraph into (words, or runs of fragments)."""
    if kind == 0:
        return [" ".join(words) for _, words in lines]
    return ["".join(getattr(frag, "text", "") for frag in line.words) for line in lines]


def stumble(texts: list[str]) -> str | None:
    """The hyphenated word to set again without its break, if the lines need it: the second of
    two hyphenated lines in a row, or the word whose tail is all the last line holds."""
    ends = [text.rstrip().endswith("-") for text in texts]
    for n in range(1, len(texts) - 1):
        if ends[n - 1] and ends[n]:
            return _word_at(texts, n)
    if len(texts) >= 2 and ends[-2] and len(texts[-1].split()) == 1:
        return _word_at(texts, len(texts) - 2)
    return None


def _word_at(texts: list[str], n: int) -> str:
    """The word broken at the end of line n: its head there, its tail at the start of the next."""
    head = texts[n].rstrip().rsplit(" ", 1)[-1][:-1]
    tail = texts[n + 1].split(" ", 1)[0] if texts[n + 1].strip() else ""
    return head + tail
