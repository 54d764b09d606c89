"""PDF/UA-1, as a validator checks it and as a screen reader hears it, on every PDF the project writes.

`page` (PyPI page-validation, 104 rules of PDF/UA-1) passes each handout variant, the cards in
each variant and the bilingual handout with no failed rule. The text read in the structure
tree's order (what a screen reader speaks) is the article's text word for word: a word the
layout broke reads whole (a soft hyphen, which readers join, not U+002D), and a line break
between words reads as a space. The keys PDF/UA asks of links, pages, artifacts and lists are
read back with pikepdf.
"""

from __future__ import annotations

import functools
import html
import io
import re
from pathlib import Path

import page
import pdfplumber
import pikepdf
import pytest

from legpain_docs import Article, Clinic, load_article, load_clinic
from legpain_docs.cli import main
from legpain_docs.links import is_web_address
from legpain_docs.render.bilingual import render_bilingual
from legpain_docs.render.cards import render_cards
from legpain_docs.render.cards.faces import cards_of
from legpain_docs.render.cards.sheets import _guide_text
from legpain_docs.render.handout import render_handout
from legpain_docs.words import attribution, words_for

from tests.conftest import ARTICLE_PATH, DATA, ROOT, write_source
from tests.render.bilingual.test_bilingual import ORIGINAL, TRANSLATION, parts_of
from tests.render.pdf.test_tagged import expected_handout

CLINIC = ROOT / "source" / "example.clinic.yaml"
LONG_CLINIC = DATA / "handout-clinic.yaml"  # markup characters, a website longer than its column's line
FIGURES = DATA / "figures" / "figures.yaml"
SOFT_HYPHEN = "\u00ad"

# Each handout: (article, clinic, paper, large print). The seed article in every paper and print
# size, with a clinic, a second article with a source address (a link and a QR code), the Spanish
# and French articles, an article with markup characters, the article with figures.
HANDOUTS = {
    "letter": (ARTICLE_PATH, None, "letter", False),
    "a4": (ARTICLE_PATH, None, "a4", False),
    "large": (ARTICLE_PATH, None, "letter", True),
    "a4-large": (ARTICLE_PATH, None, "a4", True),
    "clinic": (ARTICLE_PATH, CLINIC, "letter", False),
    "clinic-a4-large": (ARTICLE_PATH, CLINIC, "a4", True),
    "long-clinic": (DATA / "handout-markup.yaml", LONG_CLINIC, "letter", False),
    "source": (DATA / "second-article.yaml", None, "letter", False),
    "source-large": (DATA / "second-article.yaml", CLINIC, "a4", True),
    "es": (DATA / "es-leg-pain.yaml", None, "letter", False),
    "es-large": (DATA / "es-leg-pain.yaml", None, "a4", True),
    "fr": (DATA / "fr-leg-pain.yaml", CLINIC, "a4", False),
    "figures": (FIGURES, None, "letter", False),
    "figures-large": (FIGURES, None, "a4", True),
    "mini": (DATA / "mini.yaml", None, "letter", False),
}
# Each cards PDF: (article, paper, flip).
CARDS = {
    f"cards-{paper}-{flip}": (ARTICLE_PATH, paper, flip) for paper in ("letter", "a4") for flip in ("long", "short")
}
CARDS |= {"cards-es": (DATA / "es-leg-pain.yaml", "a4", "long"), "cards-figures": (FIGURES, "letter", "long")}
BILINGUAL = {"bilingual": ("letter", False), "bilingual-a4-large": ("a4", True)}
EVERY_PDF = [*HANDOUTS, *CARDS, *BILINGUAL]


@functools.cache
def article(path: Path) -> Article:
    return load_article(path)


@functools.cache
def clinic(path: Path | None) -> Clinic | None:
    return load_clinic(path) if path else None


@functools.cache
def pdf(name: str) -> bytes:
    """The PDF of each case, made once."""
    if name in HANDOUTS:
        path, clinic_path, paper, large = HANDOUTS[name]
        source = article(path)
        return render_handout(
            source, paper=paper, large_print=large, clinic=clinic(clinic_path), epoch=source.reviewed_epoch
        )
    if name in CARDS:
        path, paper, flip = CARDS[name]
        return render_cards(article(path), paper=paper, flip=flip, epoch=article(path).reviewed_epoch)
    paper, large = BILINGUAL[name]
    original = article(ORIGINAL)
    return render_bilingual(
        original, article(TRANSLATION), paper=paper, large_print=large, epoch=original.reviewed_epoch
    )


