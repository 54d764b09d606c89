"""The braille edition: a .brf an embosser prints as it is, and a guide for whoever embosses it.

blocks.py says what the braille holds, tables.py which liblouis table writes each language,
louis.py calls liblouis, layout.py sets the pages, brf.py spells the cells as ASCII braille.
"""

from __future__ import annotations

from ...errors import ContentError
from ...model import Article
from ...words import words_for
from . import louis
from .blocks import article_blocks, article_texts
from .brf import is_six_dot, to_ascii
from .layout import PageFormat, set_pages
from .tables import note_indicators, table_for

__all__ = [
    "PageFormat",
    "braille_problem",
    "page_count",
    "render_braille",
    "render_emboss_guide",
    "refuse_untranslatable",
]

PAGE_BREAK = "\f"  # a form feed ends every page: embossers feed the next sheet on it
LINE_END = "\r\n"  # BRF files end lines as DOS did; every embosser reads it


def render_braille(article: Article, page: PageFormat = PageFormat()) -> bytes:
    """The article as ASCII braille pages (BRF), the same bytes every time."""
    table = table_for(article.language)
    louis.require_table(table)
    refuse_untranslatable(article, table)
    pages = set_pages(
        article_blocks(article, words_for(article.language)),
        page,
        lambda text: louis.translate(text, table),
        note_indicators(article.language),
    )
    return "".join(LINE_END.join(to_ascii(line) for line in lines) + LINE_END + PAGE_BREAK for lines in pages).encode(
        "ascii"
    )


def page_count(brf: bytes) -> int:
    return brf.count(PAGE_BREAK.encode())


def render_emboss_guide(article: Article, file_name: str, pages: int, page: PageFormat = PageFormat()) -> bytes:
    """A plain-text note for the clinic: what the file is and how to emboss it."""
    words = words_for(article.language)
    fields = {
        "file": file_name,
        "cells": page.cells,
        "lines": page.lines,
        "code": words.braille_code,
        "pages": words.count(pages, words.braille_pages),
        "title": article.title,
    }
    title = words.braille_guide_title.format(**fields)
    paragraphs = [
        f"{title}\n{'=' * len(title)}",
        words.braille_guide_summary.format(**fields),
        *(step.format(**fields) for step in words.braille_guide_steps),
    ]
    return ("\n\n".join(paragraphs) + "\n").encode("utf-8")


def braille_problem(article: Article) -> ContentError | None:
    """What the braille edition would refuse in the article, for `check`; None when nothing."""
    table = table_for(article.language)
    louis.require_table(table)
    try:
        refuse_untranslatable(article, table)
    except ContentError as err:
        return err
    return None


def refuse_untranslatable(article: Article, table: str) -> None:
    """A ContentError at the first text holding a character the table has no braille for.

    liblouis writes such a character as an escape in eight-dot cells (or drops it), which no
    six-dot embosser can print and no reader could read: refused rather than guessed at.
    """
    verdicts: dict[str, bool] = {}
    for field, text in article_texts(article):
        for char in dict.fromkeys(text):
            if char.isascii():
                continue
            if char not in verdicts:
                cells = louis.translate(char, table)
                verdicts[char] = bool(cells.strip("\u2800")) and is_six_dot(cells)
            if not verdicts[char]:
                raise ContentError(
                    f"braille ({table}) has no cell for U+{ord(char):04X} '{char}': write it in "
                    "words, or leave it out of the article",
                    field=field,
                )
