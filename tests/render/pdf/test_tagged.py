"""Tagged PDFs (PDF/UA-1's structure): the tree read back with pikepdf, tied to the text by pdfplumber.

Every handout variant, a second article and the cards PDF: the tree's reading order is the
article's order, every visible character is tagged or an artifact, and the machine-checkable
PDF/UA rules hold (headings, /Lang, title shown, fonts embedded, alt text, XMP identification).
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from legpain_docs import Article, load_article, load_clinic
from legpain_docs.render.cards import render_cards
from legpain_docs.render.cards.faces import cards_of
from legpain_docs.render.handout import render_handout
from legpain_docs.words import words_for

from tests.conftest import ARTICLE_PATH, DATA, ROOT, write_source

CLINIC_PATH = ROOT / "source" / "example.clinic.yaml"
FIGURES = DATA / "figures" / "figures.yaml"
SECOND = [path for path in (DATA / "second-article.yaml", DATA / "handout-markup.yaml") if path.exists()]
HANDOUTS = [
    ("letter", False, None, ARTICLE_PATH),
    ("a4", False, None, ARTICLE_PATH),
    ("letter", True, None, ARTICLE_PATH),
    ("a4", True, CLINIC_PATH, ARTICLE_PATH),
    ("letter", False, CLINIC_PATH, ARTICLE_PATH),
    *(("letter", False, None, path) for path in SECOND),
    ("letter", False, None, FIGURES),
    ("a4", True, None, FIGURES),
]
CONTENT = {"H1", "H2", "P", "Lbl", "LBody", "Figure"}  # elements that hold marked content


@dataclass
class Leaf:
    tag: str
    element: pikepdf.Dictionary
    mcids: list[tuple[int, int]]  # (page index, mcid)
    parents: list[str]  # the tags above it, root first


@dataclass
class Parsed:
    article: Article
    pdf: pikepdf.Pdf
    chars: list[list[dict]]  # per page, in content order
    leaves: list[Leaf]

    def text(self, leaf: Leaf) -> str:
        wanted = set(leaf.mcids)
        return "".join(
            c["text"]
            for n, page in enumerate(self.chars)
            for c in page
            if (n, c.get("mcid")) in wanted and c.get("tag") != "Artifact"
        )


def squash(text: str) -> str:
    """Text without what line breaking adds or moves: spaces, line ends, hyphens."""
    return re.sub(r"[\s\-\u00ad\u2010]", "", text)


def parse(data: bytes, article: Article) -> Parsed:
    pdf = pikepdf.open(io.BytesIO(data))
    pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
    leaves: list[Leaf] = []

    def walk(element: pikepdf.Dictionary, above: list[str]) -> None:
        tag = str(element.S)[1:]
        kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
        mcids = []
        for kid in kids:
            if isinstance(kid, int):
                mcids.append((pages[element.Pg.objgen], int(kid)))
            elif kid.get("/Type") == "/MCR":
                mcids.append((pages[kid.Pg.objgen], int(kid.MCID)))
            elif "/S" in kid:
                walk(kid, above + [tag])
        if mcids or tag in CONTENT:
            leaves.append(Leaf(tag, element, mcids, above))

    walk(pdf.Root.StructTreeRoot.K[0], [])
    with pdfplumber.open(io.BytesIO(data)) as plumber:
        chars = [page.chars for page in plumber.pages]
    return Parsed(article, pdf, chars, leaves)


def render(paper: str, large: bool, clinic_path: Path | None, path: Path) -> bytes:
    article = load_article(path)
    clinic = load_clinic(clinic_path) if clinic_path else None
    return render_handout(article, paper=paper, large_print=large, clinic=clinic, epoch=article.reviewed_epoch)


def case_id(case: tuple) -> str:
    paper, large, clinic, path = case
    return "-".join([Path(path).stem, paper, "large" if large else "regular"] + (["clinic"] if clinic else []))


@functools.cache
def parsed(case: tuple | str) -> Parsed:
    """Each PDF rendered and parsed once per session."""
    if case == "cards":
        article = load_article(ARTICLE_PATH)
        return parse(render_cards(article, epoch=article.reviewed_epoch), article)
    return parse(render(*case), load_article(case[3]))


@pytest.fixture(scope="session", params=HANDOUTS, ids=case_id)
def handout(request: pytest.FixtureRequest) -> Parsed:
    return parsed(request.param)


@pytest.fixture(scope="session")
def cards() -> Parsed:
    return parsed("cards")


@pytest.fixture(
    scope="session", params=[*HANDOUTS, "cards"], ids=lambda case: case_id(case) if case != "cards" else case
)
def any_pdf(request: pytest.FixtureRequest) -> Parsed:
    return parsed(request.param)


def test_document_is_marked_titled_and_in_the_articles_language(any_pdf: Parsed) -> None:
    root = any_pdf.pdf.Root
    assert root.MarkInfo.Marked is True
    assert str(root.Lang) == any_pdf.article.language
    assert root.ViewerPreferences.DisplayDocTitle is True
    assert str(root.StructTreeRoot.K[0].S) == "/Document"
    with any_pdf.pdf.open_metadata() as xmp:
        assert xmp["pdfuaid:part"] == "1"
        assert xmp["dc:title"] == str(any_pdf.pdf.docinfo.Title)


def test_parent_tree_maps_every_mcid_to_the_element_that_claims_it(any_pdf: Parsed) -> None:
    pdf = any_pdf.pdf
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    tree = {int(nums[n]): nums[n + 1] for n in range(0, len(nums), 2)}
    claimed = {mcid: leaf.element for leaf in any_pdf.leaves for mcid in leaf.mcids}
    assert len(claimed) == sum(len(leaf.mcids) for leaf in any_pdf.leaves), "an MCID claimed twice"
    for n, page in enumerate(pdf.pages):
        key = int(page.obj.StructParents)
        assert key == n
        entries = tree[key]
        on_page = sorted(mcid for p, mcid in claimed if p == n)
        assert on_page == list(range(len(entries)))
        for mcid, element in enumerate(entries):
            assert element.objgen == claimed[(n, mcid)].objgen
        drawn = {c["mcid"] for c in any_pdf.chars[n] if c.get("mcid") is not None}
        assert drawn <= set(on_page)


def test_every_visible_character_is_tagged_or_an_artifact(any_pdf: Parsed) -> None:
    for n, page in enumerate(any_pdf.chars):
        untagged = [
            c["text"] for c in page if c.get("tag") is None or (c.get("tag") != "Artifact" and c.get("mcid") is None)
        ]
        assert not untagged, f"page {n + 1}: {''.join(untagged)!r}"


PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Tj", "TJ", "'", '"', "Do", "sh"}


def test_nothing_is_painted_outside_marked_content(any_pdf: Parsed) -> None:
    """Rules, tints, cut marks and QR modules too: every painting operator is tagged or an artifact."""
    for n, page in enumerate(any_pdf.pdf.pages, 1):
        depth, painted = 0, 0
        for operands, operator in pikepdf.parse_content_stream(page):
            name = str(operator)
            depth += (name in ("BMC", "BDC")) - (name == "EMC")
            assert depth >= 0, f"page {n}: EMC without a sequence"
            if name in PAINT:
                painted += 1
                assert depth > 0, f"page {n}: {name} {operands} outside marked content"
        assert depth == 0 and painted


def test_headings_are_one_title_then_sections(any_pdf: Parsed) -> None:
    headings = [leaf.tag for leaf in any_pdf.leaves if leaf.tag.startswith("H")]
    assert headings[0] == "H1" and headings.count("H1") == 1
    assert set(headings[1:]) <= {"H2"}


def test_fonts_are_embedded(any_pdf: Parsed) -> None:
    for page in any_pdf.pdf.pages:
        for font in page.Resources.Font.values():
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            assert "/FontFile2" in descendant.FontDescriptor, font.BaseFont


def test_every_figure_has_alt_text(handout: Parsed) -> None:
    figures = [leaf for leaf in handout.leaves if leaf.tag == "Figure"]
    url = handout.article.source.url if handout.article.source else None
    pictures = handout.article.figures
    assert len(figures) == len(pictures) + bool(url and url.startswith("http"))
    assert [str(figure.element.Alt) for figure in figures[: len(pictures)]] == [f.alt for f in pictures]
    for figure in figures[len(pictures) :]:
        assert url in str(figure.element.Alt)


def test_links_are_link_elements_reached_in_structure_order(handout: Parsed) -> None:
    nums = handout.pdf.Root.StructTreeRoot.ParentTree.Nums
    tree = {int(nums[n]): nums[n + 1] for n in range(0, len(nums), 2)}
    for page in handout.pdf.pages:
        annotations = [a for a in page.obj.get("/Annots", []) if a.Subtype == "/Link"]
        assert page.obj.Tabs == "/S"  # PDF/UA: on every page, links or none
        for annotation in annotations:
            link = tree[int(annotation.StructParent)]
            assert link.S == "/Link"
            assert annotation.objgen in [kid.Obj.objgen for kid in objrs(link)]


def kids_of(element: pikepdf.Dictionary) -> list:
    return list(element.K) if isinstance(element.K, pikepdf.Array) else [element.K]


def objrs(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    """The annotations an element holds (object references)."""
    return [kid for kid in kids_of(element) if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"]


def text_in_structure_order(parsed: Parsed, element: pikepdf.Dictionary) -> tuple[str, set[tuple[int, int]]]:
    """The text of an element and the elements inside it, kid by kid, and the (page, MCID)s it comes from."""
    pages = {page.obj.objgen: n for n, page in enumerate(parsed.pdf.pages)}
    text, mcids = "", set()
    for kid in kids_of(element):
        if isinstance(kid, int) or (isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR"):
            page = pages[(element.Pg if isinstance(kid, int) else kid.Pg).objgen]
            mcid = (page, int(kid if isinstance(kid, int) else kid.MCID))
            text += "".join(c["text"] for c in parsed.chars[page] if (page, c.get("mcid")) == mcid)
            mcids.add(mcid)
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            inner, inner_mcids = text_in_structure_order(parsed, kid)
            text, mcids = text + inner, mcids | inner_mcids
    return text, mcids


def link_elements(element: pikepdf.Dictionary) -> list[tuple[pikepdf.Dictionary, pikepdf.Dictionary]]:
    """Each Link element under `element`, with the element holding it, in the tree's order."""
    found = []
    for kid in kids_of(element):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found += [(kid, element)] if kid.S == "/Link" else link_elements(kid)
    return found


