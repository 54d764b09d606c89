"""Columns of about equal height where the article's text ends, before the closing matter.

A page of columns fills the first column, then the next: where the text ends, that leaves one
full column and one short one. When the article's last text fits on the page, its columns are
set instead as two of equal height, and when the closing matter fits below them, two columns
below for it and the Notes area, each as wide as the columns above.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, KeepTogether, PageTemplate
from reportlab.platypus.doctemplate import ActionFlowable, BaseDocTemplate, LayoutError

from ..pdf import style
from .sections import closes, section_after, starts_part

CLOSING_FRAME = "closing"
# reportlab's frames let a flowable overrun their bottom by this much; heights here do the same.
FUZZ = 1e-6


def balance_last_page(
    doc: BaseDocTemplate,
    flowables: list[Flowable],
    columns: list[Frame],
    section: str | None,
    continued: Callable[[str], Flowable],
    next_template: str,
) -> None:
    """Re-frame the columns about to be filled when the article's text ends in them.

    `flowables` is what is left to set; `columns` are the page's column frames, the first
    one empty; `section` is the title of the section the first column begins in, and a later
    column that begins inside a section begins with `continued(title)`, as the pages set it.
    The closing matter goes below the balanced text when it fits there; when it would go whole
    to the next page anyway, the text alone is balanced (and the next page is `next_template`);
    otherwise (it fits on this page only beside the text, or it runs from column to column) the
    columns stay as they are.
    """
    # The closing matter is last but for the Notes area: looked for from the end, each page
    # costs little however long the article. Split, it is several flowables: the first counts.
    end = next((n for n in range(len(flowables) - 1, -1, -1) if closes(flowables[n])), None)
    while end and closes(flowables[end - 1]):
        end -= 1
    if not end or len(columns) < 2:
        return
    text, closing = flowables[:end], flowables[end]
    width, full = columns[0]._width, columns[0]._height

    def fits(flowables: list[Flowable], width: float, height: float, columns: int) -> bool:
        # Measured with no current frame: reportlab measures a group kept together on a deep copy
        # of the document's frame, for content a flowable may generate there (none here do),
        # and this asks about groups a hundred times a page.
        frame, doc.frame = doc.frame, None
        try:
            return fits_columns(flowables, width, height, columns, doc.canv, section, continued)
        finally:
            doc.frame = frame

    if not fits(text, width, full, len(columns)):
        return  # not the last page
    # A text this short stays in one column: split in two, it would leave a lone item apart.
    across = 1 if fits(text, width, style.HANDOUT_UNSPLIT_TEXT, 1) else len(columns)
    low, high = 0.0, full
    while high - low > 0.5:
        middle = (low + high) / 2
        low, high = (low, middle) if fits(text, width, middle, across) else (middle, high)
    gap = closing.getSpaceBefore() or style.HANDOUT_GUTTER
    room = full - high - gap
    below = fits([closing], width, room, 1)
    if not below and (fits([*text, closing], width, full, len(columns)) or not fits([closing], width, full, 1)):
        # The closing matter fits on this page only as the columns are, or it is taller than a
        # column and so begins right after the text, whatever the columns: keep them.
        return
    frames = [_frame(column, column._y1 + full - high, high, f"{column.id}-text") for column in columns]
    if below:
        frames += [
            _frame(column, column._y1, room, CLOSING_FRAME if n == 0 else f"{column.id}-closing")
            for n, column in enumerate(columns)
        ]
    flowables.insert(end, _TextEnded(CLOSING_FRAME if below else None))
    doc.pageTemplate = PageTemplate("balanced", frames, autoNextPageTemplate=next_template)
    doc.frame = frames[0]
    doc.handle_frameBegin()


class _TextEnded(ActionFlowable):
    """Where the text ends: it must have stayed in its balanced frames (a frame splits some
    flowables otherwise than `fits` foresaw: then a LayoutError, and the caller lays the
    handout out again unbalanced); then on to the frame for the closing matter, if any."""

    def __init__(self, closing_frame: str | None):
        super().__init__()
        self.closing_frame = closing_frame

    def apply(self, doc: BaseDocTemplate) -> None:
        if not doc.frame.id.endswith("-text"):
            raise LayoutError("the text ran past its balanced columns")
        if self.closing_frame:
            doc.handle_currentFrame(self.closing_frame)


def fits_columns(
    flowables: list[Flowable],
    width: float,
    height: float,
    columns: int,
    canvas: Canvas,
    section: str | None = None,
    continued: Callable[[str], Flowable] | None = None,
) -> bool:
    """Whether the flowables fit in this many columns of this height, split as a frame splits
    them, each column after the first that begins inside a section headed `continued(title)`."""
    queue, grouped = list(flowables), set()
    for column in range(columns):
        room, top = height, True
        if column and section and continued and queue and not starts_part(queue[0]):
            queue.insert(0, continued(section))
        while queue:
            flowable = queue[0]
            if isinstance(flowable, ActionFlowable):  # a break that a group kept together asks for
                queue.pop(0)
                if top:
                    continue
                break
            if id(flowable) not in grouped and flowable.getKeepWithNext():
                queue[0:1] = [_kept_with_next(queue, grouped)]
                continue
            space = 0 if top else flowable.getSpaceBefore()
            needed = space + flowable.wrapOn(canvas, width, room - space)[1]
            if needed <= room + FUZZ:
                room -= needed + flowable.getSpaceAfter()
                section = section_after(section, queue.pop(0))
                top = False
                continue
            parts = flowable.splitOn(canvas, width, room - space)
            if not parts or parts == [flowable]:
                break
            queue[0:1] = parts
    return not queue


def _kept_with_next(queue: list[Flowable], grouped: set[int]) -> KeepTogether:
    """The run of flowables kept with the next one, and that one, taken from the queue's head
    as one group, as reportlab's document groups them (without marking them as it does)."""
    run = 1
    while run < len(queue) and queue[run].getKeepWithNext():
        run += 1
    run = min(run + 1, len(queue))
    grouped.update(id(flowable) for flowable in queue[:run])
    group = KeepTogether(queue[:run])
    del queue[1:run]
    return group


def _frame(column: Frame, bottom: float, height: float, name: str) -> Frame:
    return Frame(column._x1, bottom, column._width, height, 0, 0, 0, 0, id=name)
