"""One flashcard's two faces: where the slots are on a sheet, and the text fitted to a card.

A face is fitted (font size chosen, lines wrapped) before anything is drawn, so that a card
whose text cannot fit fails the build before a page exists, naming its term.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import NamedTuple

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from ...cards import Card, cards_of, picture_room  # noqa: F401 (cards_of: the renderer's list, from the model)
from ...errors import ContentError
from ...model import Figure
from ..pdf import style
from ..pdf.document import BOLD, REGULAR
from ..pdf.markup import escape
from ..pdf.picture import draw_picture, fitted
from ..pdf.tagging import PRINTER_MARKS, Element, tagger_of
from .tags import FaceTags


class Rect(NamedTuple):
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Face:
    """One side of a card, wrapped and ready to draw: a header (label, number) and a body."""

    label: Paragraph
    number: Paragraph
    body: Paragraph
    header_height: float
    figure: Figure | None = None  # drawn beneath the body, in the room `fit` left it


def slots(page: tuple[float, float]) -> list[Rect]:
    """The card rectangles of a sheet, row by row from the top left, as a grid centred on the page.

    Centred, so that mirroring a slot across the page's centre line gives another slot exactly.
    """
    left = (page[0] - style.CARD_COLUMNS * style.CARD_WIDTH) / 2
    bottom = (page[1] - style.CARD_ROWS * style.CARD_HEIGHT) / 2
    return [
        Rect(left + column * style.CARD_WIDTH, bottom + row * style.CARD_HEIGHT, style.CARD_WIDTH, style.CARD_HEIGHT)
        for row in reversed(range(style.CARD_ROWS))
        for column in range(style.CARD_COLUMNS)
    ]


def behind(slot: Rect, page: tuple[float, float], flip: str) -> Rect:
    """Where the back of the card in `slot` goes on the next page, for the printer's duplex flip.

    Turning a sheet over its long (vertical) edge swaps left and right; over its short
    (top) edge, top and bottom.
    """
    if flip == "long":
        return slot._replace(x=page[0] - slot.x - slot.width)
    if flip == "short":
        return slot._replace(y=page[1] - slot.y - slot.height)
    raise ValueError(f"unknown flip {flip!r}")


def fit(card: Card, language: str = "") -> tuple[Face, Face]:
    """The front (the term) and the back (the definition), fitted; the header is the same on both.

    The definition is hyphenated by the rules of `language` (a pyphen dictionary name, "" for none).
    """
    width = style.CARD_WIDTH - 2 * style.CARD_PADDING
    number = _paragraph(str(card.number), "number", style.CARD_LABEL_SIZE)
    # A point of slack: a width exactly the string's could split the number in two.
    number_width = stringWidth(str(card.number), BOLD, style.CARD_LABEL_SIZE) + 1
    number.wrap(number_width, style.CARD_HEIGHT)
    label = _paragraph(card.section, "label", style.CARD_LABEL_SIZE)
    label.wrap(width - number_width - style.CARD_HEADER_GAP, style.CARD_HEIGHT)
    header = max(label.height, number.height)
    room = style.CARD_HEIGHT - 2 * style.CARD_PADDING - header - style.CARD_HEADER_GAP
    if room < style.CARD_TEXT_FLOOR * style.CARD_LEADING:
        raise ContentError(
            f"{_named(card)}: the section title is too long for a card's label", field=(*card.place[:2], "title")
        )
    front = _body(card, card.term, "term", width, room)
    if card.figure is None:
        return (
            Face(label, number, front, header),
            Face(label, number, _body(card, card.definition, "definition", width, room, language), header),
        )
    # A picture takes the back's lower part, never less than its least legible size; the definition
    # is fitted to what is left above it.
    back = _body_above_picture(card, width, room, language)
    return Face(label, number, front, header), Face(label, number, back, header, card.figure)


def _body_above_picture(card: Card, width: float, room: float, language: str) -> Paragraph:
    """The definition fitted above the room its picture needs; refused at the picture's `file:` when
    the picture cannot be drawn at its least legible size beneath a definition that fits alone."""
    assert card.figure is not None
    side = style.CARD_FIGURE_MIN_SIDE / inch
    where = (*card.place, "figure", "file")
    picture = card.figure.file
    needed = picture_room(picture, width, style.CARD_FIGURE_MIN_HEIGHT, style.CARD_FIGURE_MIN_SIDE)
    if needed is None:
        raise ContentError(
            f"{_named(card)}: the picture is too wide for a card's back ({picture.width} x "
            f"{picture.height}): across the whole card it would be less than {side:g} in tall; crop it "
            "or give it a taller shape",
            field=where,
        )
    body = _fitted(card.definition, "definition", width, room - needed - style.CARD_HEADER_GAP, language)
    if body is not None:
        return body
    _body(card, card.definition, "definition", width, room, language)  # too long even alone: that error first
    raise ContentError(
        f"{_named(card)}: the back cannot hold its picture beneath the {card.back}: the picture "
        f"needs {needed / inch:.2f} in of the card's height to be drawn at least {side:g} in on its "
        f"shorter side, and the {card.back} leaves less; shorten the {card.back}, or give the picture "
        "to the section instead",
        field=where,
    )


def draw(canvas, face: Face, slot: Rect, tags: FaceTags) -> None:
    """Label at the top left, number at the top right, the body centred in what is left; each
    piece drawn as the element `tags` gives it."""
    face.label.struct, face.number.struct, face.body.struct = tags.label, tags.number, tags.body
    element = tags.body
    x, top = slot.x + style.CARD_PADDING, slot.y + slot.height - style.CARD_PADDING
    width = slot.width - 2 * style.CARD_PADDING
    face.label.drawOn(canvas, x, top - face.label.height)
    face.number.drawOn(canvas, x + width - face.number.width, top - face.number.height)
    body_top = top - face.header_height - style.CARD_HEADER_GAP
    if face.figure is not None:
        face.body.drawOn(canvas, x, body_top - face.body.height)
        _draw_figure(
            canvas,
            face.figure,
            slot,
            x,
            width,
            body_top - face.body.height - style.CARD_HEADER_GAP,
            element.parent.add("Figure", alt=face.figure.alt),
        )
        return
    # Centred on the card when it fits there, else as high as the header allows.
    centred = slot.y + (slot.height - face.body.height) / 2
    face.body.drawOn(canvas, x, min(centred, body_top - face.body.height))


def _draw_figure(canvas, figure: Figure, slot: Rect, x: float, width: float, top: float, element: Element) -> None:
    """The picture as large as fits between `top` and the card's padding, centred across the card."""
    bottom = slot.y + style.CARD_PADDING
    picture_width, picture_height = fitted(figure.file, width, top - bottom)
    left = x + (width - picture_width) / 2
    element.bbox = (left, bottom, left + picture_width, bottom + picture_height)
    with tagger_of(canvas).marked(canvas, element):
        draw_picture(canvas, figure.file, left, bottom, picture_width, picture_height)


