"""The patient handout, read back with real PDF parsers (pypdf, pdfplumber) and drawn by pdfium.

Every expectation is derived from the loaded source: its text in order, in bold where it
should be, at the size it should be; pages, fonts, metadata, bookmarks, the printer's band.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator

import pdfplumber
import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, LETTER

from legpain_docs import Article, Clinic, load_article, load_clinic
from legpain_docs.cli import main
from legpain_docs.render.handout import render_handout
from legpain_docs.render.pdf import style

from tests.conftest import ARTICLE_PATH, DATA, ROOT

MARKUP_PATH = DATA / "handout-markup.yaml"
CLINIC_PATH = ROOT / "source" / "example.clinic.yaml"
LONG_CLINIC_PATH = DATA / "handout-clinic.yaml"
PAPERS = {"letter": LETTER, "a4": A4}
EDGE = 18  # points: 0.25 in, where office printers lose the page
BASE_14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")
SEPARATORS = set("•:,")  # what the handout puts between the source's pieces of text
DISCLAIMER = "does not replace advice from your doctor or other clinician"
VARIANTS = [(paper, large, clinic) for paper in PAPERS for large in (False, True) for clinic in (None, CLINIC_PATH)]


def variant_id(variant: tuple) -> str:
    paper, large, clinic = variant
    return "-".join([paper, "large" if large else "regular"] + (["clinic"] if clinic else []))


@functools.cache
def source(path=ARTICLE_PATH) -> Article:
    return load_article(path)


@functools.cache
def handout(path=ARTICLE_PATH, paper="letter", large=False, clinic_path=None) -> bytes:
    clinic = load_clinic(clinic_path) if clinic_path else None
    article = source(path)
    return render_handout(article, paper=paper, large_print=large, clinic=clinic, epoch=article.reviewed_epoch)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclasses.dataclass
class Glyphs:
    """The handout's visible characters in drawing order, without spaces or the page footers."""

    text: str
    sizes: list[float]
    bold: list[bool]
    pages: list[int]

    def find_all(self, pieces: list[str]) -> list[slice]:
        """Where each piece is, in order; only separators may stand between two of them."""
        found, at = [], 0
        for piece in map(squash, pieces):
            # A soft hyphen may stand wherever a line breaks inside a word.
            match = re.compile("\u00ad?".join(map(re.escape, piece))).search(self.text, at)
            assert match, f"{piece!r} is missing after {self.text[max(0, at - 40) : at]!r}"
            start = match.start()
            assert set(self.text[at:start]) <= SEPARATORS, f"unexpected {self.text[at:start]!r} before {piece!r}"
            found.append(slice(start, match.end()))
            at = match.end()
        assert set(self.text[at:]) <= SEPARATORS, f"unexpected text at the end: {self.text[at:]!r}"
        return found

    def find_all_of(self, piece: str) -> list[slice]:
        """Every place `piece` is drawn (a soft hyphen may stand wherever a line breaks inside a word)."""
        pattern = re.compile("\u00ad?".join(map(re.escape, squash(piece))))
        return [slice(m.start(), m.end()) for m in pattern.finditer(self.text)]


