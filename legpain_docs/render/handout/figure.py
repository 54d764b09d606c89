"""A figure in the handout: the picture scaled to the column, its caption and credit beneath, kept whole.

The block says what it is where it is made (`figure`, `in_item`), so that tags.py gives the
picture a `Figure` element with the alt text and the caption its own `Caption`, in the list
item's body when the figure belongs to an item.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from ...model import Figure
from ..pdf import style
from ..pdf.picture import PictureFlowable
from .text import paragraph


class FigureBlock(Flowable):
    """The picture, then its caption and credit: one flowable, so it is kept whole and a heading or
    an introduction's `keepWithNext` holds to it (reportlab keeps no group to a KeepTogether)."""

    def __init__(self, figure: Figure, picture: PictureFlowable, captions: list[Paragraph], in_item: bool):
        super().__init__()
        self.figure, self.picture, self.captions = figure, picture, captions
        self.in_item = in_item  # an item's figure: tagged inside that item's list entry

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.heights = [self.picture.wrap(available_width, available_height)[1] + self.picture.spaceAfter]
        self.heights += [caption.wrap(available_width, available_height)[1] for caption in self.captions]
        self.width, self.height = available_width, sum(self.heights)
        return self.width, self.height

    def drawOn(self, canvas, x: float, y: float, _sW: float = 0) -> None:
        top = y + self.height
        for part, height in zip([self.picture, *self.captions], self.heights):
            top -= height
            part.drawOn(canvas, x, top)  # each part marked as its own element (tags.py)

    def split(self, available_width: float, available_height: float) -> list:
        """Whole, in the next column; only a caption too long for any column is let go of: it then
        follows the picture and breaks between its lines (reportlab marks a flowable it moved once)."""
        if not getattr(self, "_postponed", False) or not self.captions:
            return []
        return [FigureBlock(self.figure, self.picture, [], self.in_item), *self.captions]


def figure_block(figure: Figure, styles: dict, kind: str, in_item: bool = False) -> FigureBlock:
    """The figure at the column's width; an item's figure indented to line up with the item's text."""
    indent = styles["item"].leftIndent if in_item else 0
    body = styles["body"]
    gap = body.spaceAfter  # the space after a paragraph of this print size
    picture = PictureFlowable(figure.file, style.HANDOUT_FIGURE_HEIGHT[kind], indent)
    caption = ParagraphStyle("caption", parent=body, leftIndent=indent, measure=body.measure - indent, spaceAfter=0)
    captions = [paragraph(caption, text) for text in (figure.caption, figure.credit) if text]
    picture.spaceAfter = gap / 2 if captions else 0  # between the picture and its caption
    block = FigureBlock(figure, picture, captions, in_item)
    block.spaceBefore, block.spaceAfter = gap / 2, gap * 1.5
    return block