def draw_cut_marks(canvas, page: tuple[float, float]) -> None:
    """Short lines extending each cut line outward beyond the grid, never touching a card.

    The cards touch, so one straight cut per line separates two rows or columns at once.
    """
    cells = slots(page)
    with tagger_of(canvas).artifact(canvas, PRINTER_MARKS):
        _cut_lines(canvas, cells)


def _cut_lines(canvas, cells: list[Rect]) -> None:
    left, bottom = min(c.x for c in cells), min(c.y for c in cells)
    right, top = max(c.x + c.width for c in cells), max(c.y + c.height for c in cells)
    near, far = style.CUT_MARK_GAP, style.CUT_MARK_GAP + style.CUT_MARK_LENGTH
    canvas.saveState()
    canvas.setLineWidth(style.CUT_MARK_WIDTH)
    canvas.setStrokeColor(style.INK)
    for column in range(style.CARD_COLUMNS + 1):
        x = left + column * style.CARD_WIDTH
        canvas.lines([(x, top + near, x, top + far), (x, bottom - near, x, bottom - far)])
    for row in range(style.CARD_ROWS + 1):
        y = bottom + row * style.CARD_HEIGHT
        canvas.lines([(left - near, y, left - far, y), (right + near, y, right + far, y)])
    canvas.restoreState()


def _body(card: Card, text: str, kind: str, width: float, room: float, language: str = "") -> Paragraph:
    body = _fitted(text, kind, width, room, language)
    if body is None:
        floor = style.CARD_TEXT_FLOOR
        lines = len(_paragraph(text, kind, floor, language, width).breakLines([width]).lines)
        room_lines = max(0, int(room // (floor * style.CARD_LEADING)))
        field = card.back if kind == "definition" else kind
        raise ContentError(
            f"{_named(card)}: the {field} is too long for a card even at "
            f"{floor:g} pt ({lines} lines, room for {room_lines})",
            field=(*card.place, field),
        )
    return body


def _named(card: Card) -> str:
    """The card as a message names it: its number and its term, the start of a long term only."""
    term = card.term if len(card.term) <= 40 else card.term[:40].rstrip() + "…"
    return f"card {card.number} '{term}'"


def _fitted(text: str, kind: str, width: float, room: float, language: str) -> Paragraph | None:
    """The text wrapped at the largest size from the kind's own down to the floor that fits."""
    size = style.CARD_TERM_SIZE if kind == "term" else style.CARD_DEFINITION_SIZE
    while size >= style.CARD_TEXT_FLOOR:
        paragraph = _paragraph(text, kind, size, language, width)
        if paragraph.wrap(width, room)[1] <= room:
            return paragraph
        size -= style.CARD_SIZE_STEP
    return None


def _paragraph(text: str, kind: str, size: float, language: str = "", width: float | None = None) -> Paragraph:
    """Source text as a Paragraph: escaped, since the source is literal and Paragraph reads markup.

    A word wider than the card is cut at the card's edge, unhyphenated: reportlab's hyphenation
    would split it once and let the rest of it run past the edge onto the neighbouring card.
    """
    if language and width is not None and _widest_word(text, _style(kind, size).fontName, size) > width:
        language = ""
    return Paragraph(escape(text), _style(kind, size, language))


def _widest_word(text: str, font: str, size: float) -> float:
    return max((stringWidth(word, font, size) for word in text.split()), default=0.0)


@functools.cache
def _style(kind: str, size: float, language: str = "") -> ParagraphStyle:
    font, colour, alignment = {
        "term": (BOLD, style.INK, TA_CENTER),
        "definition": (REGULAR, style.INK, TA_LEFT),
        "label": (REGULAR, style.ACCENT, TA_LEFT),
        "number": (BOLD, style.INK, TA_RIGHT),
    }[kind]
    return ParagraphStyle(
        f"card-{kind}-{size:g}",
        fontName=font,
        fontSize=size,
        leading=size * style.CARD_LEADING,
        textColor=colour,
        alignment=alignment,
        hyphenationLang=language,
        embeddedHyphenation=0,
        uriWasteReduce=0,
    )
