"""Tagged PDF on reportlab: content marked as it is drawn, then the structure tree written.

reportlab has no tagging API. Drawing code labels what it draws: a flowable carries a
`struct` attribute (an `Element`, or `ARTIFACT` for page furniture), and a canvas that
carries a `Tagger` wraps each labelled flowable's drawing in a marked-content sequence
(`/P <</MCID n>> BDC ... EMC`) or an artifact (`/Artifact BMC ... EMC`), recording which
element each (page, MCID) belongs to. In a paragraph only the text objects are marked (a
list item's bullet as its label, the rest as its body); what else it paints, a tint or an
underline, is an artifact. Flat canvas code opens the same sequences itself (`tagger.marked`,
`tagger.artifact`). `tagged_tree.finish` then writes the structure tree, the parent tree and
the PDF/UA identification into the bytes reportlab made.

Hooks into reportlab are installed once, at import, and do nothing on a canvas without a
tagger, so untagged drawing is unchanged.
"""

from __future__ import annotations

import contextlib
from typing import Any, Iterator

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table


class Element:
    """A structure element: its standard type (P, H1, LI, ...), its kids in reading order, alt text."""

    def __init__(self, tag: str, parent: Element | None = None, alt: str | None = None):
        self.tag, self.parent, self.alt = tag, parent, alt
        self.kids: list[Element | tuple[int, int] | Link] = []  # (page, mcid) for marked content
        if parent is not None:
            parent.kids.append(self)

    def add(self, tag: str, alt: str | None = None) -> Element:
        return Element(tag, self, alt)

    def item(self) -> Element:
        """A list item of this list: LI with a label (the bullet) and a body (the text)."""
        item = self.add("LI")
        item.add("Lbl")
        item.add("LBody")
        return item


class Link:
    """A link annotation inside an element: the n-th link drawn on a page."""

    def __init__(self, page: int, number: int):
        self.page, self.number = page, number


ARTIFACT = "Artifact"  # the `struct` of page furniture: rules, footers, cut marks, repeated headings


class Tagger:
    """The structure tree being built and, page by page, which element each MCID belongs to."""

    def __init__(self) -> None:
        self.root = Element("Document")
        self.pages: dict[int, list[Element]] = {}  # page number (from 1) -> element of each MCID
        self.links: dict[int, int] = {}  # page number -> link annotations drawn on it so far
        self.queue: list[Element] = []  # elements for the next text objects a list item draws
        self._open: list[Element | None] = []  # innermost last; None for an artifact

    def begin(self, canvas: Canvas, element: Element) -> None:
        page = canvas.getPageNumber()
        mcids = self.pages.setdefault(page, [])
        element.kids.append((page, len(mcids)))
        canvas._code.append(f"/{element.tag} <</MCID {len(mcids)}>> BDC")
        mcids.append(element)
        self._open.append(element)

    def end(self, canvas: Canvas) -> None:
        canvas._code.append("EMC")
        self._open.pop()

    @contextlib.contextmanager
    def marked(self, canvas: Canvas, element: Element) -> Iterator[None]:
        self.begin(canvas, element)
        try:
            yield
        finally:
            self.end(canvas)

    @contextlib.contextmanager
    def artifact(self, canvas: Canvas) -> Iterator[None]:
        canvas._code.append("/Artifact BMC")
        self._open.append(None)
        try:
            yield
        finally:
            self.end(canvas)

    def link_drawn(self, canvas: Canvas) -> None:
        """A link annotation was just added to the page: it belongs to the element being drawn."""
        owner = self.queue[0] if self.queue else (self._open[-1] if self._open else None)
        page = canvas.getPageNumber()
        number = self.links.get(page, 0)
        self.links[page] = number + 1
        if owner is not None:
            owner.add("Link").kids.append(Link(page, number))


def tagger_of(canvas: Any) -> Tagger | None:
    return getattr(canvas, "tagger", None)


def _install() -> None:
    """Wrap reportlab's drawing entry points so that labelled flowables are marked as drawn."""
    if getattr(Flowable.drawOn, "tagging", False):
        return
    draw_on, split, draw_text = Flowable.drawOn, Paragraph.split, Canvas.drawText
    link_url, background, lines = Canvas.linkURL, Table._drawBkgrnd, Table._drawLines

    def tagged_draw_on(self: Flowable, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        tagger, struct = tagger_of(canvas), getattr(self, "struct", None)
        if tagger is None or struct is None:
            return draw_on(self, canvas, x, y, _sW)
        if struct == ARTIFACT:
            with tagger.artifact(canvas):
                return draw_on(self, canvas, x, y, _sW)
        if isinstance(self, Paragraph):
            return _draw_paragraph(self, canvas, x, y, _sW, tagger, struct)
        with tagger.marked(canvas, struct):
            return draw_on(self, canvas, x, y, _sW)

    def _draw_paragraph(self: Paragraph, canvas: Canvas, x: float, y: float, _sW: float, tagger: Tagger,
                        struct: Element) -> None:
        """Text objects marked, everything else a paragraph paints (its tint, underlines) an artifact.

        A list item's bullet and text are separate text objects: the label, then the body.
        """
        if struct.tag == "LI":
            label, body = struct.kids[:2]
            tagger.queue = [label, body] if getattr(self, "bulletText", None) else [body]
        else:
            tagger.queue = [struct]
        try:
            with tagger.artifact(canvas):
                return draw_on(self, canvas, x, y, _sW)
        finally:
            tagger.queue = []

    def tagged_split(self: Paragraph, *args: Any, **kwargs: Any) -> list[Flowable]:
        """A paragraph split across columns or pages stays one element: every part keeps the label."""
        parts = split(self, *args, **kwargs)
        for part in parts:
            if hasattr(self, "struct"):
                part.struct = self.struct
        return parts

    def tagged_draw_text(self: Canvas, text: Any) -> None:
        tagger = tagger_of(self)
        if tagger is None or not tagger.queue:
            return draw_text(self, text)
        self._code.append("EMC")  # out of the paragraph's artifact for the text itself
        with tagger.marked(self, tagger.queue.pop(0)):
            draw_text(self, text)
        self._code.append("/Artifact BMC")

    def tagged_link_url(self: Canvas, *args: Any, **kwargs: Any) -> Any:
        result = link_url(self, *args, **kwargs)
        if tagger_of(self) is not None:
            tagger_of(self).link_drawn(self)
        return result

    def furniture(method: Any) -> Any:
        def drawn_as_artifact(self: Table, *args: Any, **kwargs: Any) -> Any:
            tagger = tagger_of(self.canv)
            if tagger is None:
                return method(self, *args, **kwargs)
            with tagger.artifact(self.canv):
                return method(self, *args, **kwargs)
        return drawn_as_artifact

    tagged_draw_on.tagging = True
    Flowable.drawOn, Paragraph.split, Canvas.drawText = tagged_draw_on, tagged_split, tagged_draw_text
    Canvas.linkURL, Table._drawBkgrnd, Table._drawLines = tagged_link_url, furniture(background), furniture(lines)


_install()