LINKED = [*HANDOUTS, ("letter", False, DATA / "handout-clinic.yaml", DATA / "handout-markup.yaml")]


@pytest.mark.parametrize("case", LINKED, ids=case_id)
def test_each_link_holds_the_words_it_shows_and_their_annotation(case: tuple) -> None:
    """PDF/UA: a Link element holds the linked words (MCIDs) with the annotations over them (OBJRs),
    inside the paragraph, which reads in the tree's order just as it is drawn."""
    handout = parsed(case)
    clinic = load_clinic(case[2]) if case[2] else None
    source = handout.article.source.url if handout.article.source else None
    website = [clinic.website] * 2 if clinic and clinic.website else []  # the header, then "Questions? ..."
    expected = website + ([source] if source and source.startswith("http") else [])
    links = link_elements(handout.pdf.Root.StructTreeRoot.K[0])
    shown = []
    for link, holder in links:
        text, mcids = text_in_structure_order(handout, link)
        shown.append("".join(text.split()))  # a long address is broken onto lines at its slashes, nothing added
        assert mcids and objrs(link), f"the Link for {shown[-1]!r} lacks its words or its annotation"
        assert {str(objr.Obj.A.URI) for objr in objrs(link)} == {shown[-1]}
        assert holder.S == "/P"
        read, held = text_in_structure_order(handout, holder)
        drawn = "".join(c["text"] for n, page in enumerate(handout.chars) for c in page if (n, c.get("mcid")) in held)
        assert read == drawn and shown[-1] in "".join(read.split())
    assert shown == expected
    annotations = [a for page in handout.pdf.pages for a in page.obj.get("/Annots", []) if a.Subtype == "/Link"]
    assert sum(len(objrs(link)) for link, _ in links) == len(annotations)


