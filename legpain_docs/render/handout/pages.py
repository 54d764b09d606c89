"""The handout's pages: frames on the paper, the footer with "Page X of Y", the Notes area."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph
from reportlab.platypus.doctemplate import FrameBreak, NextPageTemplate

from ..pdf import style
from ..pdf.document import set_document_info
from ..pdf.structure import finish
from ..pdf.tagging import LAYOUT, PAGINATION, Tagger
from .balance import balance_last_page
from .sections import section_after, starts_part


@dataclass(frozen=True)
class Layout:
    """Where text may go on one paper: a full-width header on page 1, then columns."""

    pagesize: tuple[float, float]
    print_size: style.PrintSize

    @property
    def columns(self) -> int:
        return self.print_size.columns

    @property
    def width(self) -> float:
        full = self.pagesize[0] - 2 * style.HANDOUT_MARGIN
        measure = self.print_size.measure
        return min(full, measure) if measure else full

    @property
    def top(self) -> float:
        """Where the text block begins, from the bottom of the page."""
        return self.pagesize[1] - self.print_size.top_margin

    @property
    def left(self) -> float:
        """The text block's left edge: the margin, or centred when the measure is narrower."""
        return (self.pagesize[0] - self.width) / 2

    @property
    def column_width(self) -> float:
        return (self.width - style.HANDOUT_GUTTER * (self.columns - 1)) / self.columns

    @property
    def footer_title_width(self) -> float:
        return self.width * style.HANDOUT_FOOTER_TITLE_SHARE