def glyphs(pdf: bytes, title: str, sections: tuple[str, ...] = ()) -> Glyphs:
    """Read text runs with pypdf; each page must end with its footer, which is then set aside,
    and a column that begins with the "(continued)" heading of one of `sections` has it set aside too."""
    reader = PdfReader(io.BytesIO(pdf))
    out = Glyphs("", [], [], [])
    for number, page in enumerate(reader.pages, 1):
        runs: list[tuple[str, float, bool]] = []

        def visit(text, cm, tm, font, size):
            if font is not None:
                runs.extend((char, size, "Bold" in font["/BaseFont"]) for char in text if not char.isspace())

        page.extract_text(visitor_text=visit)
        page_label = squash(f"Page {number} of {len(reader.pages)}")
        drawn = "".join(char for char, _, _ in runs)
        assert drawn.endswith(page_label), f"page {number} does not end with its footer: {drawn[-80:]!r}"
        # The footer's title, or (when it would wrap) its beginning and an ellipsis.
        body, full = drawn[: -len(page_label)], squash(title)
        cut = (
            len(full)
            if body.endswith(full)
            else max((k for k in range(1, len(full)) if body.endswith(full[:k] + "\u2026")), default=None)
        )
        assert cut, f"page {number} does not end with its title: {drawn[-80:]!r}"
        footer_title = full if cut == len(full) else full[:cut] + "\u2026"
        footer = footer_title + page_label
        assert drawn.endswith(footer), f"page {number} does not end with its footer: {drawn[-80:]!r}"
        runs = runs[: -len(footer)]
        drawn = "".join(char for char, _, _ in runs)
        # A column that begins inside a section begins with its heading and "(continued)", in the
        # heading's type: found by the word, then taken back over the characters set in that type
        # (text before it is body text, set smaller), so that a title made of the same characters
        # as the text before it ('0 0' after a paragraph '0') is never taken for it.
        marker = re.compile("\u00ad?".join(map(re.escape, "(continued)")))
        for found in reversed(list(marker.finditer(drawn))):
            start = found.start()
            while start > 0 and runs[start - 1][1:] == runs[found.start()][1:]:
                start -= 1
            heading = re.sub("[-\u00ad]", "", drawn[start : found.start()])
            if heading in {squash(section).replace("-", "") for section in sections}:
                runs = runs[:start] + runs[found.end() :]  # else the article's own words, left to be read
        drawn = "".join(char for char, _, _ in runs)
        out.text += "".join(char for char, _, _ in runs)
        out.sizes += [size for _, size, _ in runs]
        out.bold += [bold for _, _, bold in runs]
        out.pages += [number] * len(runs)
    return out


def reading_order(article: Article, clinic: Clinic | None, notes: bool) -> list[tuple[str, str]]:
    """Every piece of text the handout prints, in order, each with its role."""
    pieces = []
    if clinic:
        pieces += [("clinic", clinic.name)] + ([("body", clinic.address)] if clinic.address else [])
        pieces += [("bold", clinic.phone)] + ([("body", clinic.website)] if clinic.website else [])
    pieces += [("title", article.title)] + [("body", text) for text in article.intro]
    for section in article.sections:
        pieces += [("heading", section.title)] + [("body", text) for text in section.intro]
        for item in section.items:
            pieces += [("term", item.term)] + ([("body", item.definition or item.rest)] if item.said else [])
        pieces += [("body", text) for text in section.outro]
    pieces += [("body", text) for text in article.outro]
    if clinic:
        pieces += [("body", "Questions? Call"), ("bold", clinic.phone)]
        pieces += [("body", f"or visit {clinic.website}.")] if clinic.website else [("body", ".")]
    reviewed = article.reviewed
    pieces += [
        ("bold", f"This handout {DISCLAIMER}."),
        ("body", f"Reviewed: {reviewed.day} {reviewed:%B} {reviewed.year}"),
    ]
    if article.source:
        pieces += [("body", "Source:")] + [("body", part) for part in (article.source.name, article.source.url) if part]
        if article.source.url and article.source.url.startswith(("http://", "https://")):
            pieces += [("body", "Scan to read the source online")]
    return pieces + ([("notes", "Notes")] if notes else [])


def has_notes(pdf: bytes) -> bool:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return any(
            w["text"] == "Notes" and "Bold" in w["fontname"]
            for w in doc.pages[-1].extract_words(extra_attrs=["fontname"])
        )


