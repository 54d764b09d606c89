"""The braille edition, read back by liblouis itself: every word of the article, in order, on
pages an embosser prints as they are."""

from __future__ import annotations

import re
import unicodedata

import pytest

from legpain_docs import load_article
from legpain_docs.cli import main
from legpain_docs.render.braille import PageFormat, louis, page_count, render_braille, render_emboss_guide
from legpain_docs.render.braille.blocks import article_blocks
from legpain_docs.render.braille.brf import from_ascii
from legpain_docs.render.braille.layout import HYPHEN
from legpain_docs.render.braille.tables import table_for
from legpain_docs.words import words_for

from tests.conftest import ARTICLE_PATH, DATA, write_source

SOURCES = [ARTICLE_PATH, DATA / "es-leg-pain.yaml", DATA / "fr-leg-pain.yaml"]


def pages_of(brf: bytes) -> list[list[str]]:
    text = brf.decode("ascii")
    assert text.endswith("\r\n\f")
    return [page.split("\r\n")[:-1] for page in text.split("\f")[:-1]]


def body_cells(brf: bytes) -> str:
    """Every page's lines but its number, as one run of braille; a word broken with a hyphen at a
    line's end joined again."""
    lines = [from_ascii(line).strip("\u2800") for page in pages_of(brf) for line in page[:-1]]
    return "\u2800".join(line for line in lines if line).replace(HYPHEN + "\u2800", "")


def letters(text: str) -> str:
    """The text's letters alone, case-folded: punctuation reads back ambiguously in some codes."""
    return "".join(char for char in unicodedata.normalize("NFC", text.casefold()) if char.isalpha())


def expected_text(article) -> list[str]:
    """What the braille must say, block by block: the article's text and its fixed words."""
    return [block.text for block in article_blocks(article, words_for(article.language))]


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.stem)
def test_the_braille_reads_back_as_the_article_in_order(source):
    article = load_article(source)
    brf = render_braille(article)
    table = table_for(article.language)
    back = letters(louis.back_translate(body_cells(brf), table))
    blocks = expected_text(article)
    without_url = [
        block for block in blocks if not (article.source and article.source.url and article.source.url in block)
    ]
    position = 0
    for block in without_url:  # each block's letters, in order, each after the one before
        found = back.find(letters(block), position)
        assert found >= 0, f"not read back (after letter {position}): {block!r}"
        position = found + len(letters(block))
    assert position >= len(back) - 80  # nothing but the source's line after the last block


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.stem)
def test_every_term_definition_heading_and_paragraph_is_in_the_braille(source):
    article = load_article(source)
    back = letters(louis.back_translate(body_cells(render_braille(article)), table_for(article.language)))
    texts = [article.title, *article.intro, *article.outro]
    for section in article.sections:
        texts += [section.title, *section.intro, *section.outro]
        texts += [part for item in section.items for part in (item.term, item.definition) if part]
    for text in texts:
        assert letters(text) in back, text


@pytest.mark.parametrize("page", [PageFormat(), PageFormat(cells=32, lines=28), PageFormat(cells=20, lines=10)])
def test_lines_and_pages_keep_to_the_page_format(article, page):
    brf = render_braille(article, page)
    pages = pages_of(brf)
    assert len(pages) == page_count(brf) > 1
    for number, lines in enumerate(pages, start=1):
        assert len(lines) == page.lines
        assert all(len(line) <= page.cells for line in lines)
        label = from_ascii(lines[-1].strip())
        assert lines[-1].endswith(lines[-1].strip()) and len(lines[-1]) == page.cells
        assert louis.back_translate(label, "en-ueb-g2.ctb") == str(number)


def test_the_title_is_centred_and_headings_start_in_cell_5(article):
    lines = pages_of(render_braille(article))[0]
    title = lines[0]
    assert 0 < len(title) - len(title.lstrip()) and abs((len(title) - len(title.lstrip())) - (40 - len(title))) <= 1
    assert lines[1] == ""  # a blank line under the title
    assert (
        lines[2].startswith("  ,") and lines[3][0] != " "
    )  # 3-1: the intro's first line in cell 3, the next in cell 1
    heading = louis.translate(article.sections[0].title, "en-ueb-g2.ctb")
    first_word = heading.split("\u2800")[0]
    headings = [
        line
        for page in pages_of(render_braille(article))
        for line in page
        if from_ascii(line.strip()).startswith(first_word) and line.startswith("    ")
    ]
    assert headings


