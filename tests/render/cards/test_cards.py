"""Printable flashcards, read back from the real PDF with pdfplumber, pypdf and pikepdf.

The card rectangles are found from the cut marks on each fronts page, not taken from the
renderer, so a back that lands anywhere but behind its front fails here. The structure tree
is walked with pikepdf and each element's text found by its marked content with pdfplumber.
"""

from __future__ import annotations

import functools
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
import pikepdf
import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legpain_docs import Article, ContentError, Item, Section, load_article
from legpain_docs.cards import cards_of
from legpain_docs.cli import main
from legpain_docs.render.cards import render_cards
from legpain_docs.render.pdf import style
from legpain_docs.words import words_for

from tests.conftest import ARTICLE_PATH, DATA, write_source

PAPERS = {"letter": (612, 792), "a4": (595.2756, 841.8898)}
VARIANTS = [(paper, flip) for paper in PAPERS for flip in ("long", "short")]
EDGE = 18  # 0.25 in: printers cannot reach it
FLOOR = 11
GUIDE_PAGES = 2
PER_SHEET = 8
EPOCH = 1_767_312_000  # 2026-01-02T00:00:00Z: any fixed build time will do where dates are not tested


@functools.cache
def built(source: Path, paper: str, flip: str) -> bytes:
    article = load_article(source)
    return render_cards(article, paper=paper, flip=flip, epoch=article.reviewed_epoch)


def defined(article: Article) -> list[tuple[Section, Item]]:
    return [(section, item) for section in article.sections for item in section.defined_items]


def words(text: str) -> str:
    return " ".join(text.split())


def unbroken(text: str) -> str:
    """The text without hyphens (a break is a soft hyphen) and the line breaks after them: a definition
    may be hyphenated anywhere."""
    return re.sub(r"[-\u00ad]\s*", "", words(text))


def grid(page) -> list[tuple[float, float, float, float]]:
    """Card cells (x0, top, x1, bottom), row by row from the top left, from the page's cut marks."""
    xs = sorted({round(line["x0"], 2) for line in page.lines if line["x0"] == line["x1"]})
    tops = sorted({round(line["top"], 2) for line in page.lines if line["top"] == line["bottom"]})
    assert (len(xs), len(tops)) == (3, 5), "expected the cut lines of 2 columns and 4 rows"
    return [(xs[c], tops[r], xs[c + 1], tops[r + 1]) for r in range(4) for c in range(2)]


def mirrored(cell, page_size, flip: str):
    width, height = page_size
    x0, top, x1, bottom = cell
    return (width - x1, top, width - x0, bottom) if flip == "long" else (x0, height - bottom, x1, height - top)


def inside(obj, cell, slack: float = 0.01) -> bool:
    x0, top, x1, bottom = cell
    return (
        obj["x0"] >= x0 - slack
        and obj["x1"] <= x1 + slack
        and obj["top"] >= top - slack
        and obj["bottom"] <= bottom + slack
    )


def read_cards(page, cells) -> dict[int, dict]:
    """For each card on a page: its number, the cell it is in, the number's word, its other text."""
    found = {}
    page_words = page.extract_words(extra_attrs=["size"])
    for cell in cells:
        cell_words = [w for w in page_words if inside(w, cell)]
        if not cell_words:
            continue
        first_line = [w for w in cell_words if abs(w["top"] - cell_words[0]["top"]) < 1]
        number = max(first_line, key=lambda w: w["x1"])
        assert number["text"].isdigit(), f"no card number at the top right of {cell}"
        assert int(number["text"]) not in found, f"card {number['text']} twice on one page"
        rest = " ".join(w["text"] for w in cell_words if w is not number)
        found[int(number["text"])] = {"cell": cell, "number": number, "text": rest, "words": cell_words}
    return found


@functools.cache
def sheets(source: Path, paper: str, flip: str) -> list[tuple[dict, dict]]:
    """(fronts, backs) of each sheet: card number -> what read_cards found."""
    pdf = pdfplumber.open(io.BytesIO(built(source, paper, flip)))
    pages = pdf.pages[GUIDE_PAGES:]
    result = []
    for fronts, backs in zip(pages[::2], pages[1::2]):
        cells = grid(fronts)
        assert not backs.lines, "cut marks belong on the fronts only"
        result.append((read_cards(fronts, cells), read_cards(backs, cells)))
    return result


