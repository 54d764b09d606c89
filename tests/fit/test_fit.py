"""`check` knows what the renderers refuse: its font-metric bounds never pass what a renderer
refuses, each refusal has a fixture that `check` reports at its line:col as the build does,
and it measures without importing reportlab."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legpain_docs import Article, Clinic, ContentError, Item, Section
from legpain_docs.cards import cards_of
from legpain_docs.cli import main
from legpain_docs.fit import geometry, outputs
from legpain_docs.fit.lines import lines_at_most
from legpain_docs.fit.metrics import advances, text_width
from legpain_docs.fonts import coverage
from legpain_docs.load.walk import load_article
from legpain_docs.render.cards.faces import fit
from legpain_docs.render.cards.sheets import check_cards
from legpain_docs.render.handout.blocks import check_handout
from legpain_docs.render.pdf import style
from legpain_docs.render.pdf.document import BOLD, REGULAR, register_fonts

from tests.cli.test_check import expected_messages  # a fixture's `# expect: ` lines
from tests.conftest import ARTICLE_PATH, DATA, ROOT, write_source
from tests.test_properties import card_article  # articles of a few cards, some too long to print

FACES = {"regular": REGULAR, "bold": BOLD}
SHOWABLE = "".join(sorted(chr(c) for c in coverage() if unicodedata.category(chr(c))[0] in "LNPS"))


def test_the_sizes_check_measures_with_are_the_renderers():
    assert geometry.PAPER_SIZES == {paper: tuple(size) for paper, size in style.PAPER_SIZES.items()}
    for name in (
        "CARD_WIDTH",
        "CARD_HEIGHT",
        "CARD_PADDING",
        "CARD_TEXT_FLOOR",
        "CARD_LABEL_SIZE",
        "CARD_LEADING",
        "CARD_FIGURE_MIN_HEIGHT",
        "CARD_FIGURE_MIN_SIDE",
        "CARD_HEADER_GAP",
        "CARD_GUIDE_TITLE_SIZE",
        "CARD_GUIDE_TEXT_SIZE",
        "CARD_GUIDE_MARGIN",
        "CARD_GUIDE_LEADING",
        "HANDOUT_MARGIN",
        "HANDOUT_HEADER_SHARE",
        "HANDOUT_CLINIC_SPLIT",
        "HANDOUT_CLINIC_PADDING",
    ):
        assert getattr(geometry, name) == getattr(style, name), name
    for kind, size in (("regular", style.REGULAR_PRINT), ("large", style.LARGE_PRINT)):
        assert geometry.HANDOUT_TYPE[kind] == {
            "body": size.body,
            "heading": size.heading,
            "title": size.title,
            "clinic": size.clinic,
        }, kind
        assert geometry.HANDOUT_MEASURE[kind] == size.measure, kind
    assert (geometry.HANDOUT_TITLE_RULE, geometry.HANDOUT_AFTER_TITLE) == (
        style.HANDOUT_SPACE["title_rule"],
        style.HANDOUT_SPACE["after_title"],
    )


@pytest.mark.parametrize("face", ["regular", "bold"])
def test_widths_read_from_the_font_are_reportlabs(face):
    from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

    register_fonts()
    widths, _ = advances(face)
    assert len(widths) > 1000
    assert [chr(c) for c, width in widths.items() if width != getFont(FACES[face]).face.charWidths.get(c)] == []
    text = "".join(map(chr, widths))
    assert text_width(text, face, 12) == pytest.approx(stringWidth(text, FACES[face], 12), rel=1e-9)


def reportlab_lines(text: str, face: str, size: float, measure: float) -> int:
    from xml.sax.saxutils import escape

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    register_fonts()
    paragraph = Paragraph(escape(text), ParagraphStyle("p", fontName=FACES[face], fontSize=size, leading=size))
    paragraph.wrap(measure, 1e6)
    return len(paragraph.blPara.lines)


words = st.lists(st.text(alphabet=SHOWABLE, min_size=1, max_size=14), min_size=1, max_size=60).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(
    text=words,
    face=st.sampled_from(["regular", "bold"]),
    size=st.sampled_from([11, 12, 20, 25, 34]),
    measure=st.floats(80, 540),
)
def test_the_line_bound_is_never_below_reportlabs_count(text, face, size, measure):
    bound = lines_at_most(text, face, size, measure)
    if bound is not None:
        assert bound >= reportlab_lines(text, face, size, measure)


prose = st.lists(
    st.sampled_from(
        "pain leg foot nerve spine the of and narrowing sciatica Ménière's hyperextension W M 1234".split()
    ),
    min_size=1,
    max_size=140,
).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(term=prose, definition=prose, section=prose)
def test_a_card_the_bound_passes_is_one_the_cards_take(term, definition, section):
    article = Article(
        "a", "A", load_article(DATA / "mini.yaml").reviewed, (Section("s", section, (Item(term, definition),)),)
    )
    card = cards_of(article)[0]
    if outputs._card_fits(card):
        register_fonts()
        fit(card, "en_US")  # raises if the bound was wrong


clinics = st.builds(
    Clinic,
    name=prose,
    phone=prose,
    address=st.none() | prose,
    website=st.none() | prose.map(lambda text: "https://" + text.replace(" ", "/")),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=prose, clinic=st.none() | clinics, paper=st.sampled_from(["letter", "a4"]), large=st.booleans())
def test_a_header_the_bound_passes_is_one_the_handout_takes(title, clinic, paper, large):
    article = Article("a", title, load_article(DATA / "mini.yaml").reviewed, load_article(DATA / "mini.yaml").sections)
    if outputs._header_fits(article, clinic, paper, large):
        check_handout(article, paper=paper, large_print=large, clinic=clinic)  # raises if the bound was wrong


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_the_guide_has_room_for_the_longest_title_and_note_the_bound_lets_through(language):
    """GUIDE_TITLE_LINES of title and GUIDE_NOTE_LINES of note, filled to the last word, on both papers."""
    narrowest = min(paper[0] for paper in geometry.PAPER_SIZES.values()) - 2 * geometry.CARD_GUIDE_MARGIN

    def filled(size: float, lines: int, face: str) -> str:
        text = "Wm"
        while lines_at_most(text + " Wm", face, size, narrowest) <= lines:
            text += " Wm"
        return text

    title = filled(geometry.CARD_GUIDE_TITLE_SIZE, outputs.GUIDE_TITLE_LINES, "bold")
    note = filled(geometry.CARD_GUIDE_TEXT_SIZE, outputs.GUIDE_NOTE_LINES, "regular")
    base = load_article(DATA / "mini.yaml")
    from legpain_docs.model import Attribution

    article = Article(
        "a",
        title,
        base.reviewed,
        (Section("s", "S", tuple(Item(f"T{n}", "D.") for n in range(999))),),
        language=language,
        source=Attribution(note[len(title) :].strip() or "x", None),
    )
    assert outputs.guide_refusals(article) == []
    for paper in ("letter", "a4"):
        for flip in ("long", "short"):
            check_cards(article, paper=paper, flip=flip)


REFUSED = {  # each fixture of tests/data/refused/, and a command that refuses it as check does
    "refused-id-too-long": ["pdf", "--paper", "a4", "--large-print"],
    "refused-card-term": ["cards"],
    "refused-card-label": ["cards"],
    "refused-title": ["pdf"],
    "refused-title-large-print": ["pdf", "--large-print"],
    "refused-card-picture": ["cards"],
    "refused-card-picture-wide": ["cards"],
}


@pytest.mark.parametrize("name", REFUSED)
def test_what_check_reports_the_build_refuses_at_the_same_place(name, tmp_path, capsys):
    source = DATA / "refused" / f"{name}.yaml"
    assert main(["check", str(source), "-q"]) == 2
    reported = capsys.readouterr().err.splitlines()
    assert reported == expected_messages(source)
    assert main([REFUSED[name][0], str(source), "--out-dir", str(tmp_path), *REFUSED[name][1:]]) == 2
    refused = capsys.readouterr().err.splitlines()
    assert len(reported) == len(refused) == 1 and not list(tmp_path.iterdir())
    where = reported[0].split(": error: ")[0]
    assert where.count(":") == 2 and refused[0].startswith(where + ": error: "), (reported, refused)
    assert "handout" not in name or refused[0].split(": error: ")[1] in reported[0]


def test_a_clinic_too_long_for_a_handout_is_reported_at_the_clinic_file(tmp_path, capsys):
    clinic = write_source(
        tmp_path,
        "name: Riverside\nphone: 555-0100\naddress: " + " ".join(["Main Street"] * 300) + "\n",
        "riverside.clinic.yaml",
    )
    assert main(["check", str(ARTICLE_PATH), "-q", "--clinic", str(clinic)]) == 2
    assert capsys.readouterr().err.startswith(f"{clinic}:3:10: error: the clinic's address is too long for the handout")


def test_a_clinic_name_that_makes_a_file_name_too_long_is_reported_at_the_id(tmp_path, capsys):
    clinic = write_source(tmp_path, "name: Riverside\nphone: 555-0100\n", "r" * 240 + ".clinic.yaml")
    assert main(["check", str(ARTICLE_PATH), "-q", "--clinic", str(clinic)]) == 2
    assert capsys.readouterr().err.startswith(f"{ARTICLE_PATH}:10:5: error: the id is too long to name the outputs")


def test_check_measures_the_seed_without_importing_reportlab():
    code = (
        "import sys; from legpain_docs.cli import main; main(['check', '-q', sys.argv[1], '--clinic', sys.argv[2]]); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'genanki', 'pyphen')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(ARTICLE_PATH), str(ROOT / "source" / "example.clinic.yaml")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out == "[]\n"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["letter", "a4"]).flatmap(lambda paper: st.tuples(st.just(paper), card_article)))
def test_check_and_the_cards_agree_on_any_article(drawn):
    """What check passes, the cards render; what the cards refuse, check reports with the same words."""
    from legpain_docs.render.cards import render_cards

    paper, article = drawn
    reported = [str(err) for err, _ in outputs.refusals(article, {}) if "card" in str(err) or "guide" in str(err)]
    try:
        render_cards(article, paper=paper, epoch=article.reviewed_epoch)
    except ContentError as err:
        assert str(err).split(" (")[0] in " ".join(reported), (err, reported)
    else:
        assert reported == []


def test_every_refusal_fixture_is_tried():
    assert sorted(path.stem for path in (DATA / "refused").glob("*.yaml")) == sorted(REFUSED)


# --- a card's picture ---

PICTURE_ARTICLE = """\
id: mini
title: Mini Article
reviewed: 2026-01-02
sections:
  - id: one
    title: Section One
    items:
      - term: Sciatica
        definition: {definition}
        figure:
          file: picture.png
          alt: A blue rectangle.
