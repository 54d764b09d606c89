"""The bilingual handout: the original and its translation side by side, each row level, each
language's part tagged with its own /Lang, read part by part: the original, then its translation."""

from __future__ import annotations

import io
import shutil

import pdfplumber
import pytest

from legpain_docs import Article, load_article
from legpain_docs.cli import main
from legpain_docs.render.bilingual import render_bilingual
from legpain_docs.render.pdf.style import LARGE_PRINT
from legpain_docs.words import words_for

from tests.conftest import DATA
from tests.large_print import ink_in_top_margin, paragraph_gaps, paragraphs_of
from tests.render.pdf import test_tagged
from tests.render.pdf.test_tagged import kids_of, parse, squash, text_in_structure_order

PAIR = DATA / "pair"
ORIGINAL, TRANSLATION = PAIR / "leg-pain-en.yaml", PAIR / "leg-pain-es.yaml"
VARIANTS = [("letter", False), ("a4", False), ("letter", True), ("a4", True)]


def articles() -> tuple[Article, Article]:
    return load_article(ORIGINAL), load_article(TRANSLATION)


def render(paper: str = "letter", large: bool = False) -> bytes:
    original, translation = articles()
    return render_bilingual(original, translation, paper=paper, large_print=large, epoch=original.reviewed_epoch)


def parts_of(article: Article) -> list[list[str]]:
    """What each part says in one language: the opening, each section, the closing."""
    words = words_for(article.language)
    parts = [[article.title, *article.intro]]
    for section in article.sections:
        items = ["\u2022" + item.term + (": " + item.definition if item.definition else "") for item in section.items]
        parts.append([section.title, *section.intro, *items, *section.outro])
    closing = [words.summary, *article.outro] if article.outro else []
    return parts + [[*closing, words.disclaimer, words.reviewed.format(date=words.format_date(article.reviewed))]]


@pytest.fixture(scope="module", params=VARIANTS, ids=lambda v: f"{v[0]}-{'large' if v[1] else 'regular'}")
def pdf(request):
    data = render(*request.param)
    parsed = parse(data, articles()[0])
    parsed.data = data
    return parsed


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_large_print_leaves_an_inch_at_the_top_and_a_blank_line_between_paragraphs(paper):
    """As the large-print handout does (ACB 2022, APH), on each side of the pair."""
    data = render(paper, large=True)
    assert ink_in_top_margin(data) == []
    gaps = paragraph_gaps(data, paragraphs_of(articles()[0]) | paragraphs_of(articles()[1]), LARGE_PRINT.body[1])
    assert gaps, "no two paragraphs measured"
    assert [gap for gap in gaps if gap[1] < 1 - 1e-6] == []