def expected_handout(article: Article) -> list[str]:
    """The article's own text, in its order: what the tree must read before the closing matter."""
    texts = [article.title, *article.intro, *captions(article.figure)]
    for section in article.sections:
        texts += [section.title, *section.intro, *captions(section.figure)]
        for item in section.items:
            texts += [
                "\u2022" + (item.sentence or item.term + (": " + item.definition if item.definition else "")),
                *captions(item.figure),
            ]
        texts += section.outro
    return texts + list(article.outro)


def captions(figure) -> list[str]:
    """A figure's caption and credit, read after it (its picture is read by its alt text)."""
    return [text for text in (figure.caption, figure.credit) if text] if figure else []


def read_in_order(parsed: Parsed) -> list[str]:
    """Each heading, paragraph and list item's text, as the tree orders them (a label joins its body)."""
    texts: list[str] = []
    for leaf in parsed.leaves:
        if leaf.tag == "Figure" or "Div" in leaf.parents:
            continue
        text = parsed.text(leaf)
        if leaf.tag == "LBody":
            texts[-1] += text
        else:
            texts.append(text)
    return texts


def test_tree_reads_the_article_in_its_order(handout: Parsed) -> None:
    expected = [squash(text) for text in expected_handout(handout.article)]
    read = [squash(text) for text in read_in_order(handout)]
    assert read[: len(expected)] == expected
    closing = "".join(read[len(expected) :])
    assert squash(words_for(handout.article.language).disclaimer) in closing


