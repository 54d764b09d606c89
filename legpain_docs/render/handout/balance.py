"""Columns of about equal height on the last page, where the article's text ends before the closing matter.

A page of columns fills the first column, then the next: on the last page that leaves one full
column of text and one short one. When the article's last text and the closing matter fit on the
page, the page is set instead as two short columns of equal height for the text, and below them
two columns for the closing matter and the Notes area, each as wide as the columns above.
"""

from __future__ import annotations

from typing import Callable

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, KeepTogether, PageTemplate
from reportlab.platypus.doctemplate import ActionFlowable, BaseDocTemplate, CurrentFrameFlowable

from .. import style

CLOSING_FRAME = "closing"
# reportlab's frames let a flowable overrun their bottom by this much; heights here do the same.
FUZZ = 1e-6


def balance_last_page(doc: BaseDocTemplate, flowables: list[Flowable], columns: list[Frame],
                      closes: Callable[[Flowable], bool]) -> None:
    """Re-frame the page just begun when it is the last: `flowables` is what is left to set.

    `columns` are the page's column frames; `closes(flowable)` says whether the closing matter
    begins with this flowable. Leaves the page as it is when the text and closing matter
    would not both fit in the balanced frames.
    """
    end = next((n for n, flowable in enumerate(flowables) if closes(flowable)), None)
    if not end or len(columns) < 2:
        return
    text, closing = flowables[:end], flowables[end]
    width, full = columns[0]._width, columns[0]._height
    if not fits(text, width, full, len(columns), doc.canv):
        return  # not the last page
    low, high = 0.0, full
    while high - low > 0.5:
        middle = (low + high) / 2
        low, high = (low, middle) if fits(text, width, middle, len(columns), doc.canv) else (middle, high)
    gap = closing.getSpaceBefore() or style.HANDOUT_GUTTER
    room = full - high - gap
    if not fits([closing], width, room, 1, doc.canv):
        return  # the closing matter would not fit below: keep one full column and one short
    frames = [_frame(column, column._y1 + room + gap, high, f"{column.id}-text") for column in columns]
    frames += [_frame(column, column._y1, room, CLOSING_FRAME if n == 0 else f"{column.id}-closing")
               for n, column in enumerate(columns)]
    doc.pageTemplate = PageTemplate("last", frames)
    doc.frame = frames[0]
    doc.handle_frameBegin()
    flowables.insert(end, CurrentFrameFlowable(CLOSING_FRAME))


def fits(flowables: list[Flowable], width: float, height: float, columns: int, canvas: Canvas) -> bool:
    """Whether the flowables fit in this many columns of this height, split as a frame splits them."""
    queue, grouped = list(flowables), set()
    for _ in range(columns):
        room, top = height, True
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
                queue.pop(0)
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
