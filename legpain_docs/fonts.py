"""The embedded fonts, and which characters they can show.

The handout and cards embed Source Sans Pro (SIL Open Font License), a humanist sans with
open, distinct letterforms that stays readable in large print and covers Latin-1, Greek and
the symbols of medical text. Its character map is read here with the standard library, so
`check` can reject a character the font cannot show without importing reportlab.
"""

from __future__ import annotations

import functools
import importlib.util
import struct
from pathlib import Path

# Faces by the role they play; a face is a TrueType file of the font package.
FACES = {
    "regular": "SourceSansPro-Regular.ttf",
    "bold": "SourceSansPro-Bold.ttf",
}


def font_path(face: str) -> Path:
    """The file of one face, from the installed font package (without importing it)."""
    spec = importlib.util.find_spec("font_source_sans_pro")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the font package font-source-sans-pro is not installed")
    return Path(spec.submodule_search_locations[0]) / "files" / FACES[face]


@functools.cache
def coverage() -> frozenset[int]:
    """Code points every face can show: text may be set in any of them."""
    maps = [_cmap_code_points(font_path(face).read_bytes()) for face in FACES]
    # Only the Basic Multilingual Plane: reportlab 5.1 writes a malformed text map for code
    # points above U+FFFF (the font has two, the raised MC and MD signs), so a PDF would draw
    # them but could not copy, search or read them aloud.
    return frozenset(c for c in frozenset.intersection(*maps) if c <= 0xFFFF)


def can_show(char: str) -> bool:
    return char in "\n\t" or ord(char) in coverage()


def _cmap_code_points(font: bytes) -> frozenset[int]:
    """The code points mapped to a glyph by a TrueType 'cmap' table (formats 4 and 12)."""
    num_tables = struct.unpack_from(">H", font, 4)[0]
    tables = {
        font[12 + 16 * i : 16 + 16 * i]: struct.unpack_from(">I", font, 20 + 16 * i)[0] for i in range(num_tables)
    }
    cmap = tables[b"cmap"]
    subtables = {}
    for i in range(struct.unpack_from(">H", font, cmap + 2)[0]):
        platform, encoding, offset = struct.unpack_from(">HHI", font, cmap + 4 + 8 * i)
        subtables[(platform, encoding)] = cmap + offset
    if (3, 10) in subtables:
        return _format12(font, subtables[(3, 10)])
    return _format4(font, subtables[(3, 1)])


def _format12(font: bytes, at: int) -> frozenset[int]:
    groups = struct.unpack_from(">I", font, at + 12)[0]
    points: set[int] = set()
    for g in range(groups):
        start, end, glyph = struct.unpack_from(">III", font, at + 16 + 12 * g)
        points.update(range(start, end + 1) if glyph else ())
    return frozenset(points)


def _format4(font: bytes, at: int) -> frozenset[int]:
    segs = struct.unpack_from(">H", font, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segs}H", font, at + 14)
    starts = struct.unpack_from(f">{segs}H", font, at + 16 + 2 * segs)
    deltas = struct.unpack_from(f">{segs}h", font, at + 16 + 4 * segs)
    range_at = at + 16 + 6 * segs
    offsets = struct.unpack_from(f">{segs}H", font, range_at)
    points: set[int] = set()
    for s, (start, end, delta, offset) in enumerate(zip(starts, ends, deltas, offsets)):
        end = min(end, 0xFFFE)  # the final segment, 0xFFFF, only ends the table
        if end < start:
            continue
        if offset == 0:  # glyph = code + delta: every code has a glyph but the one landing on 0
            points.update(range(start, end + 1))
            points.discard((-delta) & 0xFFFF)
        else:  # glyph ids from an array; 0 there means no glyph
            where = range_at + 2 * s + offset
            glyphs = struct.unpack_from(f">{end - start + 1}H", font, where)
            points.update(code for code, glyph in zip(range(start, end + 1), glyphs) if glyph)
    return frozenset(points)
