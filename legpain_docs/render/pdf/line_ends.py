"""A paragraph's line ends written as they read: a soft hyphen in a broken word, a space between words.

Text taken from a tagged PDF, as a screen reader takes it, is the characters drawn, line after
line. reportlab draws a hyphen where it broke a word (U+002D, which reads "as-sociated") and no
space where it broke between words (which reads "andusually"). ISO 32000-1 asks for the soft
hyphen U+00AD at a hyphenation break (14.8.2.2.3), which readers join, and for a space between
words at a line's end (14.8.2.5). `as_read` gives a copy of a paragraph's lines with each end so
written, for drawing only (the lines as laid out stay as they are). Nothing moves on the page:
the soft hyphen's glyph is the hyphen's, as wide, a line's place was measured before, and a
space at the end of a line draws nothing.

reportlab says how each line ended by the classes of its words: a head of a hyphenated word
(`_SplitWordHY`, `_SplitFragHY`, or the `...LL` one a paragraph's split left at a part's end), a
piece of a word too long for a line (`_SplitWord`, no hyphen: a URL), a word followed by a space
(`_HSFrag`), a line break of the markup (`<br/>`, only ever inside an over-long word here).
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import paragraph as rl

SOFT_HYPHEN = "\u00ad"
SPACE, HYPHENATED, NOTHING = " ", "-", ""


def as_read(paragraph: Any, lines: Any, continues: bool) -> Any:
    """A copy of the laid-out `lines` (reportlab's blPara) whose line ends read as the text does.

    `continues`: the paragraph goes on in another part (split across columns or pages), so its
    last line ends between words, or in a word, as any other line would.
    """
    if not lines.lines:
        return lines
    count = len(lines.lines)
    ends = [_end(paragraph, lines, n) if n < count - 1 or continues else NOTHING for n in range(count)]
    if not any(ends):
        return lines
    if lines.kind == 0:
        written = [(extra, _words_ending(words, end)) for (extra, words), end in zip(lines.lines, ends)]
    else:
        written = [_frag_line_ending(line, end) for line, end in zip(lines.lines, ends)]
    return lines.clone(lines=written)


def _end(paragraph: Any, lines: Any, n: int) -> str:
    """How line n ends: between words, in a hyphenated word, or otherwise (a long word's piece)."""
    if lines.kind == 0:
        word = lines.lines[n][1][-1] if lines.lines[n][1] else ""
        if isinstance(word, (rl._SplitWordHY, rl._SplitWordLL)) and word.endswith("-"):
            return HYPHENATED
        return NOTHING if isinstance(word, rl._SplitWord) and not isinstance(word, rl._SplitWordEnd) else SPACE
    return _frag_end(_frag_words(paragraph, lines.lines, n))


def _frag_words(paragraph: Any, lines: list, n: int) -> list:
    """The words (reportlab's frag words) of line n of a paragraph of mixed styles."""
    words = getattr(paragraph, "frags", [])
    start = getattr(lines[n], "sFW", None)
    stop = getattr(lines[n + 1], "sFW", None) if n + 1 < len(lines) else len(words)
    if start is None or stop is None or not rl._processed_frags(words):
        return []
    return words[start:stop]


def _frag_end(words: list) -> str:
    for word in reversed(words):
        if isinstance(word, rl._InjectedFrag):  # the break reportlab put after a hyphenated head
            continue
        if len(word) < 2 or word[1][0]._fkind == rl._FK_BREAK:  # the markup's <br/>: inside a long word
            return NOTHING
        if isinstance(word, (rl._SplitFragHY, rl._SplitFragLL)) and str(word[-1][1]).endswith("-"):
            return HYPHENATED
        return SPACE if isinstance(word, rl._HSFrag) else NOTHING
    return NOTHING


def _words_ending(words: list[str], end: str) -> list[str]:
    if end == HYPHENATED:
        return [*words[:-1], words[-1][:-1] + SOFT_HYPHEN]
    if end == SPACE:
        return [*words[:-1], words[-1] + SPACE]
    return words


def _frag_line_ending(line: Any, end: str) -> Any:
    """The line with its last text's hyphen made soft, or a space after it: in that text's style and
    link (a space after a link's last word on a line reads inside the link), not underlined."""
    last = next((n for n in range(len(line.words) - 1, -1, -1) if getattr(line.words[n], "text", "")), None)
    if last is None:
        return line
    words = list(line.words)
    if end == HYPHENATED and words[last].text.endswith("-"):
        words[last] = words[last].clone(text=words[last].text[:-1] + SOFT_HYPHEN)
    elif end == SPACE and not words[last].text.endswith(" "):
        words.insert(last + 1, words[last].clone(text=SPACE, us_lines=[]))
    return line.clone(words=words)