def test_each_item_is_a_line_of_its_own_with_its_term_first(article):
    brf = render_braille(article)
    starts = [from_ascii(line) for page in pages_of(brf) for line in page if line and not line.startswith(" ")]
    for section in article.sections:
        for item in section.items:
            term = louis.translate(item.term, "en-ueb-g2.ctb").split("\u2800")[0]
            assert any(start.startswith(term) for start in starts), item.term


def test_no_print_only_furniture(article):
    back = louis.back_translate(body_cells(render_braille(article)), "en-ueb-g2.ctb").casefold()
    for print_only in ("notes", "scan to read", "page 1 of"):
        assert print_only not in back


@pytest.mark.parametrize(
    "source, words",
    [
        (DATA / "es-leg-pain.yaml", "Este folleto no sustituye"),
        (DATA / "fr-leg-pain.yaml", "Ce document ne remplace pas"),
    ],
)
def test_spanish_and_french_use_their_own_tables_and_fixed_words(source, words):
    article = load_article(source)
    brf = render_braille(article)
    assert table_for(article.language) != "en-ueb-g2.ctb"
    back = letters(louis.back_translate(body_cells(brf), table_for(article.language)))
    assert letters(words_for(article.language).disclaimer) in back
    assert letters(words) in letters(words_for(article.language).disclaimer)
    assert brf != render_braille(article.__class__(**{**article.__dict__, "language": "en"}))


def test_two_builds_are_byte_identical(article):
    assert render_braille(article) == render_braille(article)


HOSTILE = """id: hostile
title: Pneumonoultramicroscopicsilicovolcanoconiosisandmoreletters pain
language: {language}
reviewed: 2026-11-23
source: {{name: Example, url: "https://example.org/a/very/long/path/that/goes/on/and/on/and/on/index.html"}}
intro: "Take 2 tablets at 08:30, 1,250 mg in all, 3 times a day for 14 days."
sections:
  - id: one
    title: One
    items:
      - term: {term}
        definition: Supercalifragilisticexpialidociouslylongwordthatneverendsatall.
"""


def test_long_words_digits_and_urls_wrap_within_the_line(tmp_path):
    source = write_source(tmp_path, HOSTILE.format(language="en", term="Hip"))
    brf = render_braille(load_article(source))
    assert all(len(line) <= 40 for page in pages_of(brf) for line in page)
    back = louis.back_translate(body_cells(brf), "en-ueb-g2.ctb")
    assert "Supercalifragilisticexpialidociouslylongwordthatneverendsatall" in back
    for digits in ("2", "08", "30", "1,250", "14"):
        assert digits in back
    assert "example.org/a/very/long/path" in back


def test_a_character_the_table_lacks_is_refused_at_its_place(tmp_path, capsys):
    source = write_source(tmp_path, HOSTILE.format(language="es", term="Cadera (hanche, à gauche)"))
    out = tmp_path / "out"
    assert main(["braille", str(source), "--out-dir", str(out)]) == 2
    err = capsys.readouterr().err
    assert re.search(
        rf"^{re.escape(str(source))}:11:15: error: braille \(es-g1.ctb\) has no cell for U\+00E0", err, re.M
    ), err
    assert "Traceback" not in err
    assert not out.exists() or not any(out.iterdir())


def test_the_command_writes_the_brf_and_its_guide(tmp_path, capsys):
    assert main(["braille", str(ARTICLE_PATH), "--out-dir", str(tmp_path), "--cells", "32", "--lines", "28"]) == 0
    brf = (tmp_path / "leg-foot-pain-32x28.brf").read_bytes()
    guide = (tmp_path / "leg-foot-pain-32x28-emboss.txt").read_text(encoding="utf-8")
    assert "32 cells per line and 28 lines per page" in guide
    assert f"{page_count(brf)} braille pages" in guide and "leg-foot-pain-32x28.brf" in guide