def test_clinic_band_is_read_first_as_one_division(handout: Parsed) -> None:
    band = [leaf for leaf in handout.leaves if "Div" in leaf.parents]
    if band:
        assert handout.leaves[: len(band)] == band


def test_summary_box_is_a_section_holding_the_articles_closing_text(handout: Parsed) -> None:
    summary = [squash(handout.text(leaf)) for leaf in handout.leaves if leaf.parents[-1:] == ["Sect"]]
    assert summary == [squash(text) for text in handout.article.outro]


def test_page_furniture_is_only_artifacts(handout: Parsed) -> None:
    words = words_for(handout.article.language)
    pages = len(handout.chars)
    tagged = "".join(squash(handout.text(leaf)) for leaf in handout.leaves)
    for n, page in enumerate(handout.chars, 1):
        furniture = squash("".join(c["text"] for c in page if c.get("tag") == "Artifact"))
        assert squash(words.page.format(page=n, total=pages)) in furniture
        assert squash(words.page.format(page=n, total=pages)) not in tagged
    assert squash(words.notes) not in tagged.replace(squash(handout.article.title), "")
    continued = squash(words.continued.format(title=""))
    assert continued not in tagged
    furniture = squash("".join(c["text"] for page in handout.chars for c in page if c.get("tag") == "Artifact"))
    if pages > 2:  # large print: pages that begin inside a section repeat its title, as an artifact
        assert continued in furniture


def test_each_card_is_a_section_term_section_number_then_definition(cards: Parsed) -> None:
    sections = [leaf for leaf in cards.leaves if leaf.parents[-1:] == ["Sect"]]
    read = [squash(cards.text(leaf)) for leaf in sections]
    expected = [
        squash(text)
        for card in cards_of(cards.article)
        for text in (card.term, card.section, str(card.number), card.definition)
    ]
    assert read == expected
    for term, *rest in zip(*(sections[n::4] for n in range(4))):
        assert term.tag == "H2" and {leaf.element.P.objgen for leaf in rest} == {term.element.P.objgen}
        assert rest[-1].mcids[0][0] == term.mcids[0][0] + 1  # the definition: the back, on the next page


def test_cards_guide_is_a_title_paragraphs_and_a_list_of_steps(cards: Parsed) -> None:
    guide = [leaf.tag for leaf in cards.leaves if not leaf.parents[1:]]
    assert guide[0] == "H1" and set(guide[1:]) == {"P"}
    steps = [leaf.tag for leaf in cards.leaves if leaf.parents[1:] == ["L", "LI"]]
    assert steps == ["Lbl", "LBody"] * len(words_for(cards.article.language).guide_steps)
    assert squash(cards.text(cards.leaves[0])) == squash(words_for(cards.article.language).guide_title)


def test_a_paragraph_split_across_columns_and_pages_stays_one_element(tmp_path: Path) -> None:
    sentence = "Rest the leg, raise it and walk a little more each day as the pain allows. "
    long = sentence * 60  # more than a column holds
    path = write_source(
        tmp_path,
        f"""id: long
title: A Long Paragraph
reviewed: 2026-01-02
intro: "{long.strip()}"
sections:
  - id: one
    title: Section One
    items:
      - term: Alpha
        definition: "{long.strip()}"
""",
    )
    article = load_article(path)
    result = parse(render_handout(article, large_print=True, epoch=article.reviewed_epoch), article)
    intro, item = result.leaves[1], [leaf for leaf in result.leaves if leaf.tag == "LBody"][0]
    assert intro.tag == "P" and len({page for page, _ in intro.mcids}) > 1
    assert squash(result.text(intro)) == squash(long)
    assert len(item.mcids) > 1 and squash(result.text(item)) == squash("Alpha: " + long)
    test_every_visible_character_is_tagged_or_an_artifact(result)
    test_parent_tree_maps_every_mcid_to_the_element_that_claims_it(result)
