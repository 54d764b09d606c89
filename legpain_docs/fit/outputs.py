"""What the outputs would refuse of an article: font-metric bounds first, the renderer's own measure when a bound cannot tell.

The bounds err only towards "may not fit", so an article they pass is one every renderer
takes; anything closer is measured by the renderer's own code (reportlab, imported only
then), so `check` and the build never disagree.
"""

from __future__ import annotations

import os

from ..cards import Card, cards_of, picture_room
from ..errors import ContentError
from ..model import Article, Clinic
from ..names import output_name
from ..words import attribution
from . import geometry as g
from .lines import lines_at_most
from .metrics import text_width

NAME_MAX = 255  # bytes in a file name: ext4, XFS, APFS, NTFS (in UTF-16 units) and FAT's long names
VARIANTS = [("letter", False), ("a4", False), ("letter", True), ("a4", True)]  # the handouts make builds
# The printing guide always has room for a title of this many lines and a closing note of this
# many (tests/fit/test_fit.py sets the longest such in every language and on both papers).
GUIDE_TITLE_LINES, GUIDE_NOTE_LINES = 2, 3


def refusals(article: Article, clinics: dict[str, Clinic]) -> list[tuple[ContentError, str | None]]:
    """Every refusal of any build of `article`, alone or with each clinic, with the clinic file it concerns."""
    found = [
        (err, None)
        for err in [
            *name_refusals(article, list(clinics)),
            *picture_refusals(article),
            *card_refusals(article),
            *guide_refusals(article),
        ]
    ]
    seen = set()
    for path, clinic in [(None, None), *clinics.items()]:
        for err in handout_refusals(article, clinic):
            where = (path if err.input == "clinic" else None, err.field)
            if where not in seen:
                seen.add(where)
                found.append((err, path))
    return found


def picture_refusals(article: Article) -> list[ContentError]:
    """The first SVG the PDFs cannot draw, which every PDF's build refuses the same way."""
    if not any(figure.file.format == "svg" for figure in article.figures):
        return []  # svglib and reportlab load only for an article with a drawing
    from ..render.pdf.picture import undrawable

    refused = undrawable(article)
    return [refused] if refused else []


def name_refusals(article: Article, clinics: list[str]) -> list[ContentError]:
    """The id, when an output's file name made from it would be longer than a file name may be."""
    names = [output_name(article.id, "handout", paper="a4", large=True, clinic=clinic) for clinic in [None, *clinics]]
    names += [output_name(article.id, "cards", paper="a4", flip="short"), output_name(article.id, "deck")]
    refused = name_refusal(article.id, max(names, key=lambda name: len(os.fsencode(name))))
    return [refused] if refused else []


def name_refusal(article_id: str, name: str) -> ContentError | None:
    """The id, when `name`, an output's file name made from it, is longer than a file name may be."""
    size = len(os.fsencode(name))
    if size <= NAME_MAX:
        return None
    room = NAME_MAX - (size - len(os.fsencode(article_id)))
    return ContentError(
        f"the id is too long to name the outputs: '{name[:20]}…{name[-24:]}' would be {size} "
        f"bytes, and a file name holds at most {NAME_MAX}; shorten the id to {room} characters or "
        f"fewer",
        field=("id",),
    )


def card_refusals(article: Article) -> list[ContentError]:
    """Each printable card whose label, term or definition cannot fit on it even at the smallest size,
    or whose back cannot hold its picture at its least legible size with the definition."""
    doubtful = [card for card in cards_of(article) if not _card_fits(card)]
    if not doubtful:
        return []
    from ..render.cards.faces import fit
    from ..render.pdf.document import hyphenation_language, register_fonts

    register_fonts()
    found = []
    for card in doubtful:
        try:
            fit(card, hyphenation_language(article.language))
        except ContentError as err:
            found.append(err)
    return found