# --- content -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [ARTICLE_PATH, MARKUP_PATH], ids=["article", "markup"])
@pytest.mark.parametrize("variant", VARIANTS + [("a4", False, LONG_CLINIC_PATH)], ids=variant_id)
def test_every_piece_of_the_source_is_printed_in_order_and_nothing_else(path, variant):
    paper, large, clinic_path = variant
    pdf = handout(path, paper, large, clinic_path)
    article, clinic = source(path), load_clinic(clinic_path) if clinic_path else None
    glyphs(pdf, article.title, tuple(s.title for s in article.sections)).find_all(
        [text for _, text in reading_order(article, clinic, has_notes(pdf))]
    )


def test_an_item_written_as_a_sentence_prints_the_articles_sentence():
    """ "Metabolic disorders, such as ...", as the article says it: no colon, no capital, no
    definition the article did not write; the term in bold where the sentence starts."""
    article = source()
    text = glyphs(handout(), article.title, tuple(s.title for s in article.sections))
    sentences = [item for section in article.sections for item in section.items if item.sentence]
    assert [item.term for item in sentences] == ["Metabolic disorders", "Infections", "Occupations"]
    for item in sentences:
        (where,) = text.find_all_of(item.sentence)
        term = len(squash(item.term))
        assert all(text.bold[where.start : where.start + term]) and not any(text.bold[where.start + term : where.stop])


@pytest.mark.parametrize("variant", VARIANTS, ids=variant_id)
def test_terms_and_headings_are_bold_and_nothing_else_is(variant):
    paper, large, clinic_path = variant
    pdf, article = handout(ARTICLE_PATH, paper, large, clinic_path), source()
    clinic = load_clinic(clinic_path) if clinic_path else None
    read = glyphs(pdf, article.title, tuple(s.title for s in article.sections))
    pieces = reading_order(article, clinic, has_notes(pdf))
    for (role, text), where in zip(pieces, read.find_all([text for _, text in pieces])):
        expect_bold = role != "body"
        assert set(read.bold[where]) == {expect_bold}, f"{text!r} should {'' if expect_bold else 'not '}be bold"
    bullets = [n for n, char in enumerate(read.text) if char == "•"]
    assert not any(read.bold[n] for n in bullets)


@pytest.mark.parametrize("large, body", [(False, 12), (True, 18)], ids=["regular", "large"])
@pytest.mark.parametrize("paper", PAPERS)
def test_type_sizes(paper, large, body):
    """Body at 12 (18) pt or more, headings and title larger, and no glyph anywhere below the body."""
    pdf, article = handout(ARTICLE_PATH, paper, large, CLINIC_PATH), source()
    read = glyphs(pdf, article.title, tuple(s.title for s in article.sections))
    pieces = reading_order(article, load_clinic(CLINIC_PATH), has_notes(pdf))
    sizes = {role: set() for role, _ in pieces}
    for (role, _), where in zip(pieces, read.find_all([text for _, text in pieces])):
        sizes[role] |= set(read.sizes[where])
    assert min(sizes["body"]) >= body and len(sizes["body"]) == 1
    assert sizes["term"] == sizes["body"]
    assert min(sizes["heading"]) >= max(sizes["body"]) + 2
    assert min(sizes["title"]) > max(sizes["heading"])
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert min(char["size"] for page in doc.pages for char in page.chars) >= body - 0.01


def test_markup_is_printed_literally_and_never_interpreted():
    article = source(MARKUP_PATH)
    read = glyphs(handout(MARKUP_PATH), article.title, tuple(s.title for s in article.sections))
    for literal in ("<b>notbold</b>", "<i>notitalic</i>", "&amp;staysastyped", "<para>or<br/>tag", "<end>&done"):
        assert literal in read.text
    start = read.text.index("<b>notbold</b>")
    assert not any(read.bold[start : start + len("<b>notbold</b>")])
    symbols = {
        char for text in (*article.intro, article.sections[0].items[0].definition) for char in text if ord(char) > 127
    }
    assert len(symbols) >= 20 and symbols <= set(read.text)