def number_offset(card: dict) -> tuple[float, float]:
    """Where the card's number sits: from its card's right edge and top edge."""
    return card["cell"][2] - card["number"]["x1"], card["number"]["top"] - card["cell"][1]


@pytest.mark.parametrize("paper, flip", VARIANTS)
def test_each_back_lands_behind_its_front(paper, flip):
    for fronts, backs in sheets(ARTICLE_PATH, paper, flip):
        assert sorted(fronts) == sorted(backs), "card numbers differ front and back"
        for number, front in fronts.items():
            back = backs[number]
            assert back["cell"] == pytest.approx(mirrored(front["cell"], PAPERS[paper], flip), abs=0.5)
            # Both sides read the same way up: the number sits at the same place within its card.
            assert number_offset(back) == pytest.approx(number_offset(front), abs=0.5)


def every_card(source: Path, paper: str = "letter", flip: str = "long") -> tuple[dict, dict]:
    """All fronts and all backs of a file, by card number."""
    fronts = {n: card for sheet in sheets(source, paper, flip) for n, card in sheet[0].items()}
    backs = {n: card for sheet in sheets(source, paper, flip) for n, card in sheet[1].items()}
    return fronts, backs


@pytest.mark.parametrize("paper, flip", VARIANTS)
def test_every_term_and_definition_is_on_its_numbered_card(article, paper, flip):
    fronts, backs = every_card(ARTICLE_PATH, paper, flip)
    expected = defined(article)
    assert sorted(fronts) == sorted(backs) == list(range(1, len(expected) + 1))
    for number, (section, item) in enumerate(expected, 1):
        assert fronts[number]["text"] == words(f"{section.title} {item.term}")
        assert unbroken(backs[number]["text"]) == unbroken(f"{section.title} {item.said}")  # a sentence whole


@pytest.mark.parametrize("paper, flip", VARIANTS)
def test_eight_cards_a_sheet_and_the_guide_first(article, paper, flip):
    count = len(defined(article))
    per_sheet = [len(fronts) for fronts, _ in sheets(ARTICLE_PATH, paper, flip)]
    assert per_sheet == [min(PER_SHEET, count - first) for first in range(0, count, PER_SHEET)]
    pdf = pdfplumber.open(io.BytesIO(built(ARTICLE_PATH, paper, flip)))
    assert len(pdf.pages) == GUIDE_PAGES + 2 * math.ceil(count / PER_SHEET)
    assert all((p.width, p.height) == pytest.approx(PAPERS[paper], abs=0.01) for p in pdf.pages)


@pytest.mark.parametrize("paper, flip", VARIANTS)
def test_same_card_size_on_both_papers_and_the_grid_centred(paper, flip):
    pdf = pdfplumber.open(io.BytesIO(built(ARTICLE_PATH, paper, flip)))
    width, height = PAPERS[paper]
    cells = grid(pdf.pages[GUIDE_PAGES])
    assert {(round(x1 - x0, 2), round(bottom - top, 2)) for x0, top, x1, bottom in cells} == {(252, 180)}
    left, top = cells[0][:2]
    right, bottom = cells[-1][2:]
    assert (left, top) == pytest.approx((width - right, height - bottom), abs=0.01)


@pytest.mark.parametrize("paper, flip", VARIANTS)
def test_nothing_in_the_edge_band_and_no_text_outside_a_card(paper, flip):
    pdf = pdfplumber.open(io.BytesIO(built(ARTICLE_PATH, paper, flip)))
    for number, page in enumerate(pdf.pages, 1):
        band = (EDGE, EDGE, page.width - EDGE, page.height - EDGE)
        for obj in page.chars + page.lines + page.rects + page.curves:
            what = obj.get("text", obj["object_type"])
            assert inside(obj, band, slack=0), f"page {number}: {what} within 0.25 in of the edge"
    cells = grid(pdf.pages[GUIDE_PAGES])
    for page in pdf.pages[GUIDE_PAGES:]:
        outside = [char["text"] for char in page.chars if not any(inside(char, cell) for cell in cells)]
        assert outside == [], f"page {page.page_number}: text outside a card"
        left, top, right, bottom = cells[0][0], cells[0][1], cells[-1][2], cells[-1][3]
        for line in page.lines:  # cut marks stay outside the cards, by the gap at least
            assert (
                line["x1"] <= left - 1
                or line["x0"] >= right + 1
                or line["bottom"] <= top - 1
                or line["top"] >= bottom + 1
            )


