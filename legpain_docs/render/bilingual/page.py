"""The bilingual handout's PDF: each row of the pair a two-cell table, so that every piece sits
level with its translation; each language's pieces in a Sect element tagged with its /Lang.
Each piece declares its row's role (render/pdf/roles.py) and the handout's tagging gives it its
element, one Labeller per side, so that the items of a side make one list.

The structure reads each part in the original, then the same part in the translation, as a
reader of either language wants it; the page shows them side by side, the original on the left.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass, replace

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError

from ...errors import ContentError
from ...model import Article, Item
from ...words import words_for
from ..handout.pages import Footer, Layout, _PageCountingCanvas
from ..handout.tags import Labeller
from ..handout.text import Bold, paragraph, shortened
from ..handout.text import styles as text_styles
from ..pdf import style
from ..pdf.document import REGULAR, document_options, few_collections, register_fonts, set_document_info
from ..pdf.picture import undrawable
from ..pdf.roles import CLOSING, HEADING, ITEM, PARAGRAPH, TITLE, Role, declare
from ..pdf.structure import finish
from ..pdf.tagging import Element, Tagger, install
from .pairs import Row, pair_parts

BULLET = "\u2022"
STYLES = {TITLE: "title", HEADING: "heading", PARAGRAPH: "body", ITEM: "item", CLOSING: "about"}


@few_collections()
def render_bilingual(
    original: Article, translation: Article, *, paper: str = "letter", large_print: bool = False, epoch: int
) -> bytes:
    """The pair as one PDF: two columns, the original on the left, every row level."""
    install()
    for article, input in ((original, "article"), (translation, "translation")):
        refused = undrawable(article, input=input)
        if refused:
            raise refused
    print_size = style.LARGE_PRINT if large_print else style.REGULAR_PRINT
    register_fonts()
    page_label = " / ".join(words_for(article.language).page for article in (original, translation))
    widest = stringWidth(page_label.format(page=999, total=999), REGULAR, print_size.body[0])
    # Always two columns, the original beside its translation, across the paper's width: the
    # print size gives the type, its spacing and margins.
    pair_size = replace(print_size, columns=2, measure=None)
    layout = _PairLayout(style.PAPER_SIZES[paper], pair_size, label_width=widest + style.HANDOUT_GUTTER)
    sides = [_styles(pair_size, layout, article.language) for article in (original, translation)]
    title = f"{original.title} / {translation.title}"
    subject = f"{words_for(original.language).handout_subject} / {words_for(translation.language).handout_subject}"
    options = document_options(original, subject, [s.title for s in original.sections + translation.sections])
    options["title"] = title
    tagger = Tagger()
    parts = pair_parts(original, translation)
    rows = [row for part in parts for row in part.rows]
    story = [
        _row(row, part_sides, sides, layout)
        for part in parts
        for part_sides in [_part_sides(tagger.root, original, translation)]
        for row in part.rows
    ]
    footer = Footer(
        paragraph(sides[0]["footer"], shortened(sides[0]["footer"], title)), sides[0]["page"], layout, page_label
    )
    try:
        return _build(list(story), layout, footer, tagger, options, epoch)  # a copy: the build consumes its list
    except LayoutError:  # a row taller than a page: rows never split, or its two sides would part
        raise _too_long(rows, story, _frame_height(layout, footer), (original, translation)) from None


def _frame_height(layout: Layout, footer: Footer) -> float:
    return layout.top - style.HANDOUT_MARGIN - footer.height


def _too_long(rows: list[Row], story: list[Table], height: float, articles: tuple[Article, Article]) -> ContentError:
    """The error for the first row taller than a page, at the text of its taller side."""
    for row, table in zip(rows, story):
        if table.wrap(sum(table._argW), height)[1] > height:
            tall = [_height(cell, table._argW[n], height) for n, cell in enumerate(table._cellvalues[0])]
            side = tall.index(max(tall))
            piece = (row.left, row.right)[side]
            field = _field_of(articles[side], piece)
            advice = (
                "split it into paragraphs (a blank line starts a new one)"
                if field[-1:] in (("intro",), ("outro",))
                else "shorten it"
            )
            return ContentError(
                f"this text is longer than a page beside its translation in the bilingual handout: {advice}",
                "translation" if side else "article",
                field,
            )
    return ContentError("a row of the pair is longer than a page beside its translation: shorten it")


def _height(cell, width: float, height: float) -> float:
    """The height of a table cell's content: a flowable, a tuple of them, or nothing."""
    flowables = cell if isinstance(cell, (list, tuple)) else [cell]
    return sum(f.wrap(width, height)[1] for f in flowables if isinstance(f, Flowable))


