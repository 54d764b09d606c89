"""What every PDF of this project shares: embedded fonts, metadata, a fixed timestamp.

Both the handout and the cards build on these, so that a fix here (a font, a metadata key,
reproducibility) reaches every PDF at once.
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Iterator
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDate, PDFDictionary, PDFInfo, PDFName, PDFString
from reportlab.pdfbase.ttfonts import TTFont

from ... import fonts
from ...model import Article, Clinic

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


def document_options(
    article: Article, subject: str, keywords: list[str], clinic: Clinic | None = None
) -> dict[str, Any]:
    """Keyword arguments for a reportlab DocTemplate or Canvas that every output PDF shares."""
    register_fonts()
    return {
        "title": article.title,
        "author": _author(article, clinic),
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


def _author(article: Article, clinic: Clinic | None) -> str:
    """Who wrote it: the article's source, else the clinic that hands it out, else "" (no
    Author entry at all: see `set_document_info`). The tool's own name belongs in Creator and
    Producer, not here.
    """
    if article.source and article.source.name:
        return article.source.name
    return clinic.name if clinic else ""


class _Info(PDFInfo):
    """reportlab's document information, without an Author entry when no author is known.

    reportlab writes `/Author ()` for an empty author, which viewers show as a blank field and
    screen readers announce; an absent entry is the honest "unknown". Same keys otherwise.
    """

    def format(self, document):
        if self.author:
            return super().format(document)
        entries = {
            "Title": PDFString(self.title),
            "CreationDate": PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter),
            "Producer": PDFString(self.producer),
            "Creator": PDFString(self.creator),
            "Subject": PDFString(self.subject),
            "Keywords": PDFString(self.keywords),
            "Trapped": PDFName(self.trapped),
        }
        entries["ModDate"] = entries["CreationDate"]
        return PDFDictionary(entries).format(document)


def hyphenation_language(language: str) -> str:
    """pyphen's dictionary for a BCP 47 tag ("en-GB" -> en_GB, "es" -> es), or "" for none; reportlab reads it."""
    import pyphen

    from .hyphenation import load

    name = pyphen.language_fallback(language.replace("-", "_")) or ""
    if name:
        load(name)  # opened by reportlab for every paragraph: its patterns parsed as words need them
    return name


def set_document_info(canvas: Any, epoch: int) -> None:
    """Make the PDF's creation and modification dates `epoch` (seconds, UTC), and leave out an
    empty Author entry (see `_Info`)."""
    stamp = TimeStamp(invariant=True)
    stamp.t, stamp.lt = epoch, time.gmtime(epoch)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    canvas._doc._timeStamp = stamp
    info = _Info()
    info.__dict__.update(canvas._doc.info.__dict__)
    canvas._doc.info = info


@contextlib.contextmanager
def few_collections() -> Iterator[None]:
    """Python's cycle collector run seldom while a PDF is made; as a decorator, around a renderer.

    A large source makes hundreds of thousands of objects that live until the PDF is written
    (paragraphs, their fragments, structure elements); at the default thresholds the collector
    walks them again and again, a cost that grows faster than the source: a quarter of the
    time at the largest source allowed. Cycles are still collected, in larger batches.
    """
    saved = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*saved)
