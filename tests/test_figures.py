"""Figures in the outputs: each picture where it belongs, tagged with its alt text and box, nothing overlapping.

The test article has three figures: a PNG after the introduction, a vector SVG with labelled
parts after a section's introduction, and a JPEG photo on an item.
"""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path

import pdfplumber
import pikepdf
import pypdfium2
import pytest

from legpain_docs import load_article
from legpain_docs.render.deck import build_deck
from legpain_docs.render.handout import render_handout

from tests.conftest import ARTICLE_PATH, DATA

FIGURES = DATA / "figures" / "figures.yaml"
# The colour at the middle of each picture: the diagram's red line, the drawing's red nerve, the photo's sun.
MIDDLE = [(192, 57, 43), (192, 57, 43), (230, 200, 80)]


@functools.cache
def article():
    return load_article(FIGURES)


@functools.cache
def handout(large: bool) -> bytes:
    return render_handout(article(), large_print=large, epoch=article().reviewed_epoch)


def figure_elements(data: bytes) -> list[tuple[str, list[float], int]]:
    """(alt, box, page index) of each Figure in the structure tree, in reading order."""
    pdf = pikepdf.open(io.BytesIO(data))
    pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
    found = []

    def walk(element) -> None:
        if str(element.get("/S")) == "/Figure" and "/A" in element:
            found.append((str(element.Alt), [float(v) for v in element.A.BBox], pages[element.Pg.objgen]))
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


@pytest.mark.parametrize("large", [False, True], ids=["regular", "large"])
def test_each_figure_is_tagged_in_order_with_its_alt_text_and_box(large):
    figures = figure_elements(handout(large))
    assert [alt for alt, _, _ in figures] == [figure.alt for figure in article().figures]
    for (_, (x0, y0, x1, y1), _), figure in zip(figures, article().figures):
        assert x1 > x0 and y1 > y0
        assert (y1 - y0) / (x1 - x0) == pytest.approx(figure.file.aspect, rel=0.01)  # never stretched


@pytest.mark.parametrize("large", [False, True], ids=["regular", "large"])
def test_each_picture_is_drawn_in_its_box_and_overlaps_no_text(large):
    data = handout(large)
    document = pypdfium2.PdfDocument(data)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for (_, (x0, y0, x1, y1), page), colour in zip(figure_elements(data), MIDDLE):
            height = pdf.pages[page].height
            words = pdf.pages[page].extract_words()
            overlapping = [
                w["text"]
                for w in words
                if w["x0"] < x1 and w["x1"] > x0 and height - w["bottom"] < y1 and height - w["top"] > y0
            ]
            assert overlapping == [], overlapping
            image = document[page].render(scale=1).to_pil().convert("RGB")
            middle = image.getpixel((round((x0 + x1) / 2), round(height - (y0 + y1) / 2)))
            assert all(abs(a - b) < 40 for a, b in zip(middle, colour)), (middle, colour)
            assert x1 <= pdf.pages[page].width - 0.5 * 72 + 0.01  # inside the margin


def test_large_print_scales_a_picture_up_to_its_own_wider_column():
    regular, large = (figure_elements(handout(flag))[0][1] for flag in (False, True))
    assert large[2] - large[0] > 1.5 * (regular[2] - regular[0])


def test_the_handout_with_figures_is_byte_reproducible():
    again = render_handout(load_article(FIGURES), large_print=False, epoch=article().reviewed_epoch)
    assert again == handout(False)


def test_the_svg_stays_vector_and_the_photo_keeps_its_jpeg():
    pdf = pikepdf.open(io.BytesIO(handout(False)))
    images = [image for page in pdf.pages for image in page.get_images().values()]
    filters = sorted(str(image.get("/Filter")) for image in images)
    assert len(images) == 2  # the PNG and the photo; the drawing is paths
    assert "/DCTDecode" in filters[0] and "/FlateDecode" in filters[1]