@pytest.mark.parametrize("source", [ARTICLE_PATH, DATA / "cards-edge.yaml"], ids=["article", "edge"])
def test_all_text_is_11_pt_or_more(source):
    pdf = pdfplumber.open(io.BytesIO(built(source, "letter", "long")))
    sizes = {round(char["size"], 2) for page in pdf.pages for char in page.chars}
    assert min(sizes) >= FLOOR


def test_a_long_text_is_set_smaller_and_a_short_one_is_not():
    article = load_article(DATA / "cards-edge.yaml")
    fronts, backs = every_card(DATA / "cards-edge.yaml")
    number = {item.term: n for n, (_, item) in enumerate(defined(article), 1)}
    text = {item.term: item.definition for _, item in defined(article)}
    long_term = next(term for term in number if term.startswith("Complex"))

    def body_size(card, body: str) -> float:
        """The one size of the card's body: its last words, as many as the body has."""
        text = [w for w in card["words"] if w is not card["number"]]
        sizes = {round(w["size"], 2) for w in text[-len(body.split()) :]}
        assert len(sizes) == 1
        return sizes.pop()

    long_size = body_size(backs[number["Long definition"]], text["Long definition"])
    medium_size = body_size(backs[number["Medium definition"]], text["Medium definition"])
    assert FLOOR <= long_size < medium_size < style.CARD_DEFINITION_SIZE
    assert body_size(backs[number[long_term]], text[long_term]) == style.CARD_DEFINITION_SIZE
    assert FLOOR <= body_size(fronts[number[long_term]], long_term) < style.CARD_TERM_SIZE
    assert body_size(fronts[number["Long definition"]], "Long definition") == style.CARD_TERM_SIZE
    for n, (section, item) in enumerate(defined(article), 1):
        assert unbroken(backs[n]["text"]) == unbroken(f"{section.title} {item.definition}")


def test_source_text_prints_literally():
    fronts, backs = sheets(DATA / "cards-edge.yaml", "letter", "long")[0]
    assert fronts[1]["text"] == "Markup <b>stays</b> literal & plain Q&A <i>italic?</i>"
    assert backs[1]["text"] == (
        "Markup <b>stays</b> literal & plain Pain > 3/10 & < 7/10 is <b>not</b> bold; &amp; stays as typed."
    )


@pytest.mark.parametrize("paper, flip", VARIANTS)
def test_the_printing_guide_names_the_chosen_flip_and_the_pages(article, paper, flip):
    pdf = pdfplumber.open(io.BytesIO(built(ARTICLE_PATH, paper, flip)))
    guide = words(pdf.pages[0].extract_text())
    last = len(pdf.pages)
    assert "Print at 100%." in guide and "“Actual size”" in guide
    assert f"Print double-sided, flipping on the {flip} edge" in guide
    assert f"turn the printed stack over along its {flip} edge" in guide
    fronts, backs = [str(n) for n in range(3, last, 2)], [str(n) for n in range(4, last + 1, 2)]
    assert f"print the fronts alone (pages {', '.join(fronts[:-1])} and {fronts[-1]})" in guide
    assert f"print the backs (pages {', '.join(backs[:-1])} and {backs[-1]})" in guide
    assert f"Or print pages 3–{last} alone" in guide
    assert f"{len(defined(article))} cards on {math.ceil(len(defined(article)) / PER_SHEET)} sheets" in guide
    assert "blank on purpose" in pdf.pages[1].extract_text()


def article_of(count: int, title: str = "Many") -> Article:
    items = tuple(Item(f"Term {n}", f"Definition {n}.") for n in range(1, count + 1))
    return Article("many", title, load_article(DATA / "mini.yaml").reviewed, (Section("s", "Section", items),))


