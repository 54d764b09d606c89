"""Braille blocks set on pages of a fixed number of cells and lines, as an embosser prints them.

Each block is translated whole (contractions depend on the words around them) and then broken
at the blank cells between words; a word longer than a line is split with a hyphen cell. The
last line of every page carries only the braille page number at its right margin, where BANA's
Braille Formats put it, so the reader always finds it in the same place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .blocks import Block, Role
from .brf import BLANK

HYPHEN = "\u2824"  # dots 3-6, the braille hyphen, at the end of a broken word's first part


@dataclass(frozen=True)
class PageFormat:
    """A braille page: cells per line and lines per page (an embosser's usual sheet: 40 x 25)."""

    cells: int = 40
    lines: int = 25

    @property
    def body_lines(self) -> int:
        return self.lines - 1  # the last line holds the page number


@dataclass(frozen=True)
class Indent:
    """Where a block's first line and its runover lines start (0 is cell 1)."""

    first: int
    runover: int


INDENTS = {Role.HEADING: Indent(4, 4), Role.PARAGRAPH: Indent(2, 0), Role.ITEM: Indent(0, 2), Role.NOTE: Indent(6, 4)}


def set_pages(
    blocks: list[Block], page: PageFormat, translate: Callable[[str], str], note: tuple[str, str] = ("", "")
) -> list[list[str]]:
    """The blocks as pages of braille lines (Unicode cells), each page's last line its number.

    `note` is the code's opening and closing transcriber's note indicators, set unspaced around
    a note's text (UEB's; a code without them marks a note by its label and its 7-5 indent alone).
    """
    pages: list[list[str]] = [[]]
    after_title = False
    for block in blocks:
        cells = translate(block.text)
        if block.role is Role.NOTE:
            cells = note[0] + cells.strip(BLANK) + note[1]
        lines = _lines(cells, block.role, page.cells)
        body = pages[-1]
        gap = 1 if (block.space_before or after_title) and body else 0
        after_title = block.role is Role.TITLE
        # A heading and its first line below it stay together; a heading never ends a page.
        keep = len(lines) + 1 if block.role is Role.HEADING else 1
        if body and len(body) + gap + min(keep, page.body_lines) > page.body_lines:
            pages.append(body := [])
            gap = 0
        body.extend([""] * gap)
        for line in lines:
            if len(body) == page.body_lines:
                pages.append(body := [])
            body.append(line)
    return [_numbered(body, n, page, translate) for n, body in enumerate(pages, start=1)]


def _lines(cells: str, role: Role, width: int) -> list[str]:
    if role is Role.TITLE:
        return [line.center(width, BLANK).rstrip(BLANK) for line in _wrap(cells, width, Indent(0, 0))]
    return _wrap(cells, width, INDENTS[role])


def _wrap(cells: str, width: int, indent: Indent) -> list[str]:
    """Words of braille filled into lines of `width` cells, starting at the block's indents."""
    lines: list[str] = []
    line = ""
    for word in filter(None, cells.split(BLANK)):
        joined = f"{line}{BLANK}{word}" if line else BLANK * (indent.runover if lines else indent.first) + word
        if line and len(joined) > width:
            lines.append(line)
            joined = BLANK * indent.runover + word
        line = joined
        while len(line) > width:  # one word longer than a line: split it with a hyphen
            lines.append(line[: width - 1] + HYPHEN)
            line = BLANK * indent.runover + line[width - 1 :]
    return lines + [line] if line else lines


def _numbered(body: list[str], number: int, page: PageFormat, translate: Callable[[str], str]) -> list[str]:
    label = translate(str(number))
    filler = [""] * (page.body_lines - len(body))
    return [*body, *filler, label.rjust(page.cells, BLANK)]