def test_an_article_without_figures_is_unchanged_by_them():
    """The seed article names no Figure but its QR code's, and no image at all."""
    seed = load_article(ARTICLE_PATH)
    data = render_handout(seed, epoch=seed.reviewed_epoch)
    assert figure_elements(data) == []


# --- the deck, in Anki's own engine ---


def _photo(colour: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (30, 20), colour).save(out, "PNG")
    return out.getvalue()


def _with_figure(file: str) -> str:
    from tests.deck_student import article_text

    return article_text(
        [
            (
                "one",
                [
                    (
                        "Alpha",
                        "The first letter.",
                        None,
                        "figure:",
                        f"  file: {file}",
                        "  alt: A small coloured rectangle.",
                    ),
                    ("Beta", "The second letter."),
                ],
            )
        ]
    )


def test_anki_shows_each_picture_on_its_cards(student):
    from legpain_docs.render.deck import build_deck
    from legpain_docs.render.deck.media import media_name

    deck = build_deck(article(), epoch=article().reviewed_epoch)
    assert deck == build_deck(article(), epoch=article().reviewed_epoch)
    student.import_deck(deck)
    media = Path(student.col.media.dir())
    drawing, photo = article().sections[0].figure, article().sections[0].items[1].figure
    for figure in (drawing, photo):
        assert (media / media_name(figure.file)).read_bytes() == figure.file.data
    for card in student.cards():
        kind = card.note().note_type()["name"].split()[-1]
        if kind == "occlusion":  # the drawing's parts, each hidden on a card of its own: tested below
            continue
        term = card.note()["Term"]
        question, answer = card.question(), card.answer()
        shows = {figure.alt for figure in (drawing, photo) if f'alt="{figure.alt}"' in answer}
        if kind == "list":  # the section's drawing with its list
            assert shows == {drawing.alt} and f'src="{media_name(drawing.file)}"' in answer
        elif term == "Knee":  # the item's photo on the back, never on the front
            assert shows == {photo.alt} and photo.alt not in question
        else:
            assert shows == set()


def test_a_changed_picture_updates_the_note_and_keeps_its_history(tmp_path, student):
    from tests.deck_student import Editor

    editor = Editor(tmp_path)
    (tmp_path / "alpha.png").write_bytes(_photo("red"))
    _, first, deck = editor.build(_with_figure("alpha.png"))
    student.import_deck(deck)
    histories = student.study_everything()
    _, unchanged, again = editor.build(_with_figure("alpha.png"))
    assert [e.mod for e in unchanged.entries] == [e.mod for e in first.entries]  # same picture: nothing to update
    (tmp_path / "alpha.png").write_bytes(_photo("blue"))
    _, second, deck = editor.build(_with_figure("alpha.png"))
    changed = {e.note.key for e, before in zip(second.entries, first.entries) if e.mod != before.mod}
    assert changed == {"alpha"}
    log = student.import_deck(deck)
    assert (len(log.new), len(log.updated)) == (0, 2)  # the term and the reverse note of Alpha
    for card in student.cards():
        assert card.ivl == histories[card.id]
    alpha = [
        card for card in student.cards() if card.note()["Term"] == "Alpha" and "term" in card.note().note_type()["name"]
    ]
    (name,) = re.findall(r'src="([^"]+)"', alpha[0].answer())
    from PIL import Image

    with Image.open(Path(student.col.media.dir()) / name) as image:
        assert image.convert("RGB").getpixel((0, 0)) == (0, 0, 255)


# --- the printable cards ---


