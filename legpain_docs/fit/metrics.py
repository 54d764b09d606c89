"""How wide text is in the embedded faces, read from the fonts' own tables with the standard library.

`check` must know whether a card's text fits before any build, and importing reportlab to
measure would double its time. Widths come from the 'hmtx' table through the 'cmap' table,
the same advances reportlab reads (Source Sans Pro has 1000 units to the em, so they are
exactly reportlab's), without kerning, which reportlab does not apply either. Each character
is looked up once, when first measured: an article uses a hundred of the font's 1,300.
"""

from __future__ import annotations

import bisect
import functools
import struct

from .. import fonts


def text_width(text: str, face: str, size: float) -> float:
    """The width of `text` set on one line in `face` ("regular" or "bold") at `size` points."""
    metrics = _metrics(face)
    widths, advance = metrics.widths, metrics.advance
    return sum(widths[char] if char in widths else advance(char) for char in text) * size / 1000


def advances(face: str) -> tuple[dict[int, int], int]:
    """Every mapped code point's advance in thousandths of an em, and the widest advance."""
    metrics = _metrics(face)
    codes = [code for start, end in zip(metrics.starts, metrics.ends) for code in range(start, min(end, 0xFFFE) + 1)]
    widths = {code: metrics.advance(chr(code)) for code in codes if metrics.glyph(code)}
    return widths, max(widths.values())


class _Metrics:
    """One face's 'cmap' (format 4, the Basic Multilingual Plane) and 'hmtx' tables, read on demand."""

    def __init__(self, font: bytes):
        count = struct.unpack_from(">H", font, 4)[0]
        tables = {font[12 + 16 * i : 16 + 16 * i]: struct.unpack_from(">I", font, 20 + 16 * i)[0] for i in range(count)}
        self.font, self.hmtx = font, tables[b"hmtx"]
        self.units = struct.unpack_from(">H", font, tables[b"head"] + 18)[0]
        self.metrics = struct.unpack_from(">H", font, tables[b"hhea"] + 34)[0]
        cmap = tables[b"cmap"]
        subtables = {}
        for i in range(struct.unpack_from(">H", font, cmap + 2)[0]):
            platform, encoding, offset = struct.unpack_from(">HHI", font, cmap + 4 + 8 * i)
            subtables[(platform, encoding)] = cmap + offset
        at = subtables[(3, 1)]
        segs = struct.unpack_from(">H", font, at + 6)[0] // 2
        self.ends = struct.unpack_from(f">{segs}H", font, at + 14)
        self.starts = struct.unpack_from(f">{segs}H", font, at + 16 + 2 * segs)
        self.deltas = struct.unpack_from(f">{segs}h", font, at + 16 + 4 * segs)
        self.range_at = at + 16 + 6 * segs
        self.offsets = struct.unpack_from(f">{segs}H", font, self.range_at)
        self.widths: dict[str, int] = {}
        widest = max(struct.unpack_from(">H", font, self.hmtx + 4 * g)[0] for g in range(self.metrics))
        self.widest = round(widest * 1000 / self.units)  # for a character the face lacks: never too narrow

    def glyph(self, code: int) -> int:
        s = bisect.bisect_left(self.ends, code)
        if s == len(self.ends) or code < self.starts[s] or code > 0xFFFE:
            return 0
        if self.offsets[s] == 0:
            return (code + self.deltas[s]) & 0xFFFF
        where = self.range_at + 2 * s + self.offsets[s] + 2 * (code - self.starts[s])
        glyph = struct.unpack_from(">H", self.font, where)[0]
        return (glyph + self.deltas[s]) & 0xFFFF if glyph else 0

    def advance(self, char: str) -> int:
        code = 0x20 if char == "\u00a0" else ord(char)  # reportlab gives the no-break space the space's width
        glyph = self.glyph(code)
        if not glyph:
            width = self.widest
        else:
            units = struct.unpack_from(">H", self.font, self.hmtx + 4 * min(glyph, self.metrics - 1))[0]
            width = round(units * 1000 / self.units)  # glyphs past the metrics' count share the last advance
        self.widths[char] = width
        return width


@functools.cache
def _metrics(face: str) -> _Metrics:
    return _Metrics(fonts.font_path(face).read_bytes())
