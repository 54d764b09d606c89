"""Sizes, colours and spacing: the one home of layout constants for every PDF.

Edit a section with a targeted replace, never by rewriting the file: the handout and the
cards each own their section below the shared one.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import inch

PAPER_SIZES = {"letter": LETTER, "a4": A4}

# Office printers cannot print to the edge; most lose 4-6 mm. Nothing is drawn within this band.
EDGE_BAND = 0.25 * inch

# Text is near-black on white (contrast 17:1, far past WCAG AA's 4.5:1). The accent is a deep
# teal that stays a distinct mid-grey when a clinic prints in black and white; text set in it
# still passes AA (contrast 7.2:1). RULE is for lines only, never for text (3.4:1).
INK = HexColor("#1a1a1a")
ACCENT = HexColor("#00616b")
RULE = HexColor("#8c8c8c")

# --- handout ---

# --- cards ---