def _card_fits(card: Card) -> bool:
    width = g.CARD_WIDTH - 2 * g.CARD_PADDING
    size, leading = g.CARD_LABEL_SIZE, g.CARD_LABEL_SIZE * g.CARD_LEADING
    number_width = text_width(str(card.number), "bold", size) + 1
    label = lines_at_most(card.section, "regular", size, width - number_width - g.CARD_HEADER_GAP)
    if label is None:
        return False
    room = g.CARD_HEIGHT - 2 * g.CARD_PADDING - max(label, 1) * leading - g.CARD_HEADER_GAP - 0.5
    floor = g.CARD_TEXT_FLOOR * g.CARD_LEADING
    # The back's picture takes the room it needs to be legible (render/cards/faces.py); its text has the rest.
    back_room = room
    if card.figure is not None:
        needed = picture_room(card.figure.file, width, g.CARD_FIGURE_MIN_HEIGHT, g.CARD_FIGURE_MIN_SIDE)
        if needed is None:
            return False
        back_room = room - needed - g.CARD_HEADER_GAP
    for text, face, text_room in ((card.term, "bold", room), (card.definition, "regular", back_room)):
        lines = lines_at_most(text, face, g.CARD_TEXT_FLOOR, width)
        if lines is None or lines * floor > text_room:
            return False
    return True


def guide_refusals(article: Article) -> list[ContentError]:
    """The title (and source), when too long for the cards' printing guide on either paper."""
    if not cards_of(article):
        return []  # no cards, no guide
    note = " ".join(part for part in (article.title, attribution(article)) if part)
    narrowest = min(paper[0] for paper in g.PAPER_SIZES.values()) - 2 * g.CARD_GUIDE_MARGIN
    title = lines_at_most(article.title, "bold", g.CARD_GUIDE_TITLE_SIZE, narrowest)
    lines = lines_at_most(note, "regular", g.CARD_GUIDE_TEXT_SIZE, narrowest)
    if title is not None and lines is not None and title <= GUIDE_TITLE_LINES and lines <= GUIDE_NOTE_LINES:
        return []
    from ..render.cards.sheets import check_cards

    for paper in g.PAPER_SIZES:
        for flip in ("long", "short"):
            try:
                check_cards(article, paper=paper, flip=flip)
            except ContentError as err:
                if err.field == ("title",):
                    return [_in_variant(err, paper, False, "cards")]
    return []


def handout_refusals(article: Article, clinic: Clinic | None) -> list[ContentError]:
    """The title or a clinic field, when the handout's first page has no room left for text (first variant only)."""
    for paper, large in VARIANTS:
        if _header_fits(article, clinic, paper, large):
            continue
        from ..render.handout.blocks import check_handout

        try:
            check_handout(article, paper=paper, large_print=large, clinic=clinic)
        except ContentError as err:
            return [_in_variant(err, paper, large, "handout")]
    return []


def _header_fits(article: Article, clinic: Clinic | None, paper: str, large: bool) -> bool:
    kind = "large" if large else "regular"
    sizes = g.HANDOUT_TYPE[kind]
    page_width, page_height = g.PAPER_SIZES[paper]
    width = page_width - 2 * g.HANDOUT_MARGIN
    width = min(width, g.HANDOUT_MEASURE[kind] or width)
    body = sizes["body"][0]
    title = _height(article.title, "bold", sizes["title"], width)
    total = title + body * (2 * g.HANDOUT_TITLE_RULE + g.HANDOUT_AFTER_TITLE) + 2
    if clinic:  # a table's row: as tall as its taller cell, padded above and below
        pad = 2 * body * g.HANDOUT_CLINIC_PADDING
        left, right = width * g.HANDOUT_CLINIC_SPLIT - pad, width * (1 - g.HANDOUT_CLINIC_SPLIT) - pad
        cells = (
            _height(clinic.name, "bold", sizes["clinic"], left)
            + _height(clinic.address, "regular", sizes["body"], left),
            _height(clinic.phone, "bold", sizes["body"], right)
            + _height(clinic.website, "regular", sizes["body"], right),
        )
        total += max(cells) + pad + body * g.HANDOUT_AFTER_TITLE + 2
    return total <= (page_height - 2 * g.HANDOUT_MARGIN) * g.HANDOUT_HEADER_SHARE


def _height(text: str | None, face: str, size: tuple[float, float], measure: float) -> float:
    """At most how tall a paragraph of the handout is (infinite when unbounded)."""
    if not text:
        return 0.0
    lines = lines_at_most(text, face, size[0], measure, long_words=True)
    return float("inf") if lines is None else lines * size[1]


def _in_variant(err: ContentError, paper: str, large: bool, kind: str) -> ContentError:
    """The error, saying which variant refused it when it is not the default one."""
    if paper == "letter" and not large:
        return err
    name = " ".join(part for part in ("A4" if paper == "a4" else "Letter", "large-print" if large else "") if part)
    return ContentError(f"{err} (in the {name} {kind})", input=err.input, field=err.field)
