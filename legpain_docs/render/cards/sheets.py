"""Printable flashcards: a printing guide, then each sheet's fronts followed by its backs.

The guide is a sheet of its own with a blank back, so that printing the whole file
double-sided still puts every card's back behind its front.
"""

from __future__ import annotations

import io

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch, mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from ...errors import ContentError
from ...model import Article
from ...words import Words, attribution, words_for
from ..pdf import style
from ..pdf.document import (
    BOLD,
    REGULAR,
    document_options,
    few_collections,
    hyphenation_language,
    register_fonts,
    set_document_info,
)
from ..pdf.markup import escape
from ..pdf.picture import undrawable
from ..pdf.structure import finish
from ..pdf.tagging import PAGINATION, Artifact, Element, Tagger, install
from .faces import behind, cards_of, draw, draw_cut_marks, fit, slots
from .tags import CardTags

PER_SHEET = style.CARD_COLUMNS * style.CARD_ROWS
GUIDE_PAGES = 2  # the guide and its blank back
DUPLEX = {"long": "DuplexFlipLongEdge", "short": "DuplexFlipShortEdge"}


@few_collections()
def render_cards(article: Article, *, paper: str = "letter", flip: str = "long", epoch: int) -> bytes:
    """The cards PDF for `paper` ("letter" or "a4") and the printer's duplex `flip` ("long" or "short");
    its dates are `epoch` (seconds)."""
    install()
    refused = undrawable(article, items_only=True)  # only an item's picture is on a card
    if refused:
        raise refused
    cards = cards_of(article)
    words = words_for(article.language)
    register_fonts()  # fitting measures text in the embedded faces
    # Every face is fitted before a page is drawn: a card that cannot fit fails the build at once.
    hyphenation = hyphenation_language(article.language)  # definitions break words by their language
    faces = [fit(card, hyphenation) for card in cards]
    page = style.PAPER_SIZES[paper]
    out = io.BytesIO()
    canvas = _canvas(out, article, words, page, flip)
    set_document_info(canvas, epoch)
    tagger = canvas.tagger = Tagger()
    if cards:
        _guide(canvas, article, words, page, paper, flip, len(cards))
    else:  # a valid article all the same: `make` builds every output of it
        _note_page(canvas, page, words.cards_none.format(title=escape(article.title)), tagger.root.add("P"))
    # Each card a section, its front then its back: a screen reader reads a card's back right after its front.
    elements = [CardTags.under(tagger.root, words.card_number.format(number=card.number)) for card in cards]
    for first in range(0, len(faces), PER_SHEET):
        sheet = list(zip(faces[first : first + PER_SHEET], elements[first : first + PER_SHEET], slots(page)))
        span = {"first": first + 1, "last": first + len(sheet)}
        _bookmark(canvas, words.sheet_fronts.format(**span))
        for (face, _), tags, slot in sheet:
            draw(canvas, face, slot, tags.front)
        draw_cut_marks(canvas, page)
        canvas.showPage()
        _bookmark(canvas, words.sheet_backs.format(**span))
        for (_, face), tags, slot in sheet:
            draw(canvas, face, behind(slot, page, flip), tags.back)
        canvas.showPage()
        faces[first : first + PER_SHEET] = [None] * len(sheet)  # drawn: free them, not keep all to the end
    finish(canvas, tagger, title=words.cards_title.format(title=article.title), language=article.language, epoch=epoch)
    canvas.save()
    return out.getvalue()


def _canvas(out: io.BytesIO, article: Article, words: Words, page: tuple[float, float], flip: str) -> Canvas:
    options = document_options(article, words.cards_subject, ["flashcards", "double-sided", article.id])
    canvas = Canvas(
        out,
        pagesize=page,
        invariant=options["invariant"],
        lang=options["lang"],
        initialFontName=options["initialFontName"],
        initialFontSize=options["initialFontSize"],
    )
    canvas.setTitle(words.cards_title.format(title=options["title"]))
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


def check_cards(article: Article, *, paper: str = "letter", flip: str = "long") -> None:
    """Raise the ContentError `render_cards` would raise, without drawing a page."""
    cards = cards_of(article)
    register_fonts()
    hyphenation = hyphenation_language(article.language)
    for card in cards:
        fit(card, hyphenation)
    if cards:
        _guide_layout(article, words_for(article.language), style.PAPER_SIZES[paper], paper, flip, len(cards))


