"""Which liblouis table writes each language's braille, and why that one."""

from __future__ import annotations

from ...words import primary_language

# English: Unified English Braille, grade 2 (contracted), the code of every English-speaking
# country's braille authority since 2016. French: the French braille authority's (BFU) grade 2,
# "abrégé". Spanish: grade 1, the integral braille ONCE and the Latin American councils teach
# and print with (liblouis's Spanish grade 2 does not read back into the text it was made from).
TABLES = {"en": "en-ueb-g2.ctb", "es": "es-g1.ctb", "fr": "fr-bfu-g2.ctb"}


def table_for(language: str) -> str:
    return TABLES[primary_language(language)]


# What opens and closes a transcriber's note (a picture's description here): UEB's indicators,
# dots 4, 46, 126 and 4, 46, 345 (Rules of Unified English Braille, 3.27; liblouis's UEB tables
# know them as its `transnote` emphasis and read them back). Spanish and French braille have no
# such indicators in liblouis's tables: there the note's label and its 7-5 indent mark it.
NOTE_INDICATORS = {"en": ("\u2808\u2828\u2823", "\u2808\u2828\u281c")}


def note_indicators(language: str) -> tuple[str, str]:
    return NOTE_INDICATORS.get(primary_language(language), ("", ""))
