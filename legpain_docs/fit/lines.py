"""How many lines a paragraph takes at most: a bound that errs only towards too many.

Lines are broken greedily at spaces, as reportlab breaks them, but in a slightly narrower
measure. Greedy breaking gives the fewest lines a measure allows, and a wider measure never
needs more, so reportlab's count (which may also hyphenate, and only saves lines by it) is
never above this one. Text this cannot bound (a word wider than the line, spaces other than
the plain one) gives None: the caller then asks the renderer itself.
"""

from __future__ import annotations

import math
import re

from .metrics import text_width

BREAK_AFTER = re.compile(r"(?<=[/?&.=_-])")  # as render/handout/text.py breaks a long word
SLACK = 0.97  # of the measure: rounding in reportlab's sums never costs a line this bound missed


def lines_at_most(text: str, face: str, size: float, measure: float, long_words: bool = False) -> int | None:
    """At most how many lines `text` takes; `long_words`: a word wider than the line is broken
    into lines of its own, as the handout breaks one (render/handout/text.py), rather than unbounded."""
    text = text.replace("\n", " ").replace("\t", " ").replace("\r", " ")  # a paragraph's line breaks are spaces
    if any(char.isspace() and char != " " for char in text) or "\u00ad" in text or "\u200b" in text:
        return None
    width = measure * SLACK
    space = text_width(" ", face, size)
    lines, line = 0, None
    for word in text.split():
        wide = text_width(word, face, size)
        if wide > width:
            if not long_words:
                return None
            lines, line = lines + _pieces_at_most(word, face, size, width), None
            continue
        if line is not None and line + space + wide <= width:
            line += space + wide
        else:
            lines, line = lines + 1, wide
    return max(lines, 1)


def _pieces_at_most(word: str, face: str, size: float, width: float) -> int:
    """Lines a word wider than the line is broken into: after `/?&.=_-` where it can, else between letters.

    A piece ends before a part that fits whole (one per such part at most), or within a part
    too wide for a line, once at least the line less its widest letter is filled.
    """
    pieces = 1
    for part in BREAK_AFTER.split(word):
        wide = text_width(part, face, size)
        if wide <= width:
            pieces += 1
        else:
            widest = max(text_width(char, face, size) for char in part)
            pieces += math.ceil(wide / (width - widest))
    return pieces
