"""Adds a Tagger's structure tree to the PDF a reportlab canvas is making, before reportlab writes it.

The tree, the parent tree (MCID -> element, per page; annotation -> Link), `/MarkInfo`,
`/StructParents` and `/Tabs /S` on the pages, each link annotation's `/Contents` (its words and
address), and XMP metadata naming PDF/UA-1 join the
canvas's document, as reportlab objects, once every page is shown; reportlab then writes the
file once, with them. The structure elements and the parent tree are objects whose text is
written here (reportlab's general formatter is ten times slower); reportlab numbers and places
them. Nothing here reads the clock: the dates are the build's epoch, and the file ID is
derived from content.
"""

from __future__ import annotations

import time

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFDocument,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFPage,
    PDFStream,
    PDFString,
)
from reportlab.pdfgen.canvas import Canvas

from .line_ends import SOFT_HYPHEN
from .markup import escape
from .tagging import Element, Link, Tagger

TRUE = "true"  # reportlab writes a str as it is: the PDF boolean
# reportlab writes only the page keys its page class lists; a tagged page has two more.
PAGE_KEYS = [*PDFPage.__NoDefault__, "StructParents", "Tabs"]
PDF_VERSION = (1, 7)


def finish(canvas: Canvas, tagger: Tagger, *, title: str, language: str, epoch: int) -> None:
    """Add `tagger`'s structure tree and PDF/UA-1's identification to `canvas`'s document.

    Call it once every page is shown and before `canvas.save()`: it reads the pages and their
    link annotations, which reportlab makes as each page is shown.
    """
    doc = canvas._doc
    tree = _Tree(doc, doc.Pages.pages, {n: [b"null"] * len(mcids) for n, mcids in tagger.pages.items()})
    root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
    root_ref = doc.Reference(root)
    root["K"] = PDFArray([tree.element(tagger.root, tree.ref(root_ref))])
    root["ParentTree"] = doc.Reference(_Written(b"<<\n/Nums [ %s ]\n>>" % b"\n  ".join(_parent_tree(doc, tree))))
    root["ParentTreeNextKey"] = len(tree.pages) + len(tree.annotations)
    doc.Catalog.StructTreeRoot = root_ref
    # Structure attributes (/ListNumbering, a figure's /BBox), /Tabs and typed artifacts are PDF 1.5
    # to 1.7: the header says 1.7, the version PDF/UA-1 is written against.
    doc._pdfVersion = max(doc._pdfVersion, PDF_VERSION)
    _identify(canvas, title, language, epoch)


def _parent_tree(doc: PDFDocument, tree: _Tree) -> list[bytes]:
    """The parent tree's number-value pairs, each page and link annotation given its key as they go."""
    nums = []
    for n, page in enumerate(doc.Pages.pages):
        page.__NoDefault__ = PAGE_KEYS
        page.StructParents = n
        page.Tabs = PDFName("S")  # tab through links in the structure's order (PDF/UA: on every page)
        nums.append(b"%d [ %s ]" % (n, b" ".join(tree.parents.get(n + 1, []))))
    for key, (annotation, link) in enumerate(tree.annotations, start=len(tree.pages)):
        annotation["StructParent"] = key
        nums.append(b"%d %s" % (key, link))
    return nums


def _identify(canvas: Canvas, title: str, language: str, epoch: int) -> None:
    """Marked, in `language`, its title shown, and XMP metadata naming PDF/UA-1; the file ID from content.

    reportlab makes each catalog entry it lists (MarkInfo too) an indirect object.
    """
    catalog = canvas._doc.Catalog
    catalog.MarkInfo = PDFDictionary({"Marked": TRUE})
    catalog.Lang = PDFString(language)
    canvas.setViewerPreference("DisplayDocTitle", TRUE)
    xmp = _xmp(title, language, epoch).encode()
    catalog.Metadata = PDFStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), xmp)
    _sign(canvas._doc, xmp)


class _Written(PDFObject):
    """An object whose PDF text is written here, in one piece.

    reportlab's general formatter costs some 15 microseconds a value, and a structure tree is a
    few hundred small dictionaries of names, numbers and references: written here directly,
    in the same syntax, they cost a tenth of that. reportlab still numbers them, places them in
    the file and lists them in the cross-reference table.
    """

    def __init__(self, text: bytes = b""):
        self.text = text

    def format(self, document: PDFDocument) -> bytes:
        return self.text