def test_a_cards_picture_is_on_its_back_inside_the_card_and_tagged():
    from legpain_docs.render.cards import render_cards
    from legpain_docs.render.cards.faces import behind, slots
    from legpain_docs.render.pdf import style

    data = render_cards(article(), epoch=article().reviewed_epoch)
    assert data == render_cards(article(), epoch=article().reviewed_epoch)
    photo = article().sections[0].items[1].figure
    (figure,) = figure_elements(data)
    alt, (x0, y0, x1, y1), page = figure
    assert (alt, page) == (photo.alt, 3)  # guide, its blank back, the fronts, then the backs
    card = behind(slots(style.PAPER_SIZES["letter"])[1], style.PAPER_SIZES["letter"], "long")  # card 2's back
    assert card.x < x0 < x1 < card.x + card.width and card.y < y0 < y1 < card.y + card.height
    image = pypdfium2.PdfDocument(data)[page].render(scale=1).to_pil().convert("RGB")
    height = image.height
    middle = image.getpixel((round((x0 + x1) / 2), round(height - (y0 + y1) / 2)))
    assert all(abs(a - b) < 40 for a, b in zip(middle, MIDDLE[2])), middle
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        words = pdf.pages[page].extract_words()
    assert not [
        w for w in words if w["x0"] < x1 and w["x1"] > x0 and height - w["bottom"] < y1 and height - w["top"] > y0
    ]


# --- make ---


def test_the_build_redoes_an_articles_outputs_when_a_picture_beside_it_changes(tmp_path):
    """Content, not time, as for a source: a touched picture rebuilds nothing, a changed one its articles'."""
    import os
    import shutil
    import subprocess
    import sys

    from tests.conftest import ROOT

    source, out = tmp_path / "source", tmp_path / "output"
    shutil.copytree(FIGURES.parent, source)
    (tmp_path / "other").mkdir()
    shutil.copy(DATA / "mini.yaml", tmp_path / "other" / "mini.yaml")  # beside no picture: never rebuilt for one
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1790000000"}

    def build(*sources: Path) -> list[str]:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "legpain_docs",
                "build",
                "--source-dir",
                str(source),
                "--out-dir",
                str(out),
                "--",
                *map(str, sources),
            ],
            capture_output=True,
            env=environment,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        return sorted(Path(line.split()[1]).name for line in result.stdout.splitlines() if line.startswith("wrote "))

    both = (source / "figures.yaml", tmp_path / "other" / "mini.yaml")
    assert "figures-handout.pdf" in build(*both)
    assert build(*both) == []
    os.utime(source / "photo.jpg")  # touched: the same bytes
    assert build(*both) == []
    from PIL import Image

    out_photo = io.BytesIO()
    Image.new("RGB", (30, 50), "green").save(out_photo, "JPEG")
    (source / "photo.jpg").write_bytes(out_photo.getvalue())
    rebuilt = build(*both)
    assert rebuilt and all(name.startswith("figures") for name in rebuilt)
    assert {"figures-handout.pdf", "figures.html", "figures-cards.pdf", "figures.apkg"} <= set(rebuilt)


@pytest.mark.parametrize("large", [False, True], ids=["regular", "large"])
def test_a_caption_longer_than_a_column_follows_its_picture_across_columns(tmp_path, large):
    import shutil

    from tests.render.pdf.test_tagged import parse, read_in_order, squash

    for path in FIGURES.parent.iterdir():
        shutil.copy(path, tmp_path / path.name)
    caption = "The hip, the knee and the foot are parts of the leg. " * 300
    source = tmp_path / "figures.yaml"
    source.write_text(FIGURES.read_text().replace("caption: The hip, the knee and the foot.", f"caption: {caption}"))
    long = load_article(source)
    parsed = parse(render_handout(long, large_print=large, epoch=long.reviewed_epoch), long)
    assert squash(caption) in [squash(text) for text in read_in_order(parsed)]
    assert [
        alt for alt, _, _ in figure_elements(render_handout(long, large_print=large, epoch=long.reviewed_epoch))
    ] == [figure.alt for figure in long.figures]


# --- image occlusion ---

LEG = (FIGURES.parent / "leg.svg").read_text()


def _with_drawing() -> str:
    """A source whose item Alpha shows leg.svg, the drawing beside it."""
    from tests.deck_student import article_text

    return article_text(
        [
            (
                "one",
                [
                    (
                        "Alpha",
                        "The first letter.",
                        None,
                        "figure:",
                        "  file: leg.svg",
                        "  alt: An outline of a leg with its joints marked.",
                    ),
                    ("Beta", "The second letter."),
                ],
            )
        ]
    )