@pytest.mark.parametrize("large", [False, True], ids=["regular", "large"])
def test_short_lists_of_bare_terms_are_set_side_by_side(large):
    """A section of bare terms ("Vitamin B12", "Vitamin B6", "Copper") has them all on one line."""
    pdf, article = handout(ARTICLE_PATH, "a4", large), source()
    section = next(s for s in article.sections if s.items and not s.defined_items)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        tops = {w["text"]: round(w["top"]) for page in doc.pages for w in page.extract_words()}
    first_words = [item.term.split()[-1] for item in section.items]
    assert len({tops[word] for word in first_words}) == 1


# --- pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS, ids=variant_id)
def test_page_size_and_count(variant):
    paper, large, clinic = variant
    reader = PdfReader(io.BytesIO(handout(ARTICLE_PATH, paper, large, clinic)))
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(PAPERS[paper])
    if not large:
        assert len(reader.pages) <= 2, "the handout must print on one sheet, both sides"
    else:
        assert len(reader.pages) > 2


EDGE_CASES = [(ARTICLE_PATH, *variant) for variant in VARIANTS]
EDGE_CASES += [(MARKUP_PATH, paper, large, LONG_CLINIC_PATH) for paper in PAPERS for large in (False, True)]


@pytest.mark.parametrize("case", EDGE_CASES, ids=lambda case: f"{case[0].stem}-{variant_id(case[1:])}")
def test_nothing_is_drawn_in_the_printers_edge_band(case):
    pdf = handout(*case)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            objects = page.chars + page.rects + page.lines + page.curves
            assert objects
            for obj in objects:
                assert obj["x0"] >= EDGE and obj["top"] >= EDGE, obj.get("text", obj["object_type"])
                assert obj["x1"] <= page.width - EDGE and obj["bottom"] <= page.height - EDGE
            # Text stays inside the margins too: a URL wraps rather than running into them. (The
            # space that ends a line between words draws nothing: it may end past the margin.)
            for char in (char for char in page.chars if not char["text"].isspace()):
                assert (
                    style.HANDOUT_MARGIN - 0.5 <= char["x0"] and char["x1"] <= page.width - style.HANDOUT_MARGIN + 0.5
                )
    # A second engine draws it: the band is blank paper.
    for page in pdfium.PdfDocument(pdf):
        bitmap = page.render(scale=1).to_pil().convert("L")  # a pixel a point
        width, height = bitmap.size
        for box in (
            (0, 0, width, EDGE),
            (0, height - EDGE, width, height),
            (0, 0, EDGE, height),
            (width - EDGE, 0, width, height),
        ):
            assert bitmap.crop(box).getextrema() == (255, 255), f"ink in the edge band {box}"


@pytest.mark.parametrize("variant", VARIANTS, ids=variant_id)
def test_every_page_has_the_title_and_page_x_of_y_in_the_same_place(variant):
    pdf = handout(ARTICLE_PATH, *variant)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        places = set()
        for number, page in enumerate(doc.pages, 1):
            label = page.search(f"Page {number} of {len(doc.pages)}")
            assert len(label) == 1
            places.add((round(label[0]["x1"], 1), round(label[0]["bottom"], 1)))
            assert page.search(source().title, regex=False)
        assert len(places) == 1


def test_text_is_left_aligned_never_justified_nor_italic():
    pdf = handout()
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        content = page.get_contents().get_data()
        assert all(float(value) == 0 for value in re.findall(rb"([-\d.]+) Tw\b", content))
    for name, font in fonts(pdf):
        assert "Italic" not in name and "Oblique" not in name and font["/FontDescriptor"]["/ItalicAngle"] == 0


def contrast(colour: tuple[float, ...], background: tuple[float, ...] = (1, 1, 1)) -> float:
    def luminance(rgb):
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(colour), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("clinic", [None, CLINIC_PATH], ids=["plain", "clinic"])
def test_all_text_passes_wcag_aa_contrast(clinic):
    pdf = handout(ARTICLE_PATH, "letter", False, clinic)
    tint = style.HANDOUT_TINT.rgb()
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        colours = {tuple(char["non_stroking_color"]) for page in doc.pages for char in page.chars}
    assert colours
    for colour in colours:
        assert len(colour) == 3 and min(contrast(colour), contrast(colour, tint)) >= 4.5, colour