def _guide(
    canvas: Canvas, article: Article, words: Words, page: tuple[float, float], paper: str, flip: str, count: int
) -> None:
    """The printing guide, then its blank back."""
    _bookmark(canvas, words.guide_bookmark)
    root, steps = canvas.tagger.root, None
    for paragraph, kind, y in _guide_layout(article, words, page, paper, flip, count):
        if kind == "step":  # the steps one numbered list: each its number (Lbl), then its text (LBody)
            steps = steps or root.add_list("Decimal")
            paragraph.struct = steps.item()
        else:
            paragraph.struct = root.add("H1" if kind == "title" else "P")
        paragraph.drawOn(canvas, style.CARD_GUIDE_MARGIN, y)
    canvas.showPage()
    _note_page(canvas, page, words.blank_back, PAGINATION)  # about the paper, not the cards


def _guide_layout(
    article: Article, words: Words, page: tuple[float, float], paper: str, flip: str, count: int
) -> list[tuple[Paragraph, str, float]]:
    """The guide's paragraphs, each with its kind and where its bottom goes; refused when they overflow the page."""
    width, height = page
    margin = style.CARD_GUIDE_MARGIN
    y, placed = height - margin, []
    steps = 0
    for text, kind in _guide_text(article, words, paper, flip, count):
        steps += kind == "step"
        paragraph = Paragraph(text, _guide_style(kind), bulletText=f"{steps}." if kind == "step" else None)
        y -= paragraph.wrap(width - 2 * margin, height)[1] + paragraph.getSpaceBefore()
        if y < style.EDGE_BAND:
            raise ContentError(
                "the title and source are too long for the printing guide's page: shorten the title", field=("title",)
            )
        placed.append((paragraph, kind, y))
    return placed


def _note_page(canvas: Canvas, page: tuple[float, float], markup: str, struct: Element | Artifact) -> None:
    """A page with one short note across its middle."""
    note = Paragraph(markup, _guide_style("note"))
    note.struct = struct
    note.wrap(page[0] - 2 * style.CARD_GUIDE_MARGIN, page[1])
    note.drawOn(canvas, style.CARD_GUIDE_MARGIN, (page[1] - note.height) / 2)
    canvas.showPage()


def _guide_text(article: Article, words: Words, paper: str, flip: str, count: int) -> list[tuple[str, str]]:
    """(markup, kind) of each paragraph of the guide; source text is escaped here."""
    sheets = -(-count // PER_SHEET)
    last = GUIDE_PAGES + 2 * sheets
    edge, edge_name = words.edges[flip]
    size = words.card_size.format(
        width_in=words.number(style.CARD_WIDTH / inch),
        height_in=words.number(style.CARD_HEIGHT / inch),
        width_mm=words.number(style.CARD_WIDTH / mm),
        height_mm=words.number(style.CARD_HEIGHT / mm),
    )
    made_from = words.guide_made_from.format(title=escape(article.title), date=words.format_date(article.reviewed))
    source = attribution(article)
    if source:
        made_from += words.guide_source.format(source=escape(source))
    fill = {
        "edge": edge,
        "edge_name": edge_name,
        "first": GUIDE_PAGES + 1,
        "last": last,
        "fronts": _pages(words, GUIDE_PAGES + 1, last - 1),
        "backs": _pages(words, GUIDE_PAGES + 2, last),
    }
    summary = words.guide_summary.format(
        cards=words.count(count, words.card),
        sheets=words.count(sheets, words.sheet),
        paper=words.papers[paper],
        per_sheet=PER_SHEET,
        size=size,
    )
    return [
        (words.guide_title, "title"),
        (summary, "text"),
        *((step.format(**fill), "step") for step in words.guide_steps),
        (made_from + ".", "note"),
    ]


def _pages(words: Words, first: int, last: int) -> str:
    """Every other page from `first` to `last`, as a print dialog's page range would name them."""
    pages = [str(n) for n in range(first, last + 1, 2)]
    if len(pages) == 1:
        return words.one_page.format(page=pages[0])
    if len(pages) <= 4:
        return words.some_pages.format(pages=", ".join(pages[:-1]), last=pages[-1])
    return words.every_other_page["odd" if first % 2 else "even"].format(first=first, last=last)


def _guide_style(kind: str) -> ParagraphStyle:
    size = style.CARD_GUIDE_TITLE_SIZE if kind == "title" else style.CARD_GUIDE_TEXT_SIZE
    # A step's number hangs in the margin of its text, in bold like the words it leads.
    indent = size * style.CARD_GUIDE_STEP_INDENT if kind == "step" else 0
    return ParagraphStyle(
        f"guide-{kind}",
        fontName=BOLD if kind == "title" else REGULAR,
        fontSize=size,
        leading=size * style.CARD_GUIDE_LEADING,
        textColor=style.ACCENT if kind == "title" else style.INK,
        spaceBefore=style.CARD_GUIDE_SPACE_BEFORE[kind],
        leftIndent=indent,
        bulletFontName=BOLD,
        bulletFontSize=size,
        bulletIndent=0,
        alignment=TA_CENTER if kind == "note" else 0,
    )
