"""Printable flashcards: a printing guide, then each sheet's fronts followed by its backs.

The guide is a sheet of its own with a blank back, so that printing the whole file
double-sided still puts every card's back behind its front.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch, mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from ..errors import ContentError
from ..model import Article
from . import style
from .card_faces import behind, cards_of, draw, draw_cut_marks, fit, slots
from .pdf import BOLD, REGULAR, document_options, register_fonts, set_timestamp

PER_SHEET = style.CARD_COLUMNS * style.CARD_ROWS
GUIDE_PAGES = 2  # the guide and its blank back
DUPLEX = {"long": "DuplexFlipLongEdge", "short": "DuplexFlipShortEdge"}
PAPER_NAMES = {"letter": "Letter", "a4": "A4"}
SUBJECT = "Printable double-sided flashcards: the term on the front, the definition on the back"


def render_cards(article: Article, *, paper: str = "letter", flip: str = "long", epoch: int) -> bytes:
    """The cards PDF for `paper` ("letter" or "a4") and the printer's duplex `flip` ("long" or "short");
    its dates are `epoch` (seconds)."""
    cards = cards_of(article)
    register_fonts()  # fitting measures text in the embedded faces
    # Every face is fitted before a page is drawn: a card that cannot fit fails the build at once.
    faces = [fit(card) for card in cards]
    page = style.PAPER_SIZES[paper]
    out = io.BytesIO()
    canvas = _canvas(out, article, page, flip)
    set_timestamp(canvas, epoch)
    if cards:
        _guide(canvas, article, page, paper, flip, len(cards))
    else:  # a valid article all the same: `make` builds every output of it
        _note_page(canvas, page, f"No item of “{escape(article.title)}” has a definition yet, so there are no "
                                 "cards to print: an item with a <b>definition</b> becomes a card.")
    for first in range(0, len(faces), PER_SHEET):
        sheet = list(zip(faces[first : first + PER_SHEET], slots(page)))
        span = f"Cards {first + 1}–{first + len(sheet)}"
        _bookmark(canvas, f"{span}: fronts")
        for (face, _), slot in sheet:
            draw(canvas, face, slot)
        draw_cut_marks(canvas, page)
        canvas.showPage()
        _bookmark(canvas, f"{span}: backs")
        for (_, face), slot in sheet:
            draw(canvas, face, behind(slot, page, flip))
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _canvas(out: io.BytesIO, article: Article, page: tuple[float, float], flip: str) -> Canvas:
    options = document_options(article, SUBJECT, ["flashcards", "double-sided", article.id])
    canvas = Canvas(out, pagesize=page, invariant=options["invariant"], lang=options["lang"],
                    initialFontName=options["initialFontName"], initialFontSize=options["initialFontSize"])
    canvas.setTitle(f"{options['title']} — Flashcards")
    canvas.setAuthor(options["author"])
    canvas.setSubject(options["subject"])
    canvas.setKeywords(options["keywords"])
    canvas.setCreator(options["creator"])
    canvas.setProducer(options["producer"])
    canvas.setViewerPreference("DisplayDocTitle", "true")
    # Viewers that honour these preset the print dialog: actual size, and the flip the backs expect.
    canvas.setViewerPreference("PrintScaling", "None")
    canvas.setViewerPreference("Duplex", DUPLEX[flip])
    return canvas


def _bookmark(canvas: Canvas, title: str) -> None:
    key = f"page{canvas.getPageNumber()}"
    canvas.bookmarkPage(key)
    canvas.addOutlineEntry(title, key)


def _guide(canvas: Canvas, article: Article, page: tuple[float, float], paper: str, flip: str, count: int) -> None:
    """The printing guide, then its blank back."""
    width, height = page
    margin = style.CARD_GUIDE_MARGIN
    _bookmark(canvas, "How to print")
    y = height - margin
    for text, kind in _guide_text(article, paper, flip, count):
        paragraph = Paragraph(text, _guide_style(kind))
        y -= paragraph.wrap(width - 2 * margin, height)[1] + paragraph.getSpaceBefore()
        if y < style.EDGE_BAND:
            raise ContentError("the title and source are too long for the printing guide's page")
        paragraph.drawOn(canvas, margin, y)
    canvas.showPage()
    _note_page(canvas, page, "This side is blank on purpose: it keeps each card's back behind its front "
                             "when the whole file is printed double-sided.")


def _note_page(canvas: Canvas, page: tuple[float, float], markup: str) -> None:
    """A page with one short note across its middle."""
    note = Paragraph(markup, _guide_style("note"))
    note.wrap(page[0] - 2 * style.CARD_GUIDE_MARGIN, page[1])
    note.drawOn(canvas, style.CARD_GUIDE_MARGIN, (page[1] - note.height) / 2)
    canvas.showPage()


def _guide_text(article: Article, paper: str, flip: str, count: int) -> list[tuple[str, str]]:
    """(markup, kind) of each paragraph of the guide; source text is escaped here."""
    sheets = -(-count // PER_SHEET)
    last = GUIDE_PAGES + 2 * sheets
    edge = f"{flip} edge"
    size = (f"{style.CARD_WIDTH / inch:g} × {style.CARD_HEIGHT / inch:g} in "
            f"({style.CARD_WIDTH / mm:.1f} × {style.CARD_HEIGHT / mm:.1f} mm)")
    made_from = f"Made from “{escape(article.title)}”, reviewed {article.reviewed.isoformat()}"
    if article.source and (article.source.name or article.source.url):
        made_from += "; source: " + escape(", ".join(filter(None, (article.source.name, article.source.url))))
    return [
        ("How to print these flashcards", "title"),
        (f"{_count(count, 'card')} on {_count(sheets, 'sheet')} of {PAPER_NAMES[paper]} paper, "
         f"{PER_SHEET} to a sheet, each {size}: the term on the front, its definition on the back, "
         "and the card's number on both sides.", "text"),
        ("<b>1. Print at 100%.</b> In the print dialog choose “Actual size” or a scale of 100%, never "
         "“Fit to page” or “Shrink oversized pages”: any scaling moves the backs off their fronts.", "step"),
        (f"<b>2. Print double-sided, flipping on the {edge}</b> (“Flip on {edge}” or “{flip.capitalize()}-edge "
         f"binding”). Print every page: this sheet's back is left blank so that each card's back lands "
         f"behind its front. Or print pages {GUIDE_PAGES + 1}–{last} alone to save this sheet.", "step"),
        ("<b>3. Check the first sheet</b> against a light: each card's back, number and all, should show "
         "through inside the same card's outline on the front.", "step"),
        ("<b>4. If your printer misaligns the two sides,</b> print the fronts alone "
         f"({_pages(GUIDE_PAGES + 1, last - 1)}), turn the printed stack over along its {edge} and put it back "
         f"in the paper tray, then print the backs ({_pages(GUIDE_PAGES + 2, last)}). Try one sheet first: "
         "printers differ in which way up the stack goes back in.", "step"),
        ("<b>5. Cut along the cut marks</b> on the fronts. The cards touch, so one straight cut along a pair "
         "of marks separates two rows or columns at once; a paper trimmer is quickest. The marks lie "
         "outside the cards and leave no trace on them.", "step"),
        (made_from + ".", "note"),
    ]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _pages(first: int, last: int) -> str:
    """Every other page from `first` to `last`, as a print dialog's page range would name them."""
    pages = [str(n) for n in range(first, last + 1, 2)]
    if len(pages) == 1:
        return f"page {pages[0]}"
    if len(pages) <= 4:
        return f"pages {', '.join(pages[:-1])} and {pages[-1]}"
    return f"{'odd' if first % 2 else 'even'} pages {first} to {last}"


def _guide_style(kind: str) -> ParagraphStyle:
    size = style.CARD_GUIDE_TITLE_SIZE if kind == "title" else style.CARD_GUIDE_TEXT_SIZE
    return ParagraphStyle(f"guide-{kind}", fontName=BOLD if kind == "title" else REGULAR, fontSize=size,
                          leading=size * style.CARD_GUIDE_LEADING, textColor=style.ACCENT if kind == "title" else style.INK,
                          spaceBefore=style.CARD_GUIDE_SPACE_BEFORE[kind],
                          alignment=TA_CENTER if kind == "note" else 0)