# --- the validator ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", EVERY_PDF)
def test_the_pdf_ua_validator_passes_every_rule(name: str) -> None:
    report = page.validate_pdf_bytes(pdf(name), profile=page.ValidationProfile.PDF_UA_1)
    failures = sorted({f"{failure.rule_id}: {failure.message}" for failure in report.failures})
    assert not failures, "\n".join(failures)
    assert report.is_compliant and report.rules.failed == 0 and report.rules.total >= 104


def test_the_bilingual_handout_the_command_writes_passes_too(tmp_path: Path) -> None:
    """`legpain-docs pdf SOURCE --with TRANSLATION`, as a clinic runs it."""
    assert main(["pdf", str(ORIGINAL), "--with", str(TRANSLATION), "--out-dir", str(tmp_path)]) == 0
    written = tmp_path / "leg-pain-en-handout-es.pdf"
    report = page.validate_pdf_bytes(written.read_bytes(), profile=page.ValidationProfile.PDF_UA_1)
    assert [failure.rule_id for failure in report.failures] == [] and report.is_compliant


def test_the_validator_fails_a_pdf_that_breaks_a_rule() -> None:
    """The check above can fail: the same handout without its structure tree is refused."""
    document = pikepdf.open(io.BytesIO(pdf("letter")))
    del document.Root.StructTreeRoot
    out = io.BytesIO()
    document.save(out)
    report = page.validate_pdf_bytes(out.getvalue(), profile=page.ValidationProfile.PDF_UA_1)
    assert report.rules.failed > 0


# --- the spoken text -------------------------------------------------------------------------

# Elements whose text is read as a block of its own; a list item's label and body read as one.
BLOCKS = {"P", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "TD", "TH"}


def spoken(data: bytes) -> list[str]:
    """The text of each block, in the structure tree's order, as drawn (figures are read by their alt text)."""
    document = pikepdf.open(io.BytesIO(data))
    pages = {page.obj.objgen: n for n, page in enumerate(document.pages)}
    drawn: dict[tuple[int, int], str] = {}
    with pdfplumber.open(io.BytesIO(data)) as plumber:
        for n, page_ in enumerate(plumber.pages):
            for char in page_.chars:
                if char.get("mcid") is not None and char.get("tag") != "Artifact":
                    drawn[(n, char["mcid"])] = drawn.get((n, char["mcid"]), "") + char["text"]
    blocks: list[str] = []

    def walk(element: pikepdf.Dictionary, block: list[str] | None) -> None:
        tag = str(element.S)[1:]
        if tag == "Figure":  # described by its alt text, which is no text of the article's
            return
        if tag in BLOCKS and block is None or tag == "LI":
            block = []
            blocks.append(block)
        if "/Alt" in element:  # a reader says the alt text in place of what is drawn ("Card 3" for "3")
            block.append(str(element.Alt))
            return
        for kid in element.K if isinstance(element.K, pikepdf.Array) else [element.K]:
            if isinstance(kid, int):
                block.append(drawn.get((pages[element.Pg.objgen], int(kid)), ""))
            elif kid.get("/Type") == "/MCR":
                block.append(drawn.get((pages[kid.Pg.objgen], int(kid.MCID)), ""))
            elif "/S" in kid:
                walk(kid, block)
                if str(kid.S) in ("/Lbl",):  # the bullet, then a space before the item's text
                    block.append(" ")

    walk(document.Root.StructTreeRoot.K[0], None)
    return ["".join(block) for block in blocks]


def words(text: str) -> list[str]:
    """The words a reader says: a soft hyphen joins the two halves of its word, spaces part words."""
    return text.replace(SOFT_HYPHEN, "").split()


def handout_text(name: str) -> list[str]:
    """What the handout says, block by block: the clinic band, the article, the closing matter."""
    path, clinic_path, _, _ = HANDOUTS[name]
    source, band = article(path), clinic(clinic_path)
    said = (
        [band.name, *([band.address] if band.address else []), band.phone, *([band.website] if band.website else [])]
        if band
        else []
    )
    said += ["\u2022 " + text[1:] if text.startswith("\u2022") else text for text in expected_handout(source)]
    phrases = words_for(source.language)
    if band:
        said.append(
            (phrases.questions_online if band.website else phrases.questions).format(
                phone=band.phone, website=band.website
            )
        )
    said += [phrases.disclaimer, phrases.reviewed.format(date=phrases.format_date(source.reviewed))]
    if source.review_due:
        said.append(phrases.next_review.format(date=phrases.format_date(source.review_due)))
    if attribution(source):
        said.append(phrases.source.format(source=attribution(source)))
    if source.source and source.source.url and is_web_address(source.source.url):
        said.append(phrases.qr_label)
    return said


