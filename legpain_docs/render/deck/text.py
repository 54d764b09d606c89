"""A deck as a tab-separated text file with Anki's import headers, for Anki and other study apps.

Anki's File > Import reads the headers: the guid column gives each note the same identity as in
the .apkg (so the same note imported either way is one note), the note type and deck columns
put it where the package does, and the tags column tags it. Fields are the package's own HTML.
Retired notes are left out: a text import makes a card for every note, and would teach them.
Rows come in the package's new-card order, which a text import keeps.
"""

from __future__ import annotations

import re

from .note_types import FIELDS, OCCLUSION_FIELDS
from .package import DeckPart

_QUOTED = re.compile('["\t\r\n]')  # what a cell is quoted for
WIDTH = max(
    len(fields) for fields in (*FIELDS.values(), OCCLUSION_FIELDS)
)  # every row as wide, so the tags column is one column


def deck_text(decks: list[DeckPart]) -> bytes:
    """The notes of `decks` as UTF-8 text, one note a line."""
    tags_column = 3 + WIDTH + 1
    lines = [
        "#separator:tab",
        "#html:true",
        "#guid column:1",
        "#notetype column:2",
        "#deck column:3",
        f"#tags column:{tags_column}",
    ]
    tabs = tags_column - 1
    for deck in decks:
        names = {nt.kind: nt.name for nt, _ in deck.note_types}
        for entry in deck.entries:
            if entry.retired:
                continue
            note = entry.note
            fields = list(note.fields) + [""] * (WIDTH - len(note.fields))
            row = "\t".join([note.guid, names[note.kind], deck.name, *fields, " ".join(note.tags)])
            if not _plain(row, tabs):  # a cell to quote: each cell as _cell has it
                row = "\t".join(
                    [_cell(note.guid), names[note.kind], deck.name, *map(_cell, fields), " ".join(note.tags)]
                )
            lines.append(row)
    return ("\n".join(lines) + "\n").encode("utf-8")


def _plain(row: str, tabs: int) -> bool:
    """Whether no cell of the row needs quoting (a library's text has 40,000 cells; a search
    of the whole row costs a tenth of one for each): no quote or line break anywhere, a tab
    only between cells, and no cell that starts with '#'."""
    return (
        row.count("\t") == tabs
        and '"' not in row
        and "\n" not in row
        and "\r" not in row
        and not row.startswith("#")
        and "\t#" not in row
    )


def _cell(text: str) -> str:
    """A value as one cell, quoted as CSV quotes when it holds a quote, a tab or a line break
    (which would otherwise end the cell or the row) or starts with '#' (a guid may: a comment
    line to the importer); the importer reads back the same text."""
    if _QUOTED.search(text) is None and not text.startswith("#"):  # '#' at a line's start: a comment
        return text
    return '"' + text.replace('"', '""') + '"'