def test_each_labelled_part_is_an_occlusion_card_hiding_that_part_alone(student):
    deck = build_deck(article(), epoch=article().reviewed_epoch)
    student.import_deck(deck)
    parts = article().sections[0].figure.file.parts
    cards = [card for card in student.cards() if "occlusion" in card.note().note_type()["name"]]
    assert [card.note()["Back Extra"] for card in cards] == [part.label for part in parts]
    assert all(card.note().note_type()["originalStockKind"] == 6 for card in cards)  # Anki's own kind
    for card, part in zip(cards, parts):
        mask = _mask(card.question())  # one mask: this part, in its own shape
        left, top, width, height = part.box
        if part.shape == "ellipse":  # the knee
            assert (mask["shape"], *map(float, (mask["left"], mask["top"], mask["rx"], mask["ry"]))) == (
                "ellipse",
                left,
                top,
                round(width / 2, 4),
                round(height / 2, 4),
            )
        else:
            assert (mask["shape"], *map(float, (mask["left"], mask["top"], mask["width"], mask["height"]))) == (
                "rect",
                *part.box,
            )
        assert part.label not in re.sub(r"<[^>]+>", " ", card.question().split("image-occlusion-container")[0])
        assert f"<div>{part.label}</div>" in card.answer()


def test_moving_or_relabelling_a_part_keeps_its_cards_history_and_removing_it_retires_it(tmp_path, student):
    from tests.deck_student import Editor

    editor = Editor(tmp_path)
    (tmp_path / "leg.svg").write_text(LEG)
    _, first, deck = editor.build(_with_drawing())
    student.import_deck(deck)
    histories = student.study_everything()
    moved = LEG.replace('data-label="Knee" cx="100" cy="160"', 'data-label="Kneecap" cx="100" cy="150"')
    (tmp_path / "leg.svg").write_text(moved)
    _, second, deck = editor.build(_with_drawing())
    changed = sorted(e.note.key for e, before in zip(second.entries, first.entries) if e.mod != before.mod)
    # The drawing's new bytes reach every note that shows it; the knee's note changes its mask and label too.
    assert "item:alpha#knee" in changed
    log = student.import_deck(deck)
    assert len(log.new) == 0
    assert all(card.ivl == histories[card.id] for card in student.cards())
    knee = [
        c
        for c in student.cards()
        if "occlusion" in c.note().note_type()["name"] and c.note()["Back Extra"] == "Kneecap"
    ]
    assert len(knee) == 1 and 'data-top="0.4333"' in knee[0].question()
    (tmp_path / "leg.svg").write_text(moved.replace('<rect id="foot" data-label="Foot"', "<rect"))
    _, third, _ = editor.build(_with_drawing())
    retired = [e.note.key for e in third.entries if e.retired]
    assert retired == ["item:alpha#foot"]
    assert any("labelled part 'Foot'" in note for note in third.notes)


def test_a_deck_without_labelled_drawings_has_no_occlusion_note_type():
    from legpain_docs.render.deck import publish
    from legpain_docs.render.deck.record import Published

    seed = load_article(ARTICLE_PATH)
    names = [nt.name for nt, _ in publish(seed, Published(), epoch=seed.reviewed_epoch).note_types]
    assert names == ["legpain-docs term", "legpain-docs reverse", "legpain-docs list"]


def test_the_new_card_order_keeps_every_note_occlusions_last():
    """The deck's new-card plan places the occlusion notes too, after the list, term and reverse cards."""
    from legpain_docs.render.deck.notes import notes_of
    from legpain_docs.render.deck.order import plan

    notes = notes_of(article())
    planned = plan(notes)
    assert sorted(n.guid for n in planned) == sorted(n.guid for n in notes)
    kinds = [n.kind for n in planned]
    assert "occlusion" in kinds and kinds[kinds.index("occlusion") :] == ["occlusion"] * kinds.count("occlusion")