class Footer:
    """A rule, then the article title on the left and "Page X of Y" on the right, on every page."""

    def __init__(self, title: Paragraph, page_style: Any, layout: Layout, page_label: str):
        self.title, self.page_style, self.width, self.page_label = title, page_style, layout.width, page_label
        self.left = layout.left
        self.text_height = self.title.wrap(layout.footer_title_width, 10_000)[1]
        self.gap = page_style.fontSize * style.HANDOUT_SPACE["footer"] / 3  # text to rule; twice that above it

    @property
    def height(self) -> float:
        """From the bottom margin to where the text above may end."""
        return self.text_height + 3 * self.gap

    @property
    def rule(self) -> float:
        """The height of the footer's rule on the page."""
        return style.HANDOUT_MARGIN + self.text_height + self.gap

    def draw(self, canvas: Canvas, page: int, total: int) -> None:
        with canvas.tagger.artifact(canvas, PAGINATION):
            self._draw(canvas, self.left, style.HANDOUT_MARGIN, self.rule, page, total)

    def _draw(self, canvas: Canvas, x: float, bottom: float, rule: float, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setStrokeColor(style.ACCENT)  # in the accent and heavier: never read as one more Notes line
        canvas.setLineWidth(style.HANDOUT_FOOTER_RULE_WIDTH)
        canvas.line(x, rule, x + self.width, rule)
        self.title.drawOn(canvas, x, bottom)
        label = Paragraph(
            self.page_label.format(page=page, total=total), self.page_style
        )  # right-aligned in its measure
        label.wrap(self.page_style.measure, self.text_height)
        label.drawOn(canvas, x + self.width - self.page_style.measure, bottom + self.text_height - label.height)
        canvas.restoreState()


class NotesArea(Flowable):
    """Ruled lines for the clinician, filling what is left of the last page and never adding one.

    Placed last, it takes the whole height it is offered, even none, so it always fits where
    the text ended. It reads as one block: its heading, then lines evenly spaced that start
    level in its column and in every empty column after it on the page, and stop a line's
    gap above the footer's rule (`floor`, from the bottom of the page). It heads the rest of
    its own column or an empty one beside it, whichever gives more lines; a column with room
    for fewer than the minimum of lines gets none, and without room for the heading and that
    minimum anywhere, there is no Notes area.
    """

    _ZEROSIZE = True  # asked to wrap even when its frame is already full
    struct = LAYOUT  # lines for handwriting, with their heading: page furniture

    def __init__(self, heading: Paragraph, line_gap: float, floor: float, doc: BaseDocTemplate):
        super().__init__()
        self.heading, self.line_gap, self.floor, self.doc = heading, line_gap, floor, doc

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, available_height
        return self.width, self.height

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        self._origin = (x, y)
        super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        """Head the area that gives the most lines (the first, of equal ones), then rule it and
        every later area of the page (all empty) at the same heights."""
        frames = self.doc.pageTemplate.frames
        x0, y0 = self._origin
        areas = [(0.0, self.height, self.width, self.heading.getSpaceBefore())]
        areas += [
            (f._x1 - x0, f._y1 - y0 + f._height, f._width, 0.0) for f in frames[frames.index(self.doc.frame) + 1 :]
        ]
        floor = self.floor - y0
        best = None
        for n, (_x, top, width, space) in enumerate(areas):
            start = top - space - self.heading.wrap(width, top)[1]
            rows = [self._lines(start, area[1], floor) for area in areas[n:]]
            count = sum(len(heights) for heights in rows if len(heights) >= style.HANDOUT_NOTES_MIN_LINES)
            if len(rows[0]) >= style.HANDOUT_NOTES_MIN_LINES and (best is None or count > best[0]):
                best = count, n, start, rows
        if best:
            _, n, start, rows = best
            self.heading.drawOn(self.canv, areas[n][0], start)
            for (x, _, width, _), heights in zip(areas[n:], rows):
                self._rule(x, width, heights)

    def _lines(self, start: float, top: float, floor: float) -> list[float]:
        """The heights of the lines below `start`, each a gap apart, that lie between `top` and `floor`."""
        count = int((start - floor) // self.line_gap + FUZZ)
        lines = [start - n * self.line_gap for n in range(1, count + 1)]
        return [y for y in lines if y <= top]

    def _rule(self, x: float, width: float, heights: list[float]) -> None:
        if len(heights) < style.HANDOUT_NOTES_MIN_LINES:
            return
        self.canv.setStrokeColor(style.RULE)
        self.canv.setLineWidth(style.HANDOUT_RULE_WIDTH)
        for y in heights:
            self.canv.line(x, y, x + width, y)


# Rounding in the heights above must not cost a line that fits to a hair.
FUZZ = 1e-6


FIRST_COLUMN = "column0"  # the frame where each page's text begins


class _HandoutDoc(BaseDocTemplate):
    """Stamps the build time, adds a bookmark for every flowable that carries one, and heads a
    column (on any page) that begins inside a section with that section's title, "(continued)";
    balances the columns where the article's text ends, above the closing matter.
    """

    def __init__(
        self, buffer: io.BytesIO, epoch: int, continued: Callable[[str], Flowable], balance: bool, **options: Any
    ):
        super().__init__(buffer, **options)
        self.epoch, self.continued, self.balance = epoch, continued, balance
        self._section: str | None = None  # the title of the section being set
        self._column_begun = False

    def beforeDocument(self) -> None:
        set_document_info(self.canv, self.epoch)

    def handle_frameBegin(self, *args: Any, **kwargs: Any) -> None:
        super().handle_frameBegin(*args, **kwargs)
        self._column_begun = self.frame.id.startswith("column")

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        if flowables is self._hanging or not flowables:
            return super().handle_flowable(flowables)
        if self._column_begun:
            self._column_begun = False
            if self._section and not starts_part(flowables[0]):
                flowables.insert(0, self.continued(self._section))
        if self.balance and self.frame.id == FIRST_COLUMN and self.frame._atTop:
            columns = [frame for frame in self.pageTemplate.frames if frame.id.startswith("column")]
            balance_last_page(self, flowables, columns, self._section, self.continued, next_template="later")
            self._column_begun = False  # balancing began the column anew: its top is already done
        super().handle_flowable(flowables)

    def afterFlowable(self, flowable: Flowable) -> None:
        self._section = section_after(self._section, flowable)
        bookmark = getattr(flowable, "bookmark", None)
        if bookmark:
            key, title = bookmark
            self.canv.bookmarkPage(key, fit="XYZ", top=self.frame._y + flowable.height + flowable.getSpaceAfter())
            self.canv.addOutlineEntry(title, key, level=0)


class _PageCountingCanvas(Canvas):
    """Holds every page until the end, when the total is known, then draws each footer; once every
    page is shown, `tree` adds the structure tree, so that the file is written once, with it.

    Bookmarks are held too: reportlab binds a bookmark to the page being written, which is
    only the right one once the held pages are written out in order.
    """

    def __init__(self, *args: Any, footer: Footer, tagger: Tagger, tree: Callable[[Canvas], None], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._footer, self._held, self._bookmarks, self.tagger, self._tree = footer, [], [], tagger, tree

    def bookmarkPage(self, key: str, **where: Any) -> None:
        self._bookmarks.append((key, where))

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._bookmarks = []
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for page in self._held:
            self.__dict__.update(page)
            for key, where in self._bookmarks:
                Canvas.bookmarkPage(self, key, **where)
            self._footer.draw(self, self._pageNumber, total)
            Canvas.showPage(self)
        self._tree(self)  # every page shown: the structure tree can name them
        Canvas.save(self)


def build(
    header: list[Flowable],
    story: list[Flowable],
    notes: tuple[Paragraph, float],
    layout: Layout,
    footer: Footer,
    epoch: int,
    options: dict[str, Any],
    continued: Callable[[str], Flowable],
    tagger: Tagger,
    balance: bool = True,
) -> bytes:
    """Lay the header across the top of page 1, the story in columns, and return the PDF.

    With `balance`, the columns where the text ends are balanced; this raises LayoutError when
    the text does not keep to them (the caller then builds again without).
    """
    buffer = io.BytesIO()
    doc = _HandoutDoc(buffer, epoch, continued, balance, pagesize=layout.pagesize, **options)
    header_height = height(header, layout.width)
    bottom = style.HANDOUT_MARGIN + footer.height
    top = layout.top
    doc.addPageTemplates(
        [
            PageTemplate(
                "first",
                [
                    _frame(layout.width, top - header_height, top, "header", layout.left),
                    *_columns(layout, bottom, top - header_height),
                ],
            ),
            PageTemplate("later", _columns(layout, bottom, top)),
        ]
    )
    heading, line_gap = notes
    notes_area = NotesArea(heading, line_gap, footer.rule + line_gap, doc)
    flowables = [NextPageTemplate("later"), *header, FrameBreak, *story, notes_area]
    # reportlab drops each flowable from this list once it is laid out; emptying the caller's
    # list too lets it be freed then, instead of the whole story staying in memory to the end.
    story.clear()
    tree = functools.partial(finish, tagger=tagger, title=options["title"], language=options["lang"], epoch=epoch)
    doc.build(flowables, canvasmaker=functools.partial(_PageCountingCanvas, footer=footer, tagger=tagger, tree=tree))
    return buffer.getvalue()


def height(flowables: list[Flowable], width: float) -> float:
    """The height the flowables take stacked in a frame of this width (spaceBefore at its top is dropped)."""
    total = 0.0
    for n, flowable in enumerate(flowables):
        total += flowable.wrap(width, 10_000)[1] + flowable.getSpaceAfter()
        total += flowable.getSpaceBefore() if n else 0
    return total + 1  # reportlab compares with a small tolerance; a point to spare


def _columns(layout: Layout, bottom: float, top: float) -> list[Frame]:
    step = layout.column_width + style.HANDOUT_GUTTER
    return [
        _frame(layout.column_width, bottom, top, f"column{n}", layout.left + n * step) for n in range(layout.columns)
    ]


def _frame(width: float, bottom: float, top: float, name: str, x: float = style.HANDOUT_MARGIN) -> Frame:
    return Frame(x, bottom, width, top - bottom, 0, 0, 0, 0, id=name)