@pytest.mark.parametrize(
    "count, expected",
    [
        (1, ["1 card on 1 sheet", "print pages 3–4 alone", "fronts alone (page 3)", "backs (page 4)"]),
        (
            40,
            [
                "40 cards on 5 sheets",
                "print pages 3–12 alone",
                "fronts alone (odd pages 3 to 11)",
                "backs (even pages 4 to 12)",
            ],
        ),
    ],
)
def test_the_guide_counts_cards_sheets_and_pages(count, expected):
    pdf = pdfplumber.open(io.BytesIO(render_cards(article_of(count), epoch=EPOCH)))
    guide = words(pdf.pages[0].extract_text())
    assert len(pdf.pages) == GUIDE_PAGES + 2 * math.ceil(count / PER_SHEET)
    assert [phrase for phrase in expected if phrase not in guide] == []


def test_a_title_too_long_for_the_guide_is_an_error():
    with pytest.raises(ContentError, match=r"^the title and source are too long for the printing guide"):
        render_cards(article_of(1, title=" ".join(["Title"] * 3000)), epoch=EPOCH)


@pytest.mark.parametrize("paper, flip", [("letter", "long"), ("a4", "short")])
def test_fonts_embedded_metadata_and_print_presets(article, paper, flip):
    data = built(ARTICLE_PATH, paper, flip)
    assert b"Helvetica" not in data
    reader = pypdf.PdfReader(io.BytesIO(data))
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            assert "SourceSansPro" in font["/BaseFont"]
            assert "/FontFile2" in descendant["/FontDescriptor"].get_object()
    assert reader.metadata.title == f"{article.title} — Flashcards"
    assert reader.metadata.creation_date.date() == article.reviewed
    assert reader.trailer["/Root"]["/Lang"] == article.language
    preferences = reader.trailer["/Root"]["/ViewerPreferences"]
    assert preferences["/DisplayDocTitle"] == pypdf.generic.BooleanObject(True)
    assert preferences["/Duplex"] == {"long": "/DuplexFlipLongEdge", "short": "/DuplexFlipShortEdge"}[flip]
    assert preferences["/PrintScaling"] == "/None"
    assert [entry.title for entry in reader.outline][:3] == ["How to print", "Cards 1–8: fronts", "Cards 1–8: backs"]


def test_the_command_writes_the_chosen_paper_and_flip(tmp_path, capsys):
    out = tmp_path / "cards.pdf"
    assert main(["cards", str(ARTICLE_PATH), "-o", str(out), "--paper", "a4", "--flip", "short"]) == 0
    assert out.read_bytes() == built(ARTICLE_PATH, "a4", "short")
    assert capsys.readouterr().out.startswith(f"wrote {out} (")


def test_a_definition_too_long_even_at_the_floor_is_an_error_naming_its_term(tmp_path, capsys):
    out = tmp_path / "cards.pdf"
    out.write_bytes(b"an earlier good file")
    assert main(["cards", str(DATA / "cards-too-long.yaml"), "-o", str(out)]) == 2
    # The fixture is one line over: a floor any lower would let it through. The error stands
    # at the definition (its '>' on line 13), where the editor shortens it.
    assert capsys.readouterr().err == (
        f"{DATA / 'cards-too-long.yaml'}:13:21: error: card 2 'Sciatica': the definition is "
        "too long for a card even at 11 pt (11 lines, room for 10)\n"
    )
    assert out.read_bytes() == b"an earlier good file"
    assert [p.name for p in tmp_path.iterdir()] == ["cards.pdf"]


def test_a_term_too_long_is_an_error_naming_it(tmp_path):
    term = " ".join(["Longword"] * 120)
    source = write_source(
        tmp_path,
        f"id: t\ntitle: T\nreviewed: 2026-01-01\nsections:\n  - id: s\n    title: S\n"
        f"    items:\n      - term: {term}\n        definition: D.\n",
    )
    named = term[:40].rstrip() + "…"  # the start of a long term: enough to find it
    with pytest.raises(ContentError, match=rf"^card 1 '{named}': the term is too long for a card even at 11 pt"):
        render_cards(load_article(source), epoch=EPOCH)