"""


@pytest.mark.parametrize("size", [(120, 120), (120, 180), (100, 300), (60, 400), (400, 60), (400, 20)])
@pytest.mark.parametrize("words", [3, 25, 45, 60, 80, 140])
def test_check_and_the_cards_agree_on_a_card_with_a_picture(tmp_path, size, words):
    """A short or long definition with a square, tall, very tall, wide or banner picture: what check
    reports, the cards refuse at the same place; what check passes, the cards draw with the picture
    at least CARD_FIGURE_MIN_SIDE on its shorter side."""
    from PIL import Image

    from legpain_docs.render.cards import render_cards

    from tests.test_figures import figure_elements

    Image.new("RGB", size, (40, 90, 140)).save(tmp_path / "picture.png")
    definition = " ".join(["Pain along the sciatic nerve, from the lower back"] * 20).split()[:words]
    source = write_source(tmp_path, PICTURE_ARTICLE.format(definition=" ".join(definition) + "."))
    article = load_article(source)
    reported = [(str(err), err.field) for err, _ in outputs.refusals(article, {})]
    try:
        data = render_cards(article, epoch=article.reviewed_epoch)
    except ContentError as err:
        assert reported == [(str(err), err.field)]
        return
    assert reported == []
    ((_, (x0, y0, x1, y1), _),) = figure_elements(data)
    assert min(x1 - x0, y1 - y0) >= style.CARD_FIGURE_MIN_SIDE - 0.01


def test_a_long_definition_with_a_picture_is_reported_at_the_pictures_line(tmp_path, capsys):
    """The definition fits a card alone; with its picture at the least legible size, it does not."""
    from PIL import Image

    Image.new("RGB", (120, 180), (40, 90, 140)).save(tmp_path / "picture.png")
    definition = " ".join(["Pain along the sciatic nerve, from the lower back"] * 12).split()[:50]
    source = write_source(tmp_path, PICTURE_ARTICLE.format(definition=" ".join(definition) + "."))
    without = write_source(
        tmp_path,
        "\n".join(PICTURE_ARTICLE.format(definition=" ".join(definition) + ".").splitlines()[:9]) + "\n",
        "without.yaml",
    )
    assert main(["check", "-q", str(without)]) == 0  # alone, the definition fits
    assert main(["check", "-q", str(source)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"{source}:11:17: error: card 1 'Sciatica': the back cannot hold its picture beneath the definition"
    ), err
