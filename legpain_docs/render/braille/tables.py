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