@pytest.mark.parametrize("name", HANDOUTS)
def test_a_handout_speaks_the_articles_text_word_for_word(name: str) -> None:
    """Every block in the tree's order says the article's words, no word glued to the next, none cut."""
    read, expected = spoken(pdf(name)), handout_text(name)
    assert [words(block) for block in read] == [words(text) for text in expected]


def test_a_broken_word_is_written_with_a_soft_hyphen_and_read_whole() -> None:
    read = spoken(pdf("letter"))
    broken = [word for block in read for word in block.split() if SOFT_HYPHEN in word]
    assert broken, "the letter handout hyphenates some long word"
    for word in broken:
        assert word.count(SOFT_HYPHEN) == 1 and re.sub(r"^\W+|\W+$", "", word.replace(SOFT_HYPHEN, "")).isalpha()
    # No hard hyphen stands where the layout broke a word: every hyphen read is the source's own.
    hyphenated = {word for text in handout_text("letter") for word in text.split() if "-" in word}
    assert {word for block in read for word in block.split() if "-" in word} <= hyphenated


def flat(texts: list[str]) -> list[str]:
    return [word for text in texts for word in words(text)]


def contains(haystack: list[str], needle: list[str], start: int) -> int:
    """Where `needle` begins in `haystack` at or after `start`, or -1."""
    for n in range(start, len(haystack) - len(needle) + 1):
        if haystack[n : n + len(needle)] == needle:
            return n
    return -1


@pytest.mark.parametrize("name", CARDS)
def test_the_cards_speak_the_guide_then_each_term_and_definition_word_for_word(name: str) -> None:
    path, paper, flip = CARDS[name]
    source = article(path)
    cards = cards_of(source)
    guide = [
        html.unescape(re.sub(r"<[^>]+>", "", text))
        for text, _ in _guide_text(source, words_for(source.language), paper, flip, len(cards))
    ]
    read, at = flat(spoken(pdf(name))), 0
    for text in [*guide, *(text for card in cards for text in (card.term, card.definition))]:
        found = contains(read, words(text), at)
        assert found >= 0, f"not read whole, in its place: {text!r}"
        at = found + len(words(text))


@pytest.mark.parametrize("name", BILINGUAL)
def test_the_bilingual_handout_speaks_each_part_in_each_language_word_for_word(name: str) -> None:
    original, translation = article(ORIGINAL), article(TRANSLATION)
    expected = [part for pair in zip(parts_of(original), parts_of(translation)) for part in pair]
    document = pikepdf.open(io.BytesIO(pdf(name)))
    sects = list(document.Root.StructTreeRoot.K[0].K)
    assert len(sects) == len(expected)
    read = flat(spoken(pdf(name)))
    said = [
        word
        for part in expected
        for text in part
        for word in words("\u2022 " + text[1:] if text.startswith("\u2022") else text)
    ]
    assert read == said


# --- what PDF/UA asks of links, pages, artifacts, lists and the version -----------------------


def structure(name: str) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(pdf(name)))


@pytest.mark.parametrize("name", ["clinic", "long-clinic", "source", "source-large"])
def test_every_link_annotation_says_its_words_and_where_it_goes(name: str) -> None:
    document = structure(name)
    links = [a for page_ in document.pages for a in page_.obj.get("/Annots", []) if a.Subtype == "/Link"]
    assert links
    for link in links:
        contents, address = str(link.Contents), str(link.A.URI)
        assert address in contents.replace(" ", ""), (contents, address)
    path, clinic_path, _, _ = HANDOUTS[name]
    if clinic_path:  # the clinic's website is shown as itself: its description is the address
        assert clinic(clinic_path).website in [str(link.Contents) for link in links]


@pytest.mark.parametrize("name", EVERY_PDF)
def test_every_page_tabs_in_structure_order_and_the_version_is_1_7(name: str) -> None:
    document = structure(name)
    assert document.pdf_version >= "1.7"
    assert pdf(name).startswith(b"%PDF-1.7")
    assert all(page_.obj.get("/Tabs") == "/S" for page_ in document.pages)


ARTIFACT_TYPES = {"/Pagination", "/Layout", "/Page"}


