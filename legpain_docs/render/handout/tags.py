"""The handout's structure: each block of the story labelled with its element, in the article's order.

The blocks say what they are through their paragraph styles and a few attributes the handout
sets (`summary_text` on the summary box's paragraphs, `clinic` on the clinic band, `qr_url` beside
the QR code); this walks header and story
first to last and gives each drawn piece its element: the title H1, section headings H2,
paragraphs P, runs of bulleted items one L, the summary box and the clinic band a Sect or Div,
the QR code a Figure with alt text. Rules are layout artifacts.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Table

from ..pdf.tagging import LAYOUT, Element
from .figure import FigureBlock

TAGS = {"title": "H1", "heading": "H2"}  # paragraph style -> element; every other paragraph is a P


def label(flowables: list[Flowable], root: Element, qr_alt: str) -> None:
    """Give each flowable, and what tables and groups hold, its `struct`; consecutive items share a list."""
    walker = _Walker(root, qr_alt)
    for flowable in flowables:
        walker.visit(flowable, root)


class _Walker:
    def __init__(self, root: Element, qr_alt: str):
        self.root, self.qr_alt = root, qr_alt
        self.list: Element | None = None  # the list the last item went into, while items follow
        self.summary: Element | None = None  # the summary box, while its paragraphs follow

    def visit(self, flowable: Flowable, parent: Element) -> None:
        if isinstance(flowable, FigureBlock):
            self.figure(flowable, parent)
        elif isinstance(flowable, Paragraph):
            self.paragraph(flowable, parent)
        elif isinstance(flowable, HRFlowable):
            flowable.struct = LAYOUT
        elif isinstance(flowable, Drawing):
            self.list = None
            # A Drawing refuses attributes it does not know; set it past that check.
            vars(flowable)["struct"] = parent.add("Figure", alt=self.qr_alt.format(url=getattr(self, "qr_url", "")))
        elif isinstance(flowable, Table):
            self.table(flowable, parent)
        elif isinstance(getattr(flowable, "_content", None), list):  # KeepTogether and its kin
            for inner in flowable._content:
                self.visit(inner, parent)
        elif isinstance(flowable, list):
            for inner in flowable:
                self.visit(inner, parent)

    def figure(self, block: FigureBlock, parent: Element) -> None:
        """The picture a Figure with its alt text, the caption and credit a Caption after it; an item's
        figure in that item's body, so the list goes on around it."""
        if block.in_item and self.list is not None and self.list.parent is parent:
            parent = self.list.kids[-1].kids[1]  # the LBody of the item just labelled
        else:
            self.list = None
        block.picture.struct = parent.add("Figure", alt=block.figure.alt)
        if block.captions:
            caption = parent.add("Caption")
            for paragraph in block.captions:
                paragraph.struct = caption.add("P")

    def paragraph(self, paragraph: Paragraph, parent: Element) -> None:
        if paragraph.bulletText:
            if self.list is None or self.list.parent is not parent:
                self.list = parent.add_list("Disc")  # each item set with a bullet
            paragraph.struct = self.list.item()
            return
        self.list = None
        if getattr(paragraph, "summary_text", None):  # the summary box: its paragraphs in one section
            self.summary = self.summary or parent.add("Sect")
            paragraph.struct = self.summary.add("P")
            return
        self.summary = None
        paragraph.struct = parent.add(TAGS.get(paragraph.style.name, "P"))

    def table(self, table: Table, parent: Element) -> None:
        """Cells row by row, left to right; the clinic band a Div."""
        if getattr(table, "clinic", False):
            self.list, parent = None, parent.add("Div")
        if getattr(table, "qr_url", None):
            self.qr_url = table.qr_url
        for row in table._cellvalues:
            for cell in row:
                if isinstance(cell, (Flowable, list)):
                    self.visit(cell, parent)