def test_the_structure_reads_each_part_in_the_original_then_in_its_translation(pdf):
    original, translation = articles()
    document = pdf.pdf.Root.StructTreeRoot.K[0]
    sects = kids_of(document)
    assert str(pdf.pdf.Root.Lang) == "en"
    assert [str(sect.S) for sect in sects] == ["/Sect"] * len(sects)
    assert [str(sect.Lang) for sect in sects] == ["en", "es"] * (len(sects) // 2)
    expected = [part for pair in zip(parts_of(original), parts_of(translation)) for part in pair]
    read = [squash(text_in_structure_order(pdf, sect)[0]) for sect in sects]
    assert read == [squash("".join(part)) for part in expected]


def test_every_item_and_heading_sits_level_with_its_translation(pdf):
    original, translation = articles()
    pairs = [(original.title.split()[0], translation.title.split()[0])]
    for left, right in zip(original.sections, translation.sections):
        pairs.append((left.title, right.title))
        pairs += [(a.term, b.term) for a, b in zip(left.items, right.items)]
    sides = ([], [])  # each half of each page: (page, top, text) of every line
    with pdfplumber.open(io.BytesIO(pdf.data)) as plumber:
        for n, page in enumerate(plumber.pages):
            middle = page.width / 2
            page = page.filter(lambda thing: thing.get("tag") != "Artifact")  # the text alone, not the footer
            for side, box in enumerate(((0, 0, middle, page.height), (middle, 0, page.width, page.height))):
                sides[side].extend(
                    (n, round(line["top"], 1), line["text"].lstrip("• "))
                    for line in page.crop(box).extract_text_lines()
                )
    cursor = [0, 0]  # each piece is looked for after the one before, on its side

    def find(side: int, text: str) -> tuple:
        start = " ".join(text.split()[:2])  # a heading's first words: the rest may be on its next lines
        found = next(n for n in range(cursor[side], len(sides[side])) if sides[side][n][2].startswith(start))
        cursor[side] = found + 1
        return sides[side][found][:2]

    for left, right in pairs:
        a, b = find(0, left), find(1, right)
        assert a == b, f"{left!r} at {a}, {right!r} at {b}"


def test_the_tagging_holds_as_in_every_handout(pdf):
    test_tagged.test_parent_tree_maps_every_mcid_to_the_element_that_claims_it(pdf)
    test_tagged.test_every_visible_character_is_tagged_or_an_artifact(pdf)
    test_tagged.test_nothing_is_painted_outside_marked_content(pdf)
    test_tagged.test_fonts_are_embedded(pdf)


def test_one_title_names_both(pdf):
    original, translation = articles()
    assert str(pdf.pdf.docinfo.Title) == f"{original.title} / {translation.title}"
    with pdf.pdf.open_metadata() as xmp:
        assert xmp["dc:title"] == f"{original.title} / {translation.title}"


def test_two_builds_are_byte_identical():
    assert render() == render()


@pytest.fixture
def stale_pair(tmp_path):
    for path in PAIR.iterdir():
        shutil.copy(path, tmp_path / path.name)
    original = tmp_path / ORIGINAL.name
    original.write_text(original.read_text(encoding="utf-8").replace("heavy labor", "hard labor"), encoding="utf-8")
    return original, tmp_path / TRANSLATION.name


def test_a_stale_pair_is_refused_naming_the_stale_item(stale_pair, tmp_path, capsys):
    original, translation = stale_pair
    out = tmp_path / "out"
    assert main(["pdf", str(original), "--with", str(translation), "--out-dir", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    line = next(
        n
        for n, text in enumerate(translation.read_text(encoding="utf-8").splitlines(), 1)
        if "- term: Ocupaciones" in text
    )
    assert err[0] == (
        f"{translation}:{line}:15: error: the original item 'Occupations' changed since this translation: "
        f"update it, then run `legpain-docs translated {translation}`"
    )
    assert "--print-stale" in err[1] and not out.exists()
    assert main(["pdf", str(original), "--with", str(translation), "--out-dir", str(out), "--print-stale"]) == 0
    captured = capsys.readouterr()
    assert captured.err.startswith(f"{translation}:{line}:15: warning: the original item 'Occupations' changed")
    assert (out / "leg-pain-en-handout-es.pdf").exists()


def test_the_command_names_the_pair_by_the_translations_language(tmp_path, capsys):
    assert (
        main(
            [
                "pdf",
                str(ORIGINAL),
                "--with",
                str(TRANSLATION),
                "--out-dir",
                str(tmp_path),
                "--paper",
                "a4",
                "--large-print",
            ]
        )
        == 0
    )
    assert (tmp_path / "leg-pain-en-handout-es-a4-large.pdf").read_bytes() == render("a4", True)


def test_an_article_that_does_not_translate_the_other_is_refused(tmp_path, capsys):
    assert main(["pdf", str(ORIGINAL), "--with", str(DATA / "fr-leg-pain.yaml"), "--out-dir", str(tmp_path)]) == 2
    assert "is not a translation of 'leg-pain-en'" in capsys.readouterr().err
    assert main(["pdf", str(ORIGINAL), str(TRANSLATION), "--with", str(TRANSLATION), "--out-dir", str(tmp_path)]) == 2
    assert "give the original alone" in capsys.readouterr().err


# The web version: the same rows, each language's pieces marked with their `lang`.


def web_page() -> str:
    from legpain_docs.render.bilingual import render_bilingual_web

    return render_bilingual_web(*articles()).decode("utf-8")


def open_page(browser, width: int):
    # The page's own policy forbids any script; only axe, injected by the tests, needs it lifted.
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.route(
        "**/*",
        lambda route: (
            route.fulfill(body=web_page(), content_type="text/html; charset=utf-8")
            if route.request.url == "http://pair.test/"
            else route.abort()
        ),
    )
    page.goto("http://pair.test/")
    return context, page


@pytest.mark.parametrize("width", [375, 1280])
def test_the_web_page_passes_axe(browser, axe_source, width):
    from tests.render.web.test_web_browser import AXE_TAGS, readable

    context, page = open_page(browser, width)
    page.add_script_tag(content=axe_source)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    overflow = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert result["violations"] == [], "\n" + readable(result["violations"])
    assert overflow <= width


def test_the_web_page_sets_each_piece_level_with_its_translation_and_in_its_language(browser):
    original, translation = articles()
    context, page = open_page(browser, 1280)
    rows = page.evaluate("""[...document.querySelectorAll('.pair-row')].map(row => [...row.children].map(cell =>
        [cell.getAttribute('lang'), cell.textContent, Math.round(cell.getBoundingClientRect().top)]))""")
    title = page.evaluate("[...document.querySelectorAll('h1 span')].map(s => [s.lang, s.textContent])")
    context.close()
    assert title == [["en", original.title], ["es", translation.title]]
    for (left_lang, _, left_top), (right_lang, _, right_top) in rows:
        assert (left_lang, right_lang) == ("en", "es") and left_top == right_top
    pieces = [cell[1] for row in rows for cell in row]
    for a, b in zip(original.sections, translation.sections):
        assert a.title in pieces and b.title in pieces
        for x, y in zip(a.items, b.items):
            assert [x.term + (x.definition or ""), y.term + (y.definition or "")] in [[r[0][1], r[1][1]] for r in rows]


def test_html_with_writes_the_bilingual_page(tmp_path, capsys):
    assert main(["html", str(ORIGINAL), "--with", str(TRANSLATION), "--out-dir", str(tmp_path)]) == 0
    assert (tmp_path / "leg-pain-en-es.html").read_text(encoding="utf-8") == web_page()


def test_the_footer_counts_pages_in_both_languages(pdf):
    with pdfplumber.open(io.BytesIO(pdf.data)) as plumber:
        last = plumber.pages[-1].extract_text().splitlines()[-1]
        total = len(plumber.pages)
    assert last.endswith(f"Page {total} of {total} / Página {total} de {total}")


def test_a_paragraph_longer_than_a_page_is_refused_cleanly(tmp_path, capsys):
    for path in PAIR.iterdir():
        shutil.copy(path, tmp_path / path.name)
    original = tmp_path / ORIGINAL.name
    text = original.read_text(encoding="utf-8")
    assert "underlying cause.\n\nsections:" in text
    original.write_text(
        text.replace("underlying cause.\n\nsections:", "underlying cause." + " Again" * 3000 + "\n\nsections:"),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert (
        main(["pdf", str(original), "--with", str(tmp_path / TRANSLATION.name), "--out-dir", str(out), "--print-stale"])
        == 2
    )
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == (
        f"{original}:8:8: error: this text is longer than a page beside its translation in the "
        "bilingual handout: split it into paragraphs (a blank line starts a new one)"
    )
    assert not (out / "leg-pain-en-handout-es.pdf").exists()


def test_a_translation_too_long_to_sit_beside_its_original_is_refused_at_its_line(tmp_path, capsys):
    """Rows never split across pages: a title longer than a page in large print on A4 is named in
    the translation, at its line, not as 'a paragraph' of the original."""
    for path in PAIR.iterdir():
        shutil.copy(path, tmp_path / path.name)
    translation = tmp_path / TRANSLATION.name
    text = translation.read_text(encoding="utf-8")
    title = "title: Causas del dolor de pierna y de pie\n"
    assert title in text
    translation.write_text(
        text.replace(title, "title: " + "Causas muy largas del dolor " * 12 + "\n"), encoding="utf-8"
    )
    out = tmp_path / "out"
    assert (
        main(
            [
                "pdf",
                str(tmp_path / ORIGINAL.name),
                "--with",
                str(translation),
                "--out-dir",
                str(out),
                "--paper",
                "a4",
                "--large-print",
            ]
        )
        == 2
    )
    line = text.splitlines().index(title.strip()) + 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"{translation}:{line}:8: error: this text is longer than a page beside its translation in the bilingual "
        "handout: shorten it"
    )
    assert not out.exists() or not any(out.iterdir())
