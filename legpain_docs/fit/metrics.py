"""How wide text is in the embedded faces, read from the fonts' own tables with the standard library.

`check` must know whether a card's text fits before any build, and importing reportlab to
measure would double its time. Widths come from the 'hmtx' table through the 'cmap' table,
the same advances reportlab reads (Source Sans Pro has 1000 units to the em, so they are
exactly reportlab's), without kerning, which reportlab does not apply either.
"""

from __future__ import annotations

import functools
import struct

from .. import fonts


def text_width(text: str, face: str, size: float) -> float:
    """The width of `text` set on one line in `face` ("regular" or "bold") at `size` points."""
    widths, default = advances(face)
    return sum(widths.get(ord(char), default) for char in text) * size / 1000


@functools.cache
def advances(face: str) -> tuple[dict[int, int], int]:
    """Each code point's advance in thousandths of an em, and the widest advance for any other."""
    font = fonts.font_path(face).read_bytes()
    tables = _tables(font)
    units = struct.unpack_from(">H", font, tables[b"head"] + 18)[0]
    metrics = struct.unpack_from(">H", font, tables[b"hhea"] + 34)[0]
    hmtx = tables[b"hmtx"]
    glyph_advance = [struct.unpack_from(">H", font, hmtx + 4 * g)[0] for g in range(metrics)]
    last = glyph_advance[-1]  # glyphs past the metrics' count all share the last advance
    widths = {code: round((glyph_advance[g] if g < metrics else last) * 1000 / units)
              for code, g in _glyphs(font, tables[b"cmap"]).items()}
    widths[0xA0] = widths[0x20]  # reportlab gives the no-break space the space's width
    return widths, max(widths.values())


def _tables(font: bytes) -> dict[bytes, int]:
    count = struct.unpack_from(">H", font, 4)[0]
    return {font[12 + 16 * i : 16 + 16 * i]: struct.unpack_from(">I", font, 20 + 16 * i)[0] for i in range(count)}


def _glyphs(font: bytes, cmap: int) -> dict[int, int]:
    """Code point -> glyph id from the Unicode BMP subtable (format 4)."""
    subtables = {}
    for i in range(struct.unpack_from(">H", font, cmap + 2)[0]):
        platform, encoding, offset = struct.unpack_from(">HHI", font, cmap + 4 + 8 * i)
        subtables[(platform, encoding)] = cmap + offset
    at = subtables[(3, 1)]
    segs = struct.unpack_from(">H", font, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segs}H", font, at + 14)
    starts = struct.unpack_from(f">{segs}H", font, at + 16 + 2 * segs)
    deltas = struct.unpack_from(f">{segs}h", font, at + 16 + 4 * segs)
    range_at = at + 16 + 6 * segs
    offsets = struct.unpack_from(f">{segs}H", font, range_at)
    glyphs: dict[int, int] = {}
    for s, (start, end, delta, offset) in enumerate(zip(starts, ends, deltas, offsets)):
        for code in range(start, min(end, 0xFFFE) + 1):
            if offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                glyph = struct.unpack_from(">H", font, range_at + 2 * s + offset + 2 * (code - start))[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                glyphs[code] = glyph
    return glyphs