def test_a_card_too_long_points_at_the_text_to_shorten(tmp_path, capsys):
    """The term's, and the section title's, line:col in the source: the second section's first
    defined item (after an undefined one), so the place is the item's own, not its card's number."""
    term = " ".join(["Longword"] * 120)
    head = "id: t\ntitle: T\nreviewed: 2026-01-01\nsections:\n  - id: a\n    title: A\n    items:\n      - term: X\n"
    long_term = write_source(
        tmp_path,
        f"{head}  - id: b\n    title: B\n    items:\n      - term: Bare\n"
        f"      - term: {term}\n        definition: D.\n",
        "term.yaml",
    )
    long_title = write_source(
        tmp_path,
        f"{head.replace('id: t', 'id: u', 1)}  - id: b\n    title: {' '.join(['Section'] * 60)}\n    items:\n"
        f"      - term: Term\n        definition: D.\n",
        "title.yaml",
    )
    assert main(["cards", str(long_term), str(long_title), "--out-dir", str(tmp_path / "out")]) == 2
    assert [line.split(" error: ")[0] for line in capsys.readouterr().err.splitlines()] == [
        f"{long_term}:13:15:",
        f"{long_title}:10:12:",
    ]


def test_a_section_title_that_fills_the_card_is_an_error_naming_the_term():
    article = article_of(1)
    article = Article(
        article.id,
        article.title,
        article.reviewed,
        (Section("s", " ".join(["Section"] * 60), article.sections[0].items),),
    )
    with pytest.raises(ContentError, match=r"^card 1 'Term 1': the section title is too long for a card"):
        render_cards(article, epoch=EPOCH)


def test_no_definitions_is_a_one_page_note_not_a_failed_build(tmp_path):
    source = write_source(
        tmp_path,
        "id: bare\ntitle: Bare <Article>\nreviewed: 2026-01-01\nsections:\n"
        "  - id: s\n    title: S\n    items:\n      - term: Only a term\n",
    )
    assert main(["cards", str(source), "-o", str(tmp_path / "cards.pdf")]) == 0
    pdf = pdfplumber.open(tmp_path / "cards.pdf")
    assert len(pdf.pages) == 1
    assert words(pdf.pages[0].extract_text()).startswith("No item of “Bare <Article>” has a definition yet")
    assert min(char["size"] for char in pdf.pages[0].chars) >= FLOOR


TEXT = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzABC<>&;'\"é", min_size=1, max_size=12), min_size=1, max_size=120
).map(" ".join)


@settings(max_examples=25, deadline=None)
@given(definition=TEXT)
def test_a_definition_is_printed_whole_or_refused_never_clipped(definition):
    article = Article(
        "prop",
        "Property",
        load_article(DATA / "mini.yaml").reviewed,
        (Section("s", "Section", (Item("Term", definition),)),),
    )
    try:
        data = render_cards(article, paper="a4", flip="short", epoch=EPOCH)
    except ContentError as err:
        assert "card 1 'Term': the definition is too long" in str(err)
        return
    pdf = pdfplumber.open(io.BytesIO(data))
    cells = grid(pdf.pages[GUIDE_PAGES])
    backs = read_cards(pdf.pages[GUIDE_PAGES + 1], cells)
    assert unbroken(backs[1]["text"]) == unbroken(f"Section {definition}")
    assert backs[1]["cell"] == pytest.approx(mirrored(cells[0], PAPERS["a4"], "short"), abs=0.5)
    assert all(any(inside(char, cell) for cell in cells) for char in pdf.pages[GUIDE_PAGES + 1].chars)
    assert min(char["size"] for char in pdf.pages[GUIDE_PAGES + 1].chars) >= FLOOR


