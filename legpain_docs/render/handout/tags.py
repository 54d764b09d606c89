"""The handout's structure: each block of the story given its element, in the article's order.

Each block declares its role where blocks.py makes it (roles.py): the title H1, section headings
H2, paragraphs and the closing note P, list items LI (consecutive ones in one L), the summary
box's paragraphs in one Sect, the clinic band a Div, the QR code a Figure with its alt text. A figure block (figure.py)
is a Figure with a Caption. This walks header and story first to last and gives each drawn piece
its element; rules are layout artifacts. The bilingual handout labels each language's side of
a part with a Labeller of its own, under that side's Sect.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, HRFlowable, Paragraph, Table

from ..pdf import roles
from ..pdf.tagging import LAYOUT, Element
from .figure import FigureBlock


def label(flowables: list[Flowable], root: Element) -> None:
    """Give each flowable, and what tables and groups hold, its `struct`; consecutive items share a list."""
    labeller = Labeller(root)
    for flowable in flowables:
        labeller.add(flowable)


class Labeller:
    """Gives blocks, one after another, their elements under `root`, by the roles they declare."""

    def __init__(self, root: Element):
        self.root = root
        self.list: Element | None = None  # the list the last item went into, while items follow
        self.summary: Element | None = None  # the summary box, while its paragraphs follow

    def add(self, flowable: Flowable) -> None:
        """Label `flowable`, the next block under the root."""
        self.visit(flowable, self.root)

    def visit(self, flowable: Flowable, parent: Element) -> None:
        role = roles.role_of(flowable)
        if isinstance(flowable, FigureBlock):
            self.figure(flowable, parent)
        elif isinstance(flowable, Paragraph):
            self.paragraph(flowable, role or roles.PARAGRAPH, parent)
        elif isinstance(flowable, HRFlowable):
            flowable.struct = LAYOUT
        elif role is not None and role.tag == "Figure":
            self.list = None
            vars(flowable)["struct"] = parent.add("Figure", alt=role.alt)  # past a Drawing's attribute check
        elif isinstance(flowable, Table):
            self.table(flowable, role, parent)
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

    def paragraph(self, paragraph: Paragraph, role: roles.Role, parent: Element) -> None:
        if role == roles.ITEM:
            if self.list is None or self.list.parent is not parent:
                self.list = parent.add_list("Disc")  # each item set with a bullet
            paragraph.struct = self.list.item()
            return
        self.list = None
        if role == roles.SUMMARY:  # the summary box: its paragraphs in one section
            self.summary = self.summary or parent.add("Sect")
            paragraph.struct = self.summary.add(role.tag)
            return
        self.summary = None
        paragraph.struct = parent.add(role.tag)

    def table(self, table: Table, role: roles.Role | None, parent: Element) -> None:
        """Cells row by row, left to right; the clinic band a Div."""
        if role == roles.CLINIC:
            self.list, parent = None, parent.add(role.tag)
        for row in table._cellvalues:
            for cell in row:
                if isinstance(cell, (Flowable, list)):
                    self.visit(cell, parent)
