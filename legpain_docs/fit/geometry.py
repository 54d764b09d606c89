"""The renderers' sizes that `check` measures with, in points, without importing reportlab.

Copies of values in render/pdf/style.py (which needs reportlab for its colours);
tests/fit/test_fit.py fails when the two differ.
"""

from __future__ import annotations

INCH = 72.0
PAPER_SIZES = {"letter": (612.0, 792.0), "a4": (595.2755905511812, 841.8897637795277)}

CARD_WIDTH = 3.5 * INCH
CARD_HEIGHT = 2.5 * INCH
CARD_PADDING = 0.2 * INCH
CARD_TEXT_FLOOR = 11
CARD_FIGURE_MIN_HEIGHT = 0.8 * INCH
CARD_FIGURE_MIN_SIDE = 0.5 * INCH
CARD_LABEL_SIZE = 11
CARD_LEADING = 1.2
CARD_HEADER_GAP = 6
CARD_GUIDE_TITLE_SIZE = 20
CARD_GUIDE_TEXT_SIZE = 12
CARD_GUIDE_MARGIN = 1 * INCH
CARD_GUIDE_LEADING = 1.35

HANDOUT_TYPE = {
    "regular": {"body": (12, 15), "heading": (15, 17), "title": (25, 28), "clinic": (14, 17)},
    "large": {"body": (18, 23), "heading": (24, 28), "title": (34, 38), "clinic": (21, 25)},
}
HANDOUT_MEASURE = {"regular": None, "large": 6.3 * INCH}
HANDOUT_MARGIN = 0.5 * INCH
HANDOUT_HEADER_SHARE = 0.5
HANDOUT_CLINIC_SPLIT = 0.55
HANDOUT_CLINIC_PADDING = 0.6
HANDOUT_TITLE_RULE = 0.25  # HANDOUT_SPACE["title_rule"]
HANDOUT_AFTER_TITLE = 0.9  # HANDOUT_SPACE["after_title"]