@pytest.mark.parametrize("flag, value", [("--cells", "12"), ("--lines", "x"), ("--cells", "61")])
def test_a_page_format_no_embosser_has_is_refused(tmp_path, capsys, flag, value):
    with pytest.raises(SystemExit) as exit:
        main(["braille", str(ARTICLE_PATH), "--out-dir", str(tmp_path), flag, value])
    assert exit.value.code == 2 and "must be a whole number" in capsys.readouterr().err


def test_the_guide_is_in_the_articles_language(tmp_path):
    article = load_article(DATA / "es-leg-pain.yaml")
    guide = render_emboss_guide(article, "x.brf", 3).decode("utf-8")
    assert "3 páginas braille" in guide and "40 celdas por línea y 25 líneas" in guide


def test_check_warns_of_what_the_braille_would_refuse_and_strict_makes_it_an_error(tmp_path, capsys):
    source = write_source(tmp_path, HOSTILE.format(language="es", term="Cadera (hanche, à gauche)"))
    assert main(["check", "-q", str(source)]) == 0
    assert capsys.readouterr().err.startswith(f"{source}:11:15: warning: braille (es-g1.ctb) has no cell for U+00E0")
    assert main(["check", "-q", "--strict", str(source)]) == 2
    assert f"{source}:11:15: error: braille (es-g1.ctb) has no cell for U+00E0" in capsys.readouterr().err
    assert main(["check", "-q", str(DATA / "es-leg-pain.yaml"), str(ARTICLE_PATH)]) == 0
    assert capsys.readouterr().err == ""


# --- figures: the description in place of the picture ---

FIGURES = DATA / "figures" / "figures.yaml"


# The figures test article's text in Spanish and French (a contracted code reads back its own language only).
TRANSLATED = {
    "es": {
        "A short article that shows where its pictures go.": "Un artículo corto que muestra dónde van sus imágenes.",
        "A teal box crossed by a red line across its middle.": "Una caja verde cruzada por una línea roja en el medio.",
        "The box and its line.": "La caja y su línea.",
        "Parts of the Leg": "Partes de la pierna",
        "The parts below are marked on the drawing.": "Las partes de abajo están marcadas en el dibujo.",
        "An outline of a leg from hip to foot, with a red line down its middle.": "El contorno de una pierna de la cadera al pie, con una línea roja en el medio.",
        "The hip, the knee and the foot.": "La cadera, la rodilla y el pie.",
        "Drawing made for this test, CC0.": "Dibujo hecho para esta prueba, CC0.",
        "term: Hip": "term: Cadera",
        "term: Knee": "term: Rodilla",
        "term: Foot": "term: Pie",
        "The joint in the middle of the leg.": "La articulación del medio de la pierna.",
        "A yellow circle on a blue and green background.": "Un círculo amarillo sobre un fondo azul y verde.",
    },
    "fr": {
        "A short article that shows where its pictures go.": "Un court article qui montre où vont ses images.",
        "A teal box crossed by a red line across its middle.": "Une boîte bleue barrée d’une ligne rouge au milieu.",
        "The box and its line.": "La boîte et sa ligne.",
        "Parts of the Leg": "Les parties de la jambe",
        "The parts below are marked on the drawing.": "Les parties ci-dessous sont marquées sur le dessin.",
        "An outline of a leg from hip to foot, with a red line down its middle.": "Le contour d’une jambe de la hanche au pied, avec une ligne rouge au milieu.",
        "The hip, the knee and the foot.": "La hanche, le genou et le pied.",
        "Drawing made for this test, CC0.": "Dessin fait pour ce test, libre de droits.",
        "term: Hip": "term: Hanche",
        "term: Knee": "term: Genou",
        "term: Foot": "term: Pied",
        "The joint in the middle of the leg.": "L’articulation du milieu de la jambe.",
        "A yellow circle on a blue and green background.": "Un cercle jaune sur un fond bleu et vert.",
    },
}