# --- the Notes area ------------------------------------------------------------------------


def notes_lines(pdf: bytes) -> tuple[list[int], int]:
    """Pages with a "Notes" heading, and how many ruled lines lie below it on the last page."""
    headed = [n for n, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, 1) if "Notes" in page.extract_text()]
    if not headed:
        return headed, 0
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        last = doc.pages[-1]
        heading = [word for word in last.extract_words() if word["text"] == "Notes"]
        footer_rule = max(line["top"] for line in last.lines)
        rules = [line for line in last.lines if heading and heading[0]["bottom"] < line["top"] < footer_rule]
        return headed, len(rules)


@pytest.mark.parametrize("variant", VARIANTS, ids=variant_id)
def test_the_notes_area_is_on_the_last_page_only(variant):
    """On the two-page handout there is always room for Notes; in large print, only when there is."""
    pdf = handout(ARTICLE_PATH, *variant)
    pages, lines = notes_lines(pdf)
    if pages or not variant[1]:
        assert pages == [len(PdfReader(io.BytesIO(pdf)).pages)]
        assert lines >= style.HANDOUT_NOTES_MIN_LINES


@pytest.mark.parametrize("large", [False, True], ids=["regular", "large"])
def test_the_notes_area_never_adds_a_page(large):
    """Grow the text word by word across page ends: the last page always holds text, not just Notes."""
    article = source()
    seen_pages, seen_without_notes = set(), 0
    for words in range(0, 200, 8):
        extra = ("Lorem ipsum dolor " * words).strip()
        longer = dataclasses.replace(article, outro=article.outro + ((extra,) if extra else ()))
        pdf = render_handout(longer, paper="letter", large_print=large, epoch=article.reviewed_epoch)
        pages, lines = notes_lines(pdf)
        reader = PdfReader(io.BytesIO(pdf))
        count = len(reader.pages)
        seen_pages.add(count)
        assert squash(DISCLAIMER) in squash(reader.pages[-1].extract_text()), f"{words}: Notes alone on a page"
        if pages:
            assert pages == [count] and lines >= style.HANDOUT_NOTES_MIN_LINES
        else:
            seen_without_notes += 1
    assert len(seen_pages) > 1 and seen_without_notes, "the range must cross a page end and a full page"


# --- the PDF file --------------------------------------------------------------------------


def fonts(pdf: bytes) -> Iterator[tuple[str, dict]]:
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            yield str(font["/BaseFont"]), font


@pytest.mark.parametrize("variant", VARIANTS, ids=variant_id)
def test_every_font_is_an_embedded_subset_and_no_base_14_font_is_named(variant):
    pdf = handout(ARTICLE_PATH, *variant)
    named = list(fonts(pdf))
    assert {name.split("+", 1)[1] for name, _ in named} == {"SourceSansPro-Regular", "SourceSansPro-Bold"}
    for name, font in named:
        assert re.fullmatch(r"/[A-Z]{6}\+SourceSansPro-(Regular|Bold)", name), name
        assert font["/Subtype"] == "/TrueType" and "/FontFile2" in font["/FontDescriptor"]
    for base in BASE_14:
        assert base.encode() not in pdf, f"{base} is named in the PDF"


@pytest.mark.parametrize("path", [ARTICLE_PATH, MARKUP_PATH], ids=["article", "markup"])
def test_metadata_language_and_viewer_title(path):
    article = source(path)
    reader = PdfReader(io.BytesIO(handout(path)))
    meta = reader.metadata
    assert meta.title == article.title
    assert meta.author == (
        article.source.name if article.source and article.source.name else None
    )  # else omitted, see test_library.py
    assert meta.subject and meta["/Keywords"] == ", ".join(section.title for section in article.sections)
    midnight = dt.datetime.combine(article.reviewed, dt.time(), tzinfo=dt.UTC)
    assert meta.creation_date == midnight and meta.modification_date == midnight
    root = reader.trailer["/Root"]
    assert root["/Lang"] == article.language
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True