def _field_of(article: Article, piece: str | Item | None) -> tuple:
    """The keys that lead to `piece` in its article's source (() for the fixed words)."""
    if piece == article.title:
        return ("title",)
    for key in ("intro", "outro"):
        if piece in getattr(article, key):
            return (key,)
    for n, section in enumerate(article.sections):
        if piece == section.title:
            return ("sections", n, "title")
        for key in ("intro", "outro"):
            if piece in getattr(section, key):
                return ("sections", n, key)
        for m, item in enumerate(section.items):
            if item is piece:
                said = "definition" if item.definition else "sentence" if item.sentence else "term"
                return ("sections", n, "items", m, said)
    return ()


@dataclass(frozen=True)
class _PairLayout(Layout):
    """The handout's layout, its footer's title leaving room for the page label in both languages."""

    label_width: float = 0

    @property
    def footer_title_width(self) -> float:
        return self.width - self.label_width


def _styles(print_size: style.PrintSize, layout: Layout, language: str) -> dict:
    """The handout's styles for one column of the pair, hyphenating by that column's language."""
    styles = text_styles(print_size, layout.column_width, layout.width, layout.footer_title_width, language)
    styles["title"] = ParagraphStyle("title", parent=styles["title"], measure=layout.column_width)
    return styles


def _part_sides(root: Element, original: Article, translation: Article) -> tuple[Labeller, Labeller]:
    """A part's two Sect elements, each with its language, and what labels each side's pieces in them."""
    return Labeller(root.add("Sect", lang=original.language)), Labeller(root.add("Sect", lang=translation.language))


def _row(row: Row, sides: tuple[Labeller, Labeller], styles: list[dict], layout: Layout) -> Flowable:
    cells = []
    for side, piece in enumerate((row.left, row.right)):
        if piece is None:
            cells.append("")
            continue
        flowable = declare(_piece(row.role, piece, styles[side]), row.role)
        sides[side].add(flowable)
        cells.append(flowable)
    gap = style.HANDOUT_GUTTER
    table = Table([cells], colWidths=[layout.column_width + gap / 2] * 2, hAlign="LEFT")
    # The font is the one of an empty cell, which draws nothing, but reportlab's default would be
    # Helvetica, a font the PDF would name without embedding.
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), gap / 2),
                ("LEFTPADDING", (1, 0), (1, 0), gap / 2),
                ("RIGHTPADDING", (1, 0), (1, 0), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    # A cell drops its paragraphs' space above and below: the row keeps it, the same on both sides.
    spacing = styles[0][STYLES[row.role]]
    table.spaceBefore = spacing.spaceBefore
    table.spaceAfter = styles[0]["heading"].spaceAfter if row.role == TITLE else spacing.spaceAfter
    table.keepWithNext = row.role in (TITLE, HEADING)  # a heading never ends a page
    table.level_row = row  # what the tests look up: the row this table sets
    return table


def _piece(role: Role, piece: str | Item, styles: dict) -> Flowable:
    if role == ITEM:
        if piece.definition is None:
            return paragraph(styles["item"], Bold(piece.term), bullet=BULLET)
        return paragraph(styles["item"], Bold(piece.term), ": ", piece.definition, bullet=BULLET)
    return paragraph(styles[STYLES[role]], piece)


def _build(story: list[Flowable], layout: Layout, footer: Footer, tagger: Tagger, options: dict, epoch: int) -> bytes:
    buffer = io.BytesIO()
    doc = _Doc(buffer, epoch, pagesize=layout.pagesize, **options)
    bottom, top = style.HANDOUT_MARGIN + footer.height, layout.top  # large print: 1 in at the top
    doc.addPageTemplates(
        [
            PageTemplate(
                "page",
                [Frame(layout.left, bottom, layout.width + style.HANDOUT_GUTTER, top - bottom, 0, 0, 0, 0, id="pair")],
            )
        ]
    )
    tree = functools.partial(finish, tagger=tagger, title=options["title"], language=options["lang"], epoch=epoch)
    doc.build(story, canvasmaker=functools.partial(_PageCountingCanvas, footer=footer, tagger=tagger, tree=tree))
    return buffer.getvalue()


class _Doc(BaseDocTemplate):
    def __init__(self, buffer: io.BytesIO, epoch: int, **options):
        super().__init__(buffer, **options)
        self.epoch = epoch

    def beforeDocument(self) -> None:
        set_document_info(self.canv, self.epoch)