def artifact_types(document: pikepdf.Pdf) -> list[set[str]]:
    """Per page, the /Type of each artifact sequence (an untyped one fails the test)."""
    found = []
    for n, page_ in enumerate(document.pages, 1):
        types = set()
        for operands, operator in pikepdf.parse_content_stream(page_):
            if str(operator) == "BMC":
                assert str(operands[0]) != "/Artifact", f"page {n}: an artifact without a type"
            if str(operator) == "BDC" and str(operands[0]) == "/Artifact":
                types.add(str(operands[1].Type))
        assert types <= ARTIFACT_TYPES
        found.append(types)
    return found


@pytest.mark.parametrize("name", [*HANDOUTS, *BILINGUAL])
def test_page_furniture_is_typed_pagination_and_rules_layout(name: str) -> None:
    """Each page's footer (title, page number) is pagination; the rules are layout."""
    for types in artifact_types(structure(name)):
        assert "/Pagination" in types
    assert any("/Layout" in types for types in artifact_types(structure(name)))


@pytest.mark.parametrize("name", CARDS)
def test_cut_marks_are_printers_marks(name: str) -> None:
    """Cut marks are what ISO 32000-1 calls page artifacts: production aids, not the document."""
    types = artifact_types(structure(name))
    assert all(
        "/Page" in page_types for page_types in types[2::2]
    )  # each sheet's fronts (the guide and its back aside)


def lists(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
    found = [element] if str(element.get("/S")) == "/L" else []
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found += lists(kid)
    return found


@pytest.mark.parametrize("name", EVERY_PDF)
def test_every_list_says_how_its_items_are_marked(name: str) -> None:
    """The handout's lists are bulleted (Disc); the cards' printing guide numbers its steps (Decimal)."""
    document = structure(name)
    found = lists(document.Root.StructTreeRoot.K[0])
    assert found or name == "mini"
    marked = "/Decimal" if name in CARDS else "/Disc"
    for element in found:
        assert (str(element.A.O), str(element.A.ListNumbering)) == ("/List", marked)


def test_no_font_maps_a_code_to_nothing() -> None:
    """PDF/UA 7.21.7: no ToUnicode entry gives U+0000, U+FEFF or U+FFFE (reportlab mapped unused codes to U+0000)."""
    document = structure("clinic")
    for page_ in document.pages:
        for font in page_.Resources.Font.values():
            cmap = font.ToUnicode.read_bytes().decode("ascii")
            targets = re.findall(r"<[0-9A-F]{2}> <([0-9A-F]{4,})>", cmap)
            assert targets and not {"0000", "FEFF", "FFFE"} & set(targets)
            assert all(int(block) <= 100 for block in re.findall(r"(\d+) beginbfchar", cmap))


LONG = (
    "Physiotherapists recommend strengthening exercises, stretching and progressively longer walks; "
    "anti-inflammatory medications, occasionally corticosteroid injections, and, uncommonly, "
    "decompression surgery relieve persistent radiculopathy. "
)


@pytest.mark.parametrize("large", [False, True], ids=["regular", "large"])
def test_a_paragraph_split_across_columns_and_pages_reads_whole(tmp_path: Path, large: bool) -> None:
    """Where a paragraph goes on in the next column or page, its words still read one by one:
    the part's last line ends with a space, or a soft hyphen in a broken word, as any line does."""
    text = (LONG * 40).strip()
    path = write_source(
        tmp_path,
        f'id: long\ntitle: A Long Paragraph\nreviewed: 2026-01-02\nintro: "{text}"\n'
        f"sections:\n  - id: one\n    title: Section One\n    items:\n"
        f'      - term: Alpha\n        definition: "{text}"\n',
    )
    source = load_article(path)
    data = render_handout(source, large_print=large, epoch=source.reviewed_epoch)
    read = spoken(data)
    assert words(read[1]) == words(text) and words(read[3]) == words("\u2022 Alpha: " + text)
    assert len(pikepdf.open(io.BytesIO(data)).pages) > 2
    assert page.validate_pdf_bytes(data, profile=page.ValidationProfile.PDF_UA_1).is_compliant


def test_a_full_subset_maps_in_blocks_of_at_most_100_and_beyond_the_basic_plane_as_pairs() -> None:
    from legpain_docs.render.pdf.fontmaps import to_unicode_cmap

    subset = [0, *range(0x4E00, 0x4E00 + 254), 0x1F600]  # code 0 unused, 255 used, the last an emoji
    cmap = to_unicode_cmap("AAAAAA+Test", subset)
    assert re.findall(r"(\d+) beginbfchar", cmap) == ["100", "100", "55"]
    assert "<00>" not in cmap.split("endcodespacerange")[1] and "<FF> <D83DDE00>" in cmap
    assert "<00> <FF>" in cmap  # the code space stays the subset's, unused codes and all
