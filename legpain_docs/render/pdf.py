"""What every PDF of this project shares: embedded fonts, metadata, a fixed timestamp.

Both the handout and the cards build on these, so that a fix here (a font, a metadata key,
reproducibility) reaches every PDF at once.
"""

from __future__ import annotations

import time
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .. import fonts
from ..model import Article

REGULAR = "SourceSansPro"
BOLD = "SourceSansPro-Bold"
AUTHOR = "legpain-docs"


def register_fonts() -> None:
    """Register the TrueType faces once; reportlab embeds the subset of glyphs each PDF uses."""
    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(REGULAR, str(fonts.font_path("regular"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(fonts.font_path("bold"))))
    # Paragraph markup <b> picks the bold face; italic maps to upright: body text is never italic.
    for bold, italic, face in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, REGULAR), (1, 1, BOLD)):
        addMapping(REGULAR, bold, italic, face)


def document_options(article: Article, subject: str, keywords: list[str]) -> dict[str, Any]:
    """Keyword arguments for a reportlab DocTemplate or Canvas that every output PDF shares."""
    register_fonts()
    return {
        "title": article.title,
        "author": article.source.name if article.source and article.source.name else AUTHOR,
        "subject": subject,
        "keywords": keywords,
        "creator": AUTHOR,
        "producer": AUTHOR,
        "lang": article.language,
        "displayDocTitle": True,  # viewers show the title, not the file name
        "invariant": True,  # no random document ID, no wall-clock time
        # Without this reportlab sets Helvetica, a font it never embeds, at the top of each page.
        "initialFontName": REGULAR,
        "initialFontSize": 12,
    }


def hyphenation_language(language: str) -> str:
    """pyphen's dictionary for a BCP 47 tag ("en-GB" -> en_GB, "es" -> es), or "" for none; reportlab reads it."""
    import pyphen

    return pyphen.language_fallback(language.replace("-", "_")) or ""


def set_timestamp(canvas: Any, epoch: int) -> None:
    """Make the PDF's creation and modification dates `epoch` (seconds, UTC)."""
    stamp = TimeStamp(invariant=True)
    stamp.t, stamp.lt = epoch, time.gmtime(epoch)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    canvas._doc._timeStamp = stamp