class _Tree:
    """Writes elements as indirect /StructElem dictionaries, noting which element owns each MCID and link."""

    def __init__(self, doc: PDFDocument, pages: list[PDFPage], parents: dict[int, list[bytes]]):
        self.doc, self.parents = doc, parents  # page number -> the reference of each MCID's element
        self.pages = [self.ref(doc.Reference(page)) for page in pages]
        self.links = [self._links(page) for page in pages]  # per page: (annotation, its reference)
        self.annotations: list[tuple[PDFDictionary, bytes]] = []  # (annotation, its Link's reference)

    def ref(self, ref: PDFObjectReference) -> bytes:
        """`n 0 R`: reportlab numbers an object when it is registered, so the number is known now."""
        return b"%d %d R" % self.doc.idToObjectNumberAndVersion[ref.name]

    def element(self, element: Element, parent: bytes) -> bytes:
        """The element's reference, its kids written first to last."""
        node = _Written()
        me = self.ref(self.doc.Reference(node))
        home = next((kid[0] for kid in element.kids if isinstance(kid, tuple)), None)  # its first page
        kids = b" ".join(self._kid(kid, me, home) for kid in element.kids)
        entries = [b"/Type /StructElem /S " + PDFName(element.tag).encode(), b"/P " + parent]
        if home is not None:
            entries.append(b"/Pg " + self.pages[home - 1])
        if element.alt is not None:
            entries.append(b"/Alt " + PDFString(element.alt).format(self.doc))
        if element.lang is not None:
            entries.append(b"/Lang " + PDFString(element.lang).format(self.doc))
        if element.bbox is not None:  # PDF/UA: a figure says where it is drawn
            entries.append(b"/A << /O /Layout /BBox [ %s ] >>" % b" ".join(b"%.2f" % v for v in element.bbox))
        if element.numbering is not None:  # how a list's items are marked, which a reader announces
            entries.append(b"/A << /O /List /ListNumbering " + PDFName(element.numbering).encode() + b" >>")
        entries.append(b"/K [ %s ]" % kids)
        node.text = b"<<\n%s\n>>" % b"\n".join(entries)
        return me

    def _kid(self, kid: Element | Link | tuple[int, int], owner: bytes, home: int | None) -> bytes:
        """A kid of the element `owner`: an element, a link annotation, or marked content (an MCID on
        the element's first page, else a reference naming the page)."""
        if isinstance(kid, Element):
            return self.element(kid, owner)
        if isinstance(kid, Link):
            annotation, annotation_ref = self.links[kid.page - 1][kid.number]
            annotation["Contents"] = PDFString(_contents(kid.element, annotation))
            self.annotations.append((annotation, owner))
            return b"<< /Type /OBJR /Obj %s /Pg %s >>" % (annotation_ref, self.pages[kid.page - 1])
        page, mcid = kid
        self.parents[page][mcid] = owner
        if page == home:
            return b"%d" % mcid
        return b"<< /Type /MCR /Pg %s /MCID %d >>" % (self.pages[page - 1], mcid)

    def _links(self, page: PDFPage) -> list[tuple[PDFDictionary, bytes]]:
        """The page's link annotations in the order they were drawn: each dictionary and its reference."""
        found = []
        for ref in page.Annots or []:
            annotation = self.doc.idToObject[ref.name]
            if isinstance(annotation, PDFDictionary) and annotation.dict.get("Subtype") == PDFName("Link"):
                found.append((annotation, self.ref(ref)))
        return found


def _contents(element: Element | None, annotation: PDFDictionary) -> str:
    """A link annotation's /Contents (PDF/UA: its description): the words it covers and where it
    goes, or the address alone when the words are the address."""
    action = annotation.dict.get("A")
    address = element.address if element is not None and element.address else ""
    if not address and isinstance(action, PDFDictionary):
        address = str(getattr(action.dict.get("URI"), "s", action.dict.get("URI") or ""))
    words = " ".join("".join(element.words if element is not None else []).replace(SOFT_HYPHEN, "").split())
    if not words or words.replace(" ", "") == address:
        return address
    return f"{words} ({address})" if address else words


def _sign(doc: PDFDocument, xmp: bytes) -> None:
    """Make the file ID a digest of what the pages draw and the metadata, not only of the title.

    reportlab's invariant ID digests a fixed time and the document information alone, so two
    papers or print sizes of one article would share an ID.
    """
    doc.updateSignature(xmp)
    for page in doc.Pages.pages:
        doc.updateSignature(f"{page.pagewidth} {page.pageheight}\n")
        doc.updateSignature(page.stream)


def _xmp(title: str, language: str, epoch: int) -> str:
    """The XMP packet: title, language, dates and `pdfuaid:part 1`."""
    date = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
   <dc:language><rdf:Bag><rdf:li>{escape(language)}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <pdf:Producer>legpain-docs</pdf:Producer>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
