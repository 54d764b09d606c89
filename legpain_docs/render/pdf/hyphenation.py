"""pyphen's hyphenation patterns, each parsed only when a word asks for it.

pyphen parses every pattern of a dictionary when it is first used (11,000 for en_US: some
40 ms, in every process), for the few words of a page that need breaking. `load(name)` reads
the file and keys each pattern by its letters in a few milliseconds, and puts it in pyphen's
own cache of dictionaries, where `pyphen.Pyphen` (ours, and the one reportlab makes from a
style's `hyphenationLang`) finds it; the file is read when a word first asks for its breaks
(many pages ask none), and a pattern parsed, by pyphen's own rule, when a word looks it up.
The breaks are the same: a dictionary this cannot read exactly as pyphen does (a pattern
written in `^^hh`, a nonstandard break) is parsed by pyphen.
"""

from __future__ import annotations

import re

import pyphen

WRITTEN_FOR = "0.18.1"  # the pyphen whose HyphDict this stands in for (pinned in pyproject.toml)
_DIGITS = b"0123456789"
# Encodings in which a byte 0x30-0x39 is only ever a digit (the dictionaries' own: pyphen's are
# UTF-8 and ISO 8859 parts), so that deleting those bytes deletes the digits and nothing else.
_ONE_BYTE_DIGITS = {"utf-8", "cp1251", *(f"iso8859-{part}" for part in range(1, 17))}
# What pyphen reads otherwise than as "digits between letters": a nonstandard break
# (`pattern/change,index,cut`; a comment with "/" and "=" is taken for one, to be safe).
_ALTERNATIVE = re.compile(r"/[^\n]*=")


class _Patterns(dict):
    """Pattern letters -> the raw pattern line (or lines, in the file's order) until asked for,
    then pyphen's (offset, values), or None."""

    def get(self, key: str, default=None):
        value = dict.get(self, key, default)
        if type(value) is str:
            value = self[key] = _parse(value)
        elif type(value) is tuple and type(value[0]) is str:
            # pyphen keeps the last line of these letters, skipping those it ignores
            value = self[key] = next(filter(None, map(_parse, reversed(value))), None)
        return value


class LazyHyphDict(pyphen.HyphDict):
    """A pyphen.HyphDict read when a word first asks for its breaks, each pattern parsed when a
    word looks it up (`positions` is pyphen's own)."""

    def __init__(self, path):
        self.path, self.cache = path, {}

    def __getattr__(self, name: str):  # patterns and maxlen, on first use
        if name not in ("patterns", "maxlen"):
            raise AttributeError(name)
        patterns = _read(self.path)
        if patterns is None:  # pyphen's own reading
            eager = pyphen.HyphDict(self.path)
            self.patterns, self.maxlen = eager.patterns, eager.maxlen
        else:
            # pyphen's maxlen bounds the letters a word looks up; the comments' make it larger,
            # never changing a break (a longer run of letters finds no pattern), for no loop.
            self.patterns, self.maxlen = patterns, max(map(len, patterns))
        return getattr(self, name)


def load(name: str) -> None:
    """Make pyphen's dictionary `name` (a key of pyphen.LANGUAGES) cheap to open, once per process."""
    path = pyphen.LANGUAGES[name]
    if path not in pyphen.hdcache and pyphen.__version__ == WRITTEN_FOR:
        pyphen.hdcache[path] = LazyHyphDict(path)


def _read(path) -> _Patterns | None:
    """Every pattern line keyed by its letters; None when pyphen must read the file itself."""
    with path.open("rb") as file:
        encoding = file.readline().decode()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    text = path.read_text(encoding)
    if encoding.strip().lower() not in _ONE_BYTE_DIGITS or "^^" in text or ("/" in text and _ALTERNATIVE.search(text)):
        return None
    lines = [line.strip() for line in text.split("\n")[1:]]
    # The letters of each line: its digits deleted from the bytes, 20 times faster than from the str.
    keys = "\n".join(lines).encode(encoding).translate(None, _DIGITS).decode(encoding).split("\n")
    patterns = _Patterns(zip(keys, lines))
    patterns.pop("", None)
    if len(patterns) != len(lines) - lines.count(""):  # letters on several lines (comments too): all kept
        every: dict[str, list[str]] = {}
        for key, line in zip(keys, lines):
            every.setdefault(key, []).append(line)
        patterns.update((key, tuple(group)) for key, group in every.items() if len(group) > 1 and key)
    return patterns


def _parse(line: str) -> tuple[int, tuple[int, ...]] | None:
    """One pattern line as pyphen's HyphDict reads it: its first nonzero value's offset and the
    values from there to the last nonzero one; None for a line pyphen skips."""
    if line.startswith(pyphen.ignored):
        return None
    values = tuple(int(digit or "0") for digit, _ in pyphen.parse(line))
    if max(values) == 0:
        return None
    start, end = 0, len(values)
    while not values[start]:
        start += 1
    while not values[end - 1]:
        end -= 1
    return start, values[start:end]