def figures_in(tmp_path, language: str):
    """The figures test article (three figures) in `language`."""
    import shutil

    for path in FIGURES.parent.iterdir():
        shutil.copy(path, tmp_path / path.name)
    text = FIGURES.read_text(encoding="utf-8").replace("reviewed:", f"language: {language}\nreviewed:", 1)
    for english, translated in TRANSLATED.get(language, {}).items():
        assert english in text
        text = text.replace(english, translated)
    source = tmp_path / "figures.yaml"
    source.write_text(text, encoding="utf-8")
    return load_article(source)


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_each_figure_is_described_where_it_stands_with_its_alt_text_caption_and_credit(tmp_path, language):
    article = figures_in(tmp_path, language)
    words = words_for(language)
    brf = render_braille(article)
    assert brf == render_braille(article)
    back = letters(louis.back_translate(body_cells(brf), table_for(language)))
    (figure, drawing), photo = (article.figure, article.sections[0].figure), article.sections[0].items[1].figure
    label = words.braille_picture.split("{")[0]
    # Reading order: the article's figure after its introduction, the section's after the section's
    # introduction, the item's after its item, each alt text whole after the word "Picture".
    order = [
        article.intro[0],
        label + figure.alt,
        figure.caption,
        article.sections[0].title,
        article.sections[0].intro[0],
        label + drawing.alt,
        words.braille_caption.split("{")[0] + drawing.caption,
        words.braille_credit.split("{")[0] + drawing.credit,
        *(item.term for item in article.sections[0].items[:2]),
        article.sections[0].items[1].definition,
        label + photo.alt,
        article.sections[0].items[2].term,
    ]
    position = 0
    for text in order:
        found = back.find(letters(text), position)
        assert found >= 0, f"not read back in order: {text!r}"
        position = found + len(letters(text))


def test_a_description_is_a_transcribers_note_in_cells_7_and_5_inside_uebs_indicators(tmp_path):
    article = figures_in(tmp_path, "en")
    lines = [line for page in pages_of(render_braille(article)) for line in page]
    opening = [n for n, line in enumerate(lines) if line.lstrip().startswith("@.<")]
    assert len(opening) == 3  # one note per figure
    for n in opening:
        assert lines[n].startswith(" " * 6 + "@.<")  # cell 7
        end = next(m for m in range(n, len(lines)) if lines[m].endswith("@.>"))
        assert all(line.startswith(" " * 4) and line[4] != " " for line in lines[n + 1 : end + 1])  # runovers in cell 5
    note = from_ascii(lines[opening[0]].strip())
    assert louis.back_translate(note, "en-ueb-g2.ctb").startswith("Picture: A teal box")


def test_an_article_without_figures_has_no_note(article):
    assert "@.<" not in render_braille(article).decode("ascii")


def test_a_character_the_table_lacks_in_an_alt_text_is_refused_at_the_alt(tmp_path, capsys):
    article = figures_in(tmp_path, "es")
    source = tmp_path / "figures.yaml"
    text = source.read_text(encoding="utf-8").replace("Un círculo amarillo", "Un círculo amarillo (à gauche)")
    source.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "à gauche" in row)
    assert main(["braille", str(source), "--out-dir", str(tmp_path / "out")]) == 2
    assert re.search(
        rf"^{re.escape(str(source))}:{line}:\d+: error: braille \(es-g1.ctb\) has no cell for U\+00E0",
        capsys.readouterr().err,
        re.M,
    )
    assert article.sections[0].items[1].figure.alt.startswith("Un círculo amarillo")


def test_a_guide_that_cannot_be_written_is_refused_before_the_braille_is_written(tmp_path, capsys):
    """The guide's path was never checked: the .brf was written, then the guide failed on a folder in its place."""
    out = tmp_path / "out"
    (out / "leg-foot-pain-emboss.txt").mkdir(parents=True)
    assert main(["braille", str(ARTICLE_PATH), "--out-dir", str(out)]) == 2
    assert capsys.readouterr().err == f"{out / 'leg-foot-pain-emboss.txt'}: error: cannot write: is a directory\n"
    assert sorted(p.name for p in out.iterdir()) == ["leg-foot-pain-emboss.txt"]


def test_a_guide_is_never_written_over_a_source(tmp_path, capsys):
    source = tmp_path / "notes-emboss.txt"  # an article, whatever its name
    source.write_bytes(ARTICLE_PATH.read_bytes())
    assert main(["braille", str(source), "-o", str(tmp_path / "notes")]) == 2
    assert "is the input file" in capsys.readouterr().err
    assert source.read_bytes() == ARTICLE_PATH.read_bytes() and not (tmp_path / "notes").exists()
