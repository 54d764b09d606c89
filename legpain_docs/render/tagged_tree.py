"""Writes a Tagger's structure tree into reportlab's PDF bytes (pikepdf), reproducibly.

The tree, the parent tree (MCID -> element, per page; annotation -> Link), `/MarkInfo`,
`/StructParents` and `/Tabs /S` on the pages, and XMP metadata naming PDF/UA-1. Nothing
here reads the clock: the dates are the build's epoch and the file ID is derived from content.
"""

from __future__ import annotations

import io
import time
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from .tagged import Element, Link, Tagger


def finish(data: bytes, tagger: Tagger, *, title: str, language: str, epoch: int) -> bytes:
    """The PDF `data` with `tagger`'s structure tree and PDF/UA-1's identification added."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = [page.obj for page in pdf.pages]
        parents: dict[int, list] = {n: [None] * len(mcids) for n, mcids in tagger.pages.items()}
        annotations: list[tuple[pikepdf.Object, pikepdf.Object]] = []
        root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        document = _element(pdf, tagger.root, root, pages, parents, annotations)
        # Gathered in a list and made an Array once: pikepdf's Array.extend copies the whole
        # array each call, which made the parent tree quadratic in the number of pages.
        nums: list = []
        for n, page in enumerate(pages):
            page.StructParents = n
            nums += [n, Array(parents.get(n + 1, []))]
        for key, (annotation, link) in enumerate(annotations, start=len(pages)):
            annotation.StructParent = key
            nums += [key, link]
        for page in pages:
            if "/Annots" in page:
                page.Tabs = Name.S  # tab through links in the structure's order
        root.K = Array([document])
        root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
        root.ParentTreeNextKey = len(pages) + len(annotations)
        pdf.Root.StructTreeRoot = root
        pdf.Root.MarkInfo = Dictionary(Marked=True)
        pdf.Root.Lang = String(language)
        preferences = pdf.Root.get("/ViewerPreferences", Dictionary())
        preferences.DisplayDocTitle = True
        pdf.Root.ViewerPreferences = preferences
        metadata = pikepdf.Stream(pdf, _xmp(title, language, epoch).encode())
        metadata.Type, metadata.Subtype = Name.Metadata, Name.XML
        pdf.Root.Metadata = pdf.make_indirect(metadata)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def _element(pdf: pikepdf.Pdf, element: Element, parent: pikepdf.Object, pages: list, parents: dict,
             annotations: list) -> pikepdf.Object:
    """The element as an indirect /StructElem, its kids written first to last."""
    node = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + element.tag), P=parent))
    if element.alt is not None:
        node.Alt = String(element.alt)
    kids, home = Array(), None
    for kid in element.kids:
        if isinstance(kid, Element):
            kids.append(_element(pdf, kid, node, pages, parents, annotations))
        elif isinstance(kid, Link):
            page = pages[kid.page - 1]
            links = [a for a in page.get("/Annots", []) if a.get("/Subtype") == Name.Link]
            annotations.append((links[kid.number], node))
            kids.append(Dictionary(Type=Name.OBJR, Obj=links[kid.number], Pg=page))
        else:
            page_number, mcid = kid
            parents[page_number][mcid] = node
            home = home if home is not None else page_number
            if page_number == home:
                kids.append(mcid)
            else:
                kids.append(Dictionary(Type=Name.MCR, Pg=pages[page_number - 1], MCID=mcid))
    if home is not None:
        node.Pg = pages[home - 1]
    node.K = kids
    return node


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