def test_definitions_break_words_by_the_articles_language(article):
    """Hyphenated where a long word meets the card's edge, and only at a break within a real word,
    written as the soft hyphen U+00AD that a reader joins (never U+002D, which reads "circula-tion")."""
    _, backs = every_card(ARTICLE_PATH)
    breaks = [found for card in backs.values() for found in re.findall(r"(\w+)\u00ad\s*(\w+)", card["text"])]
    assert not [found for card in backs.values() for found in re.findall(r"(\w+)- (\w+)", card["text"])]
    definitions = " ".join(item.said for _, item in defined(article))
    assert breaks, "no definition is hyphenated"
    assert all(re.search(rf"\b{head}-?{tail}\b", definitions) for head, tail in breaks), breaks


# --- the structure a screen reader reads -------------------------------------------------------


@dataclass
class Node:
    """A structure element read back: its tag, /Alt, the text of its own marked content, its pages, its kids."""

    tag: str
    alt: str | None
    text: str = ""
    pages: set[int] = field(default_factory=set)  # page indexes its own marked content is on
    kids: list[Node] = field(default_factory=list)


@functools.cache
def structure(source: Path, paper: str, flip: str) -> Node:
    """The Document element, every element under it read back with pikepdf, its text with pdfplumber."""
    data = built(source, paper, flip)
    pdf = pikepdf.open(io.BytesIO(data))
    pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
    with pdfplumber.open(io.BytesIO(data)) as plumber:
        chars = [
            [(c.get("mcid"), c["text"]) for c in page.chars if c.get("tag") != "Artifact"] for page in plumber.pages
        ]

    def walk(element: pikepdf.Dictionary) -> Node:
        node = Node(str(element.S)[1:], str(element.Alt) if "/Alt" in element else None)
        for kid in element.K if isinstance(element.K, pikepdf.Array) else [element.K]:
            if isinstance(kid, int) or kid.get("/Type") == "/MCR":
                page = pages[(element.Pg if isinstance(kid, int) else kid.Pg).objgen]
                mcid = int(kid) if isinstance(kid, int) else int(kid.MCID)
                node.text += "".join(text for owner, text in chars[page] if owner == mcid)
                node.pages.add(page)
            elif "/S" in kid:
                node.kids.append(walk(kid))
        return node

    return walk(pdf.Root.StructTreeRoot.K[0])


def squash(text: str) -> str:
    """Text without what line breaking adds or moves: spaces, line ends, hyphens."""
    return re.sub(r"[\s\-\u00ad]", "", text)


@pytest.mark.parametrize("paper, flip", VARIANTS)
def test_each_card_reads_as_its_term_heading_section_number_then_definition(article, paper, flip):
    """The term is the card's heading; its section and number are its text, read on the front, not
    artifacts; the definition follows, from the back."""
    document = structure(ARTICLE_PATH, paper, flip)
    cards = [node for node in document.kids if node.tag == "Sect"]
    expected = cards_of(article)
    assert len(cards) == len(expected)
    for node, card in zip(cards, expected):
        assert [kid.tag for kid in node.kids] == ["H2", "P", "P", "P"] + (["Figure"] if card.figure else [])
        term, section, number, definition = node.kids[:4]
        assert squash(term.text) == squash(card.term)
        assert squash(section.text) == squash(card.section)
        assert number.text == str(card.number) and number.alt == f"Card {card.number}"
        assert squash(definition.text) == squash(card.definition)
        front = GUIDE_PAGES + 2 * ((card.number - 1) // PER_SHEET)
        assert term.pages == section.pages == number.pages == {front}
        assert definition.pages == {front + 1}  # the back's header repeats the front's: an artifact there


@pytest.mark.parametrize("paper, flip", VARIANTS)
def test_the_printing_guide_is_a_title_a_summary_its_steps_as_a_list_and_a_note(article, paper, flip):
    document = structure(ARTICLE_PATH, paper, flip)
    guide = [node for node in document.kids if node.tag != "Sect"]
    assert [node.tag for node in guide] == ["H1", "P", "L", "P"]
    steps = words_for(article.language).guide_steps
    items = guide[2].kids
    assert [item.tag for item in items] == ["LI"] * len(steps)
    for n, (item, step) in enumerate(zip(items, steps), 1):
        assert [kid.tag for kid in item.kids] == ["Lbl", "LBody"]
        label, body = item.kids
        assert label.text == f"{n}."
        assert squash(body.text).startswith(squash(re.sub(r"<[^>]+>", "", step).split("{")[0]))
