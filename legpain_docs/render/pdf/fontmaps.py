"""The ToUnicode map of each embedded font subset: every code the subset uses, and no other.

reportlab maps all 256 codes of a subset, the unused ones to U+0000 (the first 32 of the first
subset are unused when few non-ASCII characters are drawn). PDF/UA-1 (ISO 14289-1 7.21.7)
forbids a map to U+0000, U+FEFF or U+FFFE, so an unused code is left out of the map here: no
text shows it, and nothing is lost. The codes are written in blocks of at most 100, as the
CMap format allows (Adobe technical note 5099).
"""

from __future__ import annotations

from reportlab.pdfbase import ttfonts

BLOCK = 100  # the most entries one beginbfchar ... endbfchar block may hold


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """The ToUnicode CMap of a subset: code n shows the character subset[n]; 0 marks a code not used."""
    used = [(code, value) for code, value in enumerate(subset) if value]
    blocks = []
    for start in range(0, len(used), BLOCK):
        entries = used[start : start + BLOCK]
        blocks += [
            f"{len(entries)} beginbfchar",
            *(f"<{code:02X}> <{_utf16(value)}>" for code, value in entries),
            "endbfchar",
        ]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            *blocks,
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def _utf16(value: int) -> str:
    """The character as UTF-16BE hex: a surrogate pair beyond the Basic Multilingual Plane."""
    return chr(value).encode("utf-16-be").hex().upper()


def install() -> None:
    """reportlab's TrueType subsets write this map (tagging.install calls it, with its version check)."""
    ttfonts.makeToUnicodeCMap = to_unicode_cmap
