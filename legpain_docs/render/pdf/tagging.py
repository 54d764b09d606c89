"""Tagged PDF on reportlab: content marked as it is drawn, then the structure tree written.

reportlab has no tagging API. Drawing code labels what it draws: a flowable carries a
`struct` attribute (an `Element`, or an `Artifact` for page furniture), and a canvas that
carries a `Tagger` wraps each labelled flowable's drawing in a marked-content sequence
(`/P <</MCID n>> BDC ... EMC`) or an artifact (`/Artifact <</Type /Layout>> BDC ... EMC`), recording which
element each (page, MCID) belongs to. In a paragraph only the text objects are marked (a
list item's bullet as its label, the rest as its body); what else it paints, a tint or an
underline, is an artifact. A paragraph's text is marked inside its text object
(`BT /P <<...>> BDC ... EMC ET`: sequences and text objects may nest but never overlap), so
that a link's words can end the paragraph's sequence and open their own, in a `/Link` element
inside the paragraph's that also holds the link's annotations: PDF/UA wants the words a reader
follows inside the Link. Flat canvas code opens the same sequences itself (`tagger.marked`,
`tagger.artifact`). `structure.finish` then adds the structure tree, the parent tree and
the PDF/UA identification to the document, before reportlab writes it.

Page furniture is a typed artifact (`PAGINATION`: footers, page numbers, repeated headings;
`LAYOUT`: rules, tints, ruled lines; `PRINTER_MARKS`: cut marks). A paragraph's text is written
as it reads (line_ends.py): a soft hyphen where the layout broke a word, a space where a line
broke between words.

`install()` puts the hooks into reportlab, once, before the first PDF is drawn; they do nothing
on a canvas without a tagger, so untagged drawing is unchanged. They reach into reportlab's
internals, so `install()` refuses any reportlab but the one they were written for.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import reportlab
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus import paragraph as rl_paragraph

from . import fontmaps, line_ends

# The hooks below replace reportlab internals (Paragraph drawing, `_putFragLine`, `_doLink`,
# the ToUnicode maps): checked against this release only. reportlab is pinned in pyproject.toml.
REPORTLAB = "5.1.0"


class Element:
    """A structure element: its standard type (P, H1, LI, ...), its kids in reading order, alt text."""

    def __init__(self, tag: str, parent: Element | None = None, alt: str | None = None, lang: str | None = None):
        self.tag, self.parent, self.alt = tag, parent, alt
        self.lang = lang  # the language of its text when it differs from the document's (a bilingual handout)
        self.bbox: tuple[float, float, float, float] | None = None  # a drawn figure's box on its page
        self.numbering: str | None = None  # a list's /ListNumbering: how its items are marked (Disc for bullets)
        self.address: str | None = None  # a Link's address
        self.words: list[str] = []  # a Link's text as drawn: its annotation's /Contents says it
        self.kids: list[Element | tuple[int, int] | Link] = []  # (page, mcid) for marked content
        if parent is not None:
            parent.kids.append(self)

    def add(self, tag: str, alt: str | None = None, lang: str | None = None) -> Element:
        return Element(tag, self, alt, lang)

    def add_list(self, numbering: str = "Disc") -> Element:
        """A list (L) whose items are marked by `numbering`: Disc (a bullet), Decimal (1, 2, 3), None..."""
        element = self.add("L")
        element.numbering = numbering
        return element

    def item(self) -> Element:
        """A list item of this list: LI with a label (the bullet) and a body (the text)."""
        item = self.add("LI")
        item.add("Lbl")
        item.add("LBody")
        return item


class Link:
    """A link annotation inside a Link element: the n-th link drawn on a page."""

    def __init__(self, page: int, number: int, element: Element):
        self.page, self.number, self.element = page, number, element


class Artifact:
    """The `struct` of page furniture, of one of the artifact types of ISO 32000-1 14.8.2.2.2."""

    def __init__(self, kind: str):
        self.kind = kind

    @property
    def operator(self) -> str:
        return f"/Artifact <</Type /{self.kind}>> BDC"


PAGINATION = Artifact("Pagination")  # footers, page numbers, a heading repeated on a later column or page
LAYOUT = Artifact("Layout")  # rules, tints, ruled lines: the look of the page, not its text
PRINTER_MARKS = Artifact("Page")  # cut marks: what the printing needs, not the document


class Tagger:
    """The structure tree being built and, page by page, which element each MCID belongs to."""

    def __init__(self) -> None:
        if not getattr(Flowable.drawOn, "tagging", False):  # else the PDF would come out untagged, silently
            raise RuntimeError("tagging.install() must be called before a Tagger is made")
        self.root = Element("Document")
        self.pages: dict[int, list[Element]] = {}  # page number (from 1) -> element of each MCID
        self.links: dict[int, int] = {}  # page number -> link annotations drawn on it so far
        self.queue: list[Element] = []  # elements for the next text objects a paragraph draws
        self.whole_link: str | None = None  # the address, when the paragraph being drawn is one link
        self.owner: Element | None = None  # the Link element of the annotation being drawn, if known
        self._open: list[Element | None] = []  # innermost last; None for an artifact

    def mark(self, canvas: Canvas, element: Element) -> str:
        """The operator opening a new marked-content sequence of `element` on the current page."""
        page = canvas.getPageNumber()
        mcids = self.pages.setdefault(page, [])
        element.kids.append((page, len(mcids)))
        mcids.append(element)
        return f"/{element.tag} <</MCID {len(mcids) - 1}>> BDC"

    def begin(self, canvas: Canvas, element: Element) -> None:
        canvas._code.append(self.mark(canvas, element))
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
    def artifact(self, canvas: Canvas, artifact: Artifact) -> Iterator[None]:
        canvas._code.append(artifact.operator)
        self._open.append(None)
        try:
            yield
        finally:
            self.end(canvas)

    def link_drawn(self, canvas: Canvas) -> None:
        """A link annotation was just added to the page: it goes to the Link element holding its
        text or, drawn outside a paragraph, to a new Link in the element being drawn."""
        page = canvas.getPageNumber()
        number = self.links.get(page, 0)
        self.links[page] = number + 1
        if self.owner is not None:
            self.owner.kids.append(Link(page, number, self.owner))
            return
        owner = self._open[-1] if self._open else None
        if owner is not None:
            link = owner.add("Link")
            link.kids.append(Link(page, number, link))


class TextMarks:
    """One paragraph text object's marked content: the paragraph's words in its element, a link's
    words in a Link element inside it, switched just before the words are shown."""

    def __init__(self, tagger: Tagger, text: PDFTextObject, element: Element, whole_link: str | None):
        self.tagger, self.text, self.element = tagger, text, element
        self.by_link: dict[tuple, Element] = {}  # reportlab's link ((n, address), ...) -> its Link element
        self.by_address: dict[str, Element] = {}  # the address -> the latest Link element for it
        self.shown: list[tuple] = []  # the links of each word still to be shown on this line
        self.key: tuple = ((0, whole_link),) if whole_link else ()  # the link of the words shown last
        self.opened = False  # the first sequence opens with the first words: a link may begin the paragraph

    def line(self, words: list) -> None:
        """The words of the next line, each shown by one `_textOut` (callbacks such as images excepted)."""
        self.shown = [tuple(getattr(word, "link", None) or ()) for word in words if not hasattr(word, "cbDefn")]

    def show(self, words: str) -> None:
        """Before words are shown: if they start or end a link, end one sequence and begin the next."""
        key = self.shown.pop(0) if self.shown else self.key
        if key:
            self._element(key).words.append(words)
        if self.opened and key == self.key:
            return
        self.text._code += ["EMC"] if self.opened else []
        self.text._code.append(self.tagger.mark(self.text._canvas, self._element(key)))
        self.key, self.opened = key, True

    def close(self) -> None:
        self.text._code += ["EMC"] if self.opened else []

    def _element(self, key: tuple) -> Element:
        if not key:
            return self.element
        if key not in self.by_link:
            self.by_link[key] = self.element.add("Link")
            self.by_link[key].address = key[-1][1]
        for _, address in key:
            self.by_address[address] = self.by_link[key]
        return self.by_link[key]


def tagger_of(canvas: Any) -> Tagger | None:
    return getattr(canvas, "tagger", None)


def install() -> None:
    """Put the tagging into reportlab, once: every PDF renderer calls it before it draws."""
    if getattr(Flowable.drawOn, "tagging", False):
        return
    if reportlab.Version != REPORTLAB:
        raise RuntimeError(
            f"the tagging was written for reportlab {REPORTLAB}, not {reportlab.Version}: "
            "install the version pyproject.toml pins"
        )
    fontmaps.install()
    _hooks()


def _hooks() -> None:
    """Wrap reportlab's drawing entry points so that labelled flowables are marked as drawn."""
    draw_on, split, begin_text, draw_text = Flowable.drawOn, Paragraph.split, Canvas.beginText, Canvas.drawText
    link_url, background, lines = Canvas.linkURL, Table._drawBkgrnd, Table._drawLines
    put_frag_line, do_link = rl_paragraph._putFragLine, rl_paragraph._doLink

    def tagged_draw_on(self: Flowable, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        tagger, struct = tagger_of(canvas), getattr(self, "struct", None)
        if tagger is None or struct is None:
            return draw_on(self, canvas, x, y, _sW)
        if isinstance(struct, Artifact):
            with tagger.artifact(canvas, struct):
                return draw_on(self, canvas, x, y, _sW)
        if isinstance(self, Paragraph):
            return _draw_paragraph(self, canvas, x, y, _sW, tagger, struct)
        with tagger.marked(canvas, struct):
            return draw_on(self, canvas, x, y, _sW)

    def _draw_paragraph(
        self: Paragraph, canvas: Canvas, x: float, y: float, _sW: float, tagger: Tagger, struct: Element
    ) -> None:
        """Text objects marked, everything else a paragraph paints (its tint, underlines) an artifact;
        its lines' ends written as they read (line_ends.py).

        A list item's bullet and text are separate text objects: the label, then the body.
        """
        body = struct.kids[1] if struct.tag == "LI" else struct
        tagger.queue = [struct.kids[0], body] if struct.tag == "LI" and getattr(self, "bulletText", None) else [body]
        laid_out = getattr(self, "blPara", None)  # kind 0: one style throughout, so all one link or none
        tagger.whole_link = (
            laid_out.link[0][1] if laid_out is not None and laid_out.kind == 0 and laid_out.link else None
        )
        if laid_out is not None:
            self.blPara = line_ends.as_read(self, laid_out, getattr(self, "continues", False))
        try:
            with tagger.artifact(canvas, LAYOUT):
                return draw_on(self, canvas, x, y, _sW)
        finally:
            tagger.queue, tagger.whole_link = [], None
            if laid_out is not None:
                self.blPara = laid_out

    def tagged_split(self: Paragraph, *args: Any, **kwargs: Any) -> list[Flowable]:
        """A paragraph split across columns or pages stays one element: every part keeps the label."""
        parts = split(self, *args, **kwargs)
        for part in parts:
            if hasattr(self, "struct"):
                part.struct = self.struct
        if len(parts) > 1:  # each part but the last goes on in the next: its last line ends between words
            for part in parts[:-1]:
                part.continues = True
            parts[-1].continues = getattr(self, "continues", False)
        return parts

    def tagged_begin_text(self: Canvas, *args: Any, **kwargs: Any) -> PDFTextObject:
        text, tagger = begin_text(self, *args, **kwargs), tagger_of(self)
        if tagger is not None and tagger.queue:  # the paragraph's bullet, then its words
            element = tagger.queue.pop(0)
            text.marks = TextMarks(tagger, text, element, tagger.whole_link if not tagger.queue else None)
            text._textOut, text.textOut = marked(text, text._textOut), marked(text, text.textOut)
        return text

    def marked(text: PDFTextObject, show: Any) -> Any:
        """The text object's way of showing words, with its marks switched first."""

        def marked_show(words: str, *args: Any, **kwargs: Any) -> None:
            text.marks.show(words)
            show(words, *args, **kwargs)

        return marked_show

    def tagged_draw_text(self: Canvas, text: Any) -> None:
        if getattr(text, "marks", None) is None:
            return draw_text(self, text)
        text.marks.close()
        self._code.append("EMC")  # out of the paragraph's artifact for the text itself
        draw_text(self, text)
        self._code.append(LAYOUT.operator)

    def tagged_put_frag_line(cur_x: float, text: Any, line: Any, *args: Any) -> Any:
        """reportlab shows a line of a paragraph of mixed styles: which words are in which link."""
        if getattr(text, "marks", None) is not None:
            text.marks.line(line.words)
        return put_frag_line(cur_x, text, line, *args)

    def tagged_do_link(text: Any, address: str, rect: Any) -> Any:
        """The annotation over a link's words belongs to the Link element holding those words."""
        marks = getattr(text, "marks", None)
        if marks is None:
            return do_link(text, address, rect)
        marks.tagger.owner = marks.by_address.get(address)
        try:
            return do_link(text, address, rect)
        finally:
            marks.tagger.owner = None

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
            with tagger.artifact(self.canv, LAYOUT):
                return method(self, *args, **kwargs)

        return drawn_as_artifact

    tagged_draw_on.tagging = True
    Flowable.drawOn, Paragraph.split, Canvas.drawText = tagged_draw_on, tagged_split, tagged_draw_text
    Canvas.beginText = tagged_begin_text
    rl_paragraph._putFragLine, rl_paragraph._doLink = tagged_put_frag_line, tagged_do_link
    Canvas.linkURL, Table._drawBkgrnd, Table._drawLines = tagged_link_url, furniture(background), furniture(lines)
