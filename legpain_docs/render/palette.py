"""Every colour the outputs use, as hex strings: read by the PDFs (style.py) and the web page alike.

No reportlab here, so the web handout can share the exact values without importing it.
Contrast ratios are WCAG 2 ones, against the paper of the same scheme.
"""

from __future__ import annotations

# Print and the web page's light scheme. Text is near-black on white (17:1, far past AA's
# 4.5:1). The accent is a deep teal that stays a distinct mid-grey when a clinic prints in
# black and white; text set in it still passes AA (7.2:1). RULE is for lines only, never
# for text (3.4:1, past the 3:1 that lines and focus rings need). TINT is a pale wash of the
# accent behind boxes (INK on it is still 15:1, ACCENT 6.1:1).
PAPER = "#ffffff"
INK = "#1a1a1a"
ACCENT = "#00616b"
RULE = "#8c8c8c"
TINT = "#e4eff0"

# The web page's dark scheme (prefers-color-scheme: dark): the same roles, lightness turned
# over. INK 15:1, ACCENT 9.3:1, RULE 4.3:1 on DARK_PAPER; on DARK_TINT INK is 11:1, ACCENT 6.9:1.
DARK_PAPER = "#141414"
DARK_INK = "#ebebeb"
DARK_ACCENT = "#5cc8d1"
DARK_RULE = "#7a7a7a"
DARK_TINT = "#173236"
