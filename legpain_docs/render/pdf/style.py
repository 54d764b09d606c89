"""Sizes, colours and spacing: the one home of layout constants for every PDF.

Edit a section with a targeted replace, never by rewriting the file: the handout and the
cards each own their section below the shared one.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import inch

from .. import palette

PAPER_SIZES = {"letter": LETTER, "a4": A4}

# Office printers cannot print to the edge; most lose 4-6 mm. Nothing is drawn within this band.
EDGE_BAND = 0.25 * inch

# The colours and why they are these live in palette.py, shared with the web handout.
INK = HexColor(palette.INK)
ACCENT = HexColor(palette.ACCENT)
RULE = HexColor(palette.RULE)

# --- handout ---


@dataclass(frozen=True)
class PrintSize:
    """One size of handout print: its type, its columns, its spacing and margins."""

    # Type as (size, leading) in points.
    body: tuple[float, float]
    heading: tuple[float, float]
    title: tuple[float, float]
    clinic: tuple[float, float]
    columns: int
    measure: float | None  # the widest a line may be; None for the paper's width
    paragraph: float  # space after a paragraph, in body sizes
    top_margin: float
    notes_line_gap: float  # ruled lines far enough apart to write on
    hyphenate: bool


# 12 pt body is the print minimum of RNIB and APH, 18 pt the large-print one (APH, ACB), with
# headings larger still. No glyph on the handout, footer and Notes included, is smaller than
# the body: whoever reads the body can read it all.
# Two columns keep 12 pt lines to about 45 characters, short enough to read without losing the
# line. Large print is one column, as APH asks, at most 6.3 in wide: about 55-60 characters of
# 18 pt, a line length low-vision readers follow without losing their place (the full width
# gives 72). Large print leaves a blank line between paragraphs and 1 in at the top (ACB 2022,
# APH), and never breaks a word (RNIB, APH: a broken word is read as two).
REGULAR_PRINT = PrintSize(
    body=(12, 15),
    heading=(15, 17),
    title=(25, 28),
    clinic=(14, 17),
    columns=2,
    measure=None,
    paragraph=0.45,
    top_margin=0.5 * inch,
    notes_line_gap=0.32 * inch,
    hyphenate=True,
)
LARGE_PRINT = PrintSize(
    body=(18, 23),
    heading=(24, 28),
    title=(34, 38),
    clinic=(21, 25),
    columns=1,
    measure=6.3 * inch,
    paragraph=23 / 18,
    top_margin=1 * inch,
    notes_line_gap=0.42 * inch,
    hyphenate=False,
)
# Spacing in multiples of the body size: after a list item, before and after
# a section heading; a list's indent and its bullet's; the gap between side-by-side terms;
# the accent rule under the title and the space after it (and after the clinic block); the
# space around the rule above the closing note; between the text and the footer.
HANDOUT_SPACE = {
    "item": 0.2,
    "section": 0.9,
    "heading": 0.25,
    "indent": 1.0,
    "bullet": 0.1,
    "term_gap": 1.0,
    "title_rule": 0.25,
    "after_title": 0.9,
    "closing_rule": 0.55,
    "footer": 1.5,
}
# Rules and Notes lines: thin, yet printed by any office printer (0.25 pt can vanish).
HANDOUT_RULE_WIDTH = 0.75
# The footer's rule: twice as heavy, in the accent, so that it is not read as a Notes line.
HANDOUT_FOOTER_RULE_WIDTH = 1.5
# The footer's title takes this share of the line; "Page 999 of 999" fits in the rest.
HANDOUT_FOOTER_TITLE_SHARE = 0.7
# 0.5 in clears the printer's EDGE_BAND with room for a duplex printer shifting the back side.
HANDOUT_MARGIN = 0.5 * inch
HANDOUT_GUTTER = 0.3 * inch
# Lists of short terms (no definition) are set across the column in up to this many columns.
HANDOUT_SHORT_LIST_COLUMNS = 3
# The clinic block: name and address on the left share of the width, phone and website on the
# right; padded by this many body sizes on a pale wash of the accent (INK on it is still 15:1).
HANDOUT_CLINIC_SPLIT = 0.55
# The clinic block and the title together may take at most this share of the first page:
# beyond it a name or address is refused as too long, rather than pushing the article off.
HANDOUT_HEADER_SHARE = 0.5
HANDOUT_CLINIC_PADDING = 0.6
HANDOUT_TINT = HexColor(palette.TINT)
# A Notes area with fewer lines than this is left out rather than squeezed (or moved to a
# page of its own).
HANDOUT_NOTES_MIN_LINES = 3
# Where the article's text ends in no more than this height of one column, it is not split
# into two columns of equal height: a few lines apart read as fragments, not as balance.
HANDOUT_UNSPLIT_TEXT = 1.5 * inch
# Body text is hyphenated only in words this long or longer: a short word breaks badly.
HANDOUT_HYPHENATE_FROM = 10
# A list of bare terms up to this long is kept in one column, never split across a break.
HANDOUT_SHORT_LIST_ITEMS = 6
# A list item of up to this many lines is never split across a column or page.
HANDOUT_WHOLE_LINES = 12
# The QR code beside the attribution: large enough for a phone camera at reading distance.
# A figure is as wide as its column and at most this tall: a third of a letter page's column in
# regular print, so that a tall drawing leaves room for the text it illustrates.
HANDOUT_FIGURE_HEIGHT = {"regular": 3.2 * inch, "large": 4.2 * inch}
HANDOUT_QR_SIZE = 0.9 * inch
# The column holding the code and its label under it: this many times the code's width.
HANDOUT_QR_COLUMN = 1.6

# --- cards ---

# Playing-card size (2.5 x 3.5 in, landscape): 2 x 4 of them fit Letter and A4 alike with
# room for cut marks, so one cut stack serves both papers, and card sleeves fit.
CARD_WIDTH = 3.5 * inch
CARD_HEIGHT = 2.5 * inch
CARD_COLUMNS = 2
CARD_ROWS = 4
# Text keeps this far from a card's edge: duplex printers shift the back by up to ~2 mm and
# scissors stray by as much, and the slack must stay blank for a card never to show its neighbour.
CARD_PADDING = 0.2 * inch
# Cut marks extend the cut lines outward from the grid, a little away from the card corners.
CUT_MARK_GAP = 3
CUT_MARK_LENGTH = 12
CUT_MARK_WIDTH = 0.5  # thin, yet still printed by office lasers (0.25 pt can vanish)
# Every character on a card is 11 pt or more: a card is read at arm's length in a group.
CARD_FIGURE_MIN_HEIGHT = 0.8 * inch  # an item's picture on a card's back: the least room left to it
# ... and the least it is drawn on its shorter side: half an inch, about what a thumbnail in a
# printed leaflet is, where a drawing's parts can still be told apart at arm's length.
CARD_FIGURE_MIN_SIDE = 0.5 * inch
CARD_TEXT_FLOOR = 11
CARD_TERM_SIZE = 20  # a long term or definition steps down by CARD_SIZE_STEP to the floor
CARD_DEFINITION_SIZE = 14
CARD_SIZE_STEP = 0.5
CARD_LABEL_SIZE = 11  # the section label and the card number
CARD_LEADING = 1.2  # times the font size
CARD_HEADER_GAP = 6  # between the label line and the term or definition
CARD_GUIDE_TITLE_SIZE = 20  # the printing guide's page
CARD_GUIDE_TEXT_SIZE = 12
CARD_GUIDE_MARGIN = 1 * inch  # the guide is read, not cut: a letter's generous margins
CARD_GUIDE_LEADING = 1.35  # times the font size: looser than on a card, for running text
CARD_GUIDE_SPACE_BEFORE = {"title": 0, "text": 10, "step": 12, "note": 24}  # points
CARD_GUIDE_STEP_INDENT = 1.5  # times the font size: room for a step's number ("5.") before its text