def test_a_sentence_item_keeps_its_picture(tmp_path):
    """An item written as the article's sentence shows its picture on its card's back, in the deck and on the page."""
    import shutil

    from legpain_docs.cards import cards_of
    from legpain_docs.render.deck.notes import notes_of
    from legpain_docs.render.web.page import render_web

    for name in ("diagram.png", "leg.svg", "photo.jpg"):
        shutil.copy(FIGURES.parent / name, tmp_path / name)
    source = tmp_path / "figures.yaml"
    source.write_text(
        FIGURES.read_text(encoding="utf-8").replace(
            "definition: The joint in the middle of the leg.", "sentence: Knee, such as the left one or the right one."
        ),
        encoding="utf-8",
    )
    sentence = load_article(source)
    knee = [n for n in notes_of(sentence) if n.kind == "term" and n.term == "Knee"][0]
    assert knee.fields[1].startswith("Knee, such as") and "<img" in knee.fields[1] and knee.media
    assert [(c.back, c.figure is not None) for c in cards_of(sentence) if c.term == "Knee"] == [("sentence", True)]
    assert "A yellow circle on a blue and green background." in render_web(sentence).decode("utf-8")


# --- each mask in its part's own shape ---

SHAPES = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="-50 -50 200 100" width="400" height="200">
  <rect id="plain" data-label="Plain" x="-40" y="-40" width="20" height="10"/>
  <g transform="translate(10 5) scale(2 1)"><rect id="moved" data-label="Moved" x="-20" y="-40" width="10" height="10"/></g>
  <rect id="turned" data-label="Turned" x="0" y="-40" width="20" height="20" transform="rotate(45 10 -30)"/>
  <circle id="round" data-label="Round" cx="60" cy="-20" r="10"/>
  <g transform="matrix(1 0 0 -1 0 0)"><ellipse id="mirrored" data-label="Mirrored" cx="100" cy="20" rx="20" ry="10"/></g>
  <ellipse id="tilted" data-label="Tilted" cx="-20" cy="20" rx="20" ry="10" transform="rotate(30 -20 20)"/>
  <g transform="translate(0,10)"><polygon id="wedge" data-label="Wedge" points="20,10 40,30 0,30"/></g>
  <path id="bean" data-label="Bean" d="M 60 20 C 60 0, 90 0, 90 20 S 60 40, 60 20 Z"/>
  <path id="arch" data-label="Arch" d="M100 40 a 20 20 0 0 1 40 0 z"/>
</svg>"""


def _occlusion_cards(tmp_path, student, drawing: str) -> dict[str, str]:
    """Each occlusion card's label and question, from a deck whose item Alpha shows `drawing`."""
    from tests.deck_student import Editor

    (tmp_path / "leg.svg").write_text(drawing)
    _, _, deck = Editor(tmp_path).build(_with_drawing())
    student.import_deck(deck)
    return {
        card.note()["Back Extra"]: card.question()
        for card in student.cards()
        if "occlusion" in card.note().note_type()["name"]
    }


def _mask(question: str) -> dict[str, str]:
    """The one active mask Anki's engine renders on a card: its data- attributes."""
    (found,) = re.findall(r'<div class="cloze" data-ordinal="1" ([^>]*)>', question)
    return dict(re.findall(r'data-([a-z]+)="([^"]*)"', found))