@pytest.mark.parametrize("variant", VARIANTS, ids=variant_id)
def test_a_bookmark_per_section_opens_the_page_of_its_heading(variant):
    pdf, article = handout(ARTICLE_PATH, *variant), source()
    reader = PdfReader(io.BytesIO(pdf))
    outline = reader.outline
    assert [entry.title for entry in outline] == [section.title for section in article.sections]
    read = glyphs(pdf, article.title, tuple(s.title for s in article.sections))
    pieces = reading_order(article, load_clinic(variant[2]) if variant[2] else None, has_notes(pdf))
    heading_pages = [
        read.pages[where.start]
        for (role, _), where in zip(pieces, read.find_all([text for _, text in pieces]))
        if role == "heading"
    ]
    assert [reader.get_destination_page_number(entry) + 1 for entry in outline] == heading_pages


# --- reproducible and atomic ---------------------------------------------------------------


def run_cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "legpain_docs", *args],
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, **env},
        check=True,
    )


def test_source_date_epoch_sets_the_dates(tmp_path):
    out = tmp_path / "handout.pdf"
    run_cli(["pdf", str(ARTICLE_PATH), "-o", str(out)], {"SOURCE_DATE_EPOCH": "1700000000"})
    meta = PdfReader(out).metadata
    assert meta.creation_date == dt.datetime.fromtimestamp(1700000000, dt.UTC)


def test_the_command_writes_the_options_it_is_given(tmp_path, capsys):
    out = tmp_path / "handout.pdf"
    assert (
        main(
            [
                "pdf",
                str(ARTICLE_PATH),
                "-o",
                str(out),
                "--paper",
                "a4",
                "--large-print",
                "--clinic",
                str(LONG_CLINIC_PATH),
            ]
        )
        == 0
    )
    assert out.read_bytes() == handout(ARTICLE_PATH, "a4", True, LONG_CLINIC_PATH)
    assert capsys.readouterr().out.startswith(f"wrote {out} (")


@pytest.mark.parametrize("bad", ["source", "clinic"])
def test_a_failed_build_leaves_the_earlier_output_untouched(tmp_path, capsys, bad):
    out = tmp_path / "handout.pdf"
    out.write_bytes(b"%PDF- an earlier good handout")
    broken = DATA / "bad" / "unknown-key.yaml"
    args = [str(broken)] if bad == "source" else [str(ARTICLE_PATH), "--clinic", str(broken)]
    assert main(["pdf", *args, "-o", str(out)]) == 2
    assert out.read_bytes() == b"%PDF- an earlier good handout"
    assert list(tmp_path.iterdir()) == [out]
    assert f"{broken}:" in capsys.readouterr().err


# --- golden --------------------------------------------------------------------------------


@pytest.mark.golden
def test_golden_text(golden):
    """The Letter handout's text page by page, as pypdf reads it: review line breaks in the diff."""
    reader = PdfReader(io.BytesIO(handout()))
    pages = [f"--- page {n} ---\n{page.extract_text().strip()}\n" for n, page in enumerate(reader.pages, 1)]
    golden("handout-letter.txt", "".join(pages))


def test_a_list_shorter_than_the_columns_it_could_fill(tmp_path):
    """Found by the property tests: one bare term alone in its list failed to lay out."""
    from tests.conftest import write_source

    path = write_source(
        tmp_path,
        "id: one\ntitle: One\nreviewed: 2026-01-02\nsections: [{id: s, title: Section, items: [{term: Lonely}]}]\n",
    )
    pdf = handout(path)
    glyphs(pdf, "One").find_all([text for _, text in reading_order(source(path), None, has_notes(pdf))])
