"""Large print measured as ACB 2022 and APH ask: 1 in clear at the top of every page, and a blank
line between paragraphs.

The paragraphs are found in the structure tree (pikepdf) and placed by their characters'
baselines (pdfplumber), so a gap is measured between the paragraphs a reader sees, not guessed
from the renderer's styles.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import pdfplumber
import pikepdf

from legpain_docs import Article

TOP_MARGIN = 72  # points: 1 in
INK = ("chars", "rects", "lines", "curves", "images")


def ink_in_top_margin(data: bytes) -> list[tuple[int, str, float]]:
    """(page, what, its top) of everything drawn less than 1 in from the top of its page."""
    found = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            for kind in INK:
                found += [
                    (n, obj.get("text", kind), round(obj["top"], 1))
                    for obj in getattr(page, kind)
                    if obj["top"] < TOP_MARGIN
                ]
    return found


def squash(text: str) -> str:
    return re.sub(r"[\s\-\u00ad]", "", text)


def paragraphs_of(article: Article) -> set[str]:
    """The article's own paragraphs, squashed: its opening, each section's, its closing."""
    texts = [*article.intro, *article.outro]
    texts += [text for section in article.sections for text in (*section.intro, *section.outro)]
    return {squash(text) for text in texts}


@dataclass
class _Block:
    """A paragraph or a whole list: the pieces of its marked content, (page, mcid), its own and its kids'."""

    tag: str
    mcids: list[tuple[int, int]] = field(default_factory=list)


def paragraph_gaps(data: bytes, paragraphs: set[str], leading: float) -> list[tuple[int, float, str]]:
    """Between each paragraph and the paragraph or list that follows it in the structure, on the
    same page and side, below it: (page, the space left blank between them in lines, the start of
    the second). A space of one line is a blank line: baselines two leadings apart."""
    pdf = pikepdf.open(io.BytesIO(data))
    pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
    with pdfplumber.open(io.BytesIO(data)) as plumber:
        chars: dict[tuple[int, int], list[dict]] = {}
        widths = [page.width for page in plumber.pages]
        for n, page in enumerate(plumber.pages):
            for char in page.chars:
                if char.get("tag") != "Artifact" and char.get("mcid") is not None:
                    baseline = page.height - char["matrix"][5]
                    chars.setdefault((n, char["mcid"]), []).append(char | {"baseline": baseline})
    pairs: list[tuple[_Block, _Block]] = []

    def walk(element: pikepdf.Dictionary) -> list[tuple[int, int]]:
        """The (page, mcid) under `element`; its paragraphs and lists paired with the block after each."""
        below, blocks = [], []
        for kid in element.K if isinstance(element.K, pikepdf.Array) else [element.K]:
            if isinstance(kid, int):
                below.append((pages[element.Pg.objgen], int(kid)))
            elif kid.get("/Type") == "/MCR":
                below.append((pages[kid.Pg.objgen], int(kid.MCID)))
            elif "/S" in kid:
                block = _Block(str(kid.S)[1:], walk(kid))
                below += block.mcids
                blocks.append(block)
        for first, second in zip(blocks, blocks[1:]):
            if _is_paragraph(first, chars, paragraphs) and (
                second.tag == "L" or _is_paragraph(second, chars, paragraphs)
            ):
                pairs.append((first, second))
        return below

    walk(pdf.Root.StructTreeRoot.K[0])
    gaps = []
    for first, second in pairs:
        for page in {p for p, _ in first.mcids} & {p for p, _ in second.mcids}:
            above, under = _on_page(first, chars, page), _on_page(second, chars, page)
            middle = widths[page] / 2
            if not above or not under or (above[0]["x0"] < middle) != (under[0]["x0"] < middle):
                continue
            last, next_first = max(c["baseline"] for c in above), min(c["baseline"] for c in under)
            if next_first > last:
                text = "".join(c["text"] for c in under)[:30]
                gaps.append((page + 1, (next_first - last - leading) / leading, text))
    return gaps


def _on_page(block: _Block, chars: dict, page: int) -> list[dict]:
    return [char for p, mcid in block.mcids if p == page for char in chars.get((p, mcid), [])]


def _is_paragraph(block: _Block, chars: dict, paragraphs: set[str]) -> bool:
    if block.tag != "P":
        return False
    return squash("".join(c["text"] for key in block.mcids for c in chars.get(key, []))) in paragraphs