def test_each_part_is_hidden_by_a_mask_of_its_own_shape_in_anki(tmp_path, student):
    """Rectangles and ellipses moved or scaled stay themselves; turned, they become polygons;
    a polygon keeps its corners; a path is hidden by its box, curves and arcs included."""
    cards = _occlusion_cards(tmp_path, student, SHAPES)
    masks = {label: _mask(question) for label, question in cards.items()}
    assert {label: mask["shape"] for label, mask in masks.items()} == {
        "Plain": "rect",
        "Moved": "rect",
        "Turned": "polygon",
        "Round": "ellipse",
        "Mirrored": "ellipse",
        "Tilted": "polygon",
        "Wedge": "polygon",
        "Bean": "rect",
        "Arch": "rect",
    }

    def numbers(mask, *keys):
        return [float(mask[key]) for key in keys]

    # In the viewBox (-50 -50 200 100): x fractions of 200 from -50, y fractions of 100 from -50.
    assert numbers(masks["Plain"], "left", "top", "width", "height") == [0.05, 0.1, 0.1, 0.1]
    assert numbers(masks["Moved"], "left", "top", "width", "height") == pytest.approx([0.1, 0.15, 0.1, 0.1], abs=1e-4)
    assert numbers(masks["Round"], "left", "top", "rx", "ry") == [0.5, 0.2, 0.05, 0.1]
    assert numbers(masks["Mirrored"], "left", "top", "rx", "ry") == [0.65, 0.2, 0.1, 0.1]
    turned = [tuple(map(float, p.split(","))) for p in masks["Turned"]["points"].split()]
    assert len(turned) == 4 and turned[0] == pytest.approx(
        (0.3, 0.0586), abs=1e-4
    )  # (0, -40) turned 45° about (10, -30)
    tilted = [tuple(map(float, p.split(","))) for p in masks["Tilted"]["points"].split()]
    assert len(tilted) == 36
    wedge = [tuple(map(float, p.split(","))) for p in masks["Wedge"]["points"].split()]
    assert wedge == [(0.35, 0.7), (0.45, 0.9), (0.25, 0.9)]
    assert numbers(masks["Wedge"], "left", "top") == [0.25, 0.7]  # the polygon's box's corner, as Anki draws it
    # The bean's curves reach out to y = 5 and 35, between its end points; the arch's arc rises to y = 20.
    assert numbers(masks["Bean"], "left", "top", "width", "height") == pytest.approx([0.55, 0.55, 0.15, 0.3], abs=2e-3)
    assert numbers(masks["Arch"], "left", "top", "width", "height") == pytest.approx([0.75, 0.7, 0.2, 0.2], abs=2e-3)
    for label, question in cards.items():  # one mask per card, never the others'
        assert question.count('class="cloze') == 1, label


UNDRAWABLE = {  # SVGs the loader takes but svglib and reportlab cannot draw, in their words
    '<rect width="abc" height="10"/>': "Can't convert 'abc' to length",
    '<path d="M"/>': "list index out of range",
    '<rect width="10" height="10" stroke="red" stroke-dasharray="0 0"/>': "setDash: array=[0.0, 0.0] phase=0 dash cycle should be larger than zero",
}


@pytest.mark.parametrize("shape", UNDRAWABLE)
def test_an_svg_the_pdf_cannot_draw_is_refused_by_check_and_every_pdf_at_its_file_line(shape, tmp_path, capsys):
    """Each of these passed `check` and crashed the handout's and the cards' build with a traceback."""
    from legpain_docs.cli import main

    (tmp_path / "p.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">{shape}</svg>', encoding="utf-8"
    )
    source = tmp_path / "article.yaml"
    source.write_text(
        "id: odd\ntitle: Odd\nreviewed: 2026-01-02\nsections:\n  - id: one\n    title: One\n    items:\n"
        "      - term: Alpha\n        definition: The first letter.\n"
        "        figure: {file: p.svg, alt: A test drawing.}\n",
        encoding="utf-8",
    )
    expected = (
        f"{source}:10:24: error: p.svg: the PDF cannot draw this SVG ({UNDRAWABLE[shape]}): save it again "
        "from a drawing program"
    )
    for command in (["check"], ["pdf"], ["cards"], ["fhir"]):
        out = tmp_path / "out"
        args = command + [str(source)] + ([] if command == ["check"] else ["--out-dir", str(out)])
        assert main(args) == 2, command
        assert capsys.readouterr().err.splitlines() == [expected], command
        assert not out.exists() or not any(out.iterdir())
