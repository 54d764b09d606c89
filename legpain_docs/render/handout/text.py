"""How the handout sets text: its paragraph styles, escaping, over-long words, even headings.

reportlab reads a Paragraph's text as markup, so every string is escaped here and only here:
`<`, `&` and `>` print as themselves. A word wider than its line (a URL, a long code) would
run past the margin, or with reportlab's own splitting break wherever the line happens to
end; here it breaks after a `/`, `?`, `&`, `.`, `-`, `_` or `=` where it can, onto lines of
its own. Regular body text is hyphenated by the article's language under the rules of
hyphens.py; large print, headings, the title and the summary box never are.
"""

from __future__ import annotations

import functools
import re

from reportlab import platypus
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

from ...links import is_web_address
from ..pdf import style
from ..pdf.document import BOLD, REGULAR
from ..pdf.markup import escape, quoteattr
from .hyphens import Hyphenator, hyphenator, line_texts, stumble

# After these a URL reads naturally broken; the piece before keeps the mark.
BREAK_AFTER = re.compile(r"(?<=[/?&.=_-])")


class Bold(str):
    """Text to set in bold."""


class Link(str):
    """Text that is a web address: clickable when it is http or https, plain text otherwise."""


def shortened(paragraph_style: ParagraphStyle, text: str) -> str:
    """The text cut at a word and ended with an ellipsis, if need be, to fit one line of the measure."""
    font, size, measure = paragraph_style.fontName, paragraph_style.fontSize, paragraph_style.measure
    if stringWidth(text, font, size) <= measure:
        return text
    words = text.split(" ")
    while len(words) > 1 and stringWidth(" ".join(words) + "\u2026", font, size) > measure:
        words.pop()
    line = " ".join(words)
    line = line[: int(measure / (size * _narrowest_glyph(font))) + 1]  # one long word: no more than could fit
    while len(line) > 1 and stringWidth(line + "\u2026", font, size) > measure:
        line = line[:-1]
    return line.rstrip(" ,;:") + "\u2026"


NO_ROOM = 0x7FFFFFFF  # the height reportlab's Paragraph.wrap gives for a width it cannot use


class Paragraph(platypus.Paragraph):
    """A paragraph that breaks its lines once for each width it is set in.

    Balancing the last page asks every paragraph its height a dozen times at one width, and
    the frames then ask again: the height of a paragraph depends on the width alone, so the
    lines broken the first time serve every later question at that width. (A split drops
    them, and so does a new width.)
    """

    _wrapped_width: float | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if available_width == self._wrapped_width and hasattr(self, "blPara"):
            return self.width, self.height
        size = super().wrap(available_width, available_height)
        size = self._without_stumbles(available_width, available_height, size)
        # No room at all (reportlab answers without breaking lines): nothing learnt to keep.
        self._wrapped_width = available_width if size[1] != NO_ROOM and hasattr(self, "blPara") else None
        return size

    def _without_stumbles(
        self, available_width: float, available_height: float, size: tuple[float, float]
    ) -> tuple[float, float]:
        """Set the paragraph again, one hyphenated word fewer each time, while two hyphenated
        lines follow each other or the last line holds only a broken word's tail."""
        for _ in range(STUMBLE_TRIES):
            hyphens = self.style.hyphenationLang
            lines = getattr(getattr(self, "blPara", None), "lines", None)
            word = isinstance(hyphens, Hyphenator) and lines and stumble(line_texts(lines, self.blPara.kind))
            if not word:
                break
            self.style = ParagraphStyle(self.style.name, parent=self.style, hyphenationLang=hyphens.without(word))
            size = super().wrap(available_width, available_height)
        return size


# A paragraph set again more often than this keeps its last setting (each try refuses one
# word a break: a handful settles any paragraph of these articles).
STUMBLE_TRIES = 6


class WholeParagraph(Paragraph):
    """A paragraph moved whole to the next column rather than split (a list item), unless it
    is longer than any column could hold."""

    def split(self, available_width: float, available_height: float) -> list:
        lines = len(getattr(getattr(self, "blPara", None), "lines", ()))
        return super().split(available_width, available_height) if lines > style.HANDOUT_WHOLE_LINES else []


def paragraph(
    paragraph_style: ParagraphStyle, *parts: str, bullet: str | None = None, whole: bool = False
) -> Paragraph:
    """A Paragraph of plain text parts (a `Bold` part in bold), fitted to the style's `measure`."""
    markup = "".join(_markup(part, paragraph_style) for part in parts)
    return (WholeParagraph if whole else Paragraph)(markup, paragraph_style, bulletText=bullet)


def balanced(paragraph_style: ParagraphStyle, *parts: str) -> Paragraph:
    """A heading whose lines are even: no lone last word ("... Causes of Leg / Pain").

    The narrowest measure that keeps the number of lines is found by bisection; the rest of
    the line becomes a right indent.
    """
    para = paragraph(paragraph_style, *parts)
    measure = paragraph_style.measure
    lines = _line_count(para, measure)
    if lines < 2:
        return para
    narrow, wide = measure * (lines - 1) / lines, measure
    while wide - narrow > 1:
        middle = (narrow + wide) / 2
        narrow, wide = (middle, wide) if _line_count(para, middle) > lines else (narrow, middle)
    return paragraph(ParagraphStyle(paragraph_style.name, parent=paragraph_style, rightIndent=measure - wide), *parts)


def styles(
    print_size: style.PrintSize, column: float, page: float, footer: float, language: str
) -> dict[str, ParagraphStyle]:
    """The styles for one size of print, each with its `measure`: how wide its lines are."""
    space = style.HANDOUT_SPACE
    size, leading = print_size.body
    hyphens = hyphenator(language) if print_size.hyphenate else ""
    body = ParagraphStyle(
        "body",
        fontName=REGULAR,
        fontSize=size,
        leading=leading,
        textColor=style.INK,
        alignment=TA_LEFT,
        spaceAfter=size * print_size.paragraph,
        allowWidows=0,
        allowOrphans=0,
        splitLongWords=1,
        hyphenationLang=hyphens,
        embeddedHyphenation=0,
        uriWasteReduce=0,
        hyphenationMinWordLength=style.HANDOUT_HYPHENATE_FROM,
        spaceShrinkage=0,  # every space as wide as the next: ragged right, never squeezed to fit
        bulletFontName=REGULAR,
        bulletFontSize=size,
        measure=column,
    )
    indent = size * space["indent"]
    pad = 2 * size * style.HANDOUT_CLINIC_PADDING
    clinic_left = page * style.HANDOUT_CLINIC_SPLIT - pad
    clinic_right = page * (1 - style.HANDOUT_CLINIC_SPLIT) - pad

    def derived(name: str, **changes) -> ParagraphStyle:
        return ParagraphStyle(name, parent=body, **changes)

    def bold(name: str, role: str, **changes) -> ParagraphStyle:
        font_size, font_leading = getattr(print_size, role)
        return derived(name, fontName=BOLD, fontSize=font_size, leading=font_leading, hyphenationLang="", **changes)

    return {
        "body": body,
        "after_list": derived("after_list", spaceBefore=size * print_size.paragraph),
        "closing": derived("closing", spaceBefore=size * space["section"]),
        "title": bold("title", "title", textColor=style.ACCENT, spaceAfter=0, measure=page),
        "heading": bold(
            "heading",
            "heading",
            textColor=style.ACCENT,
            spaceBefore=size * space["section"],
            spaceAfter=size * space["heading"],
            keepWithNext=1,
        ),
        "continued": bold(
            "continued",
            "heading",
            textColor=style.ACCENT,
            spaceBefore=0,
            spaceAfter=size * space["heading"],
            keepWithNext=1,
        ),
        "item": derived(
            "item",
            leftIndent=indent,
            bulletIndent=size * space["bullet"],
            bulletColor=style.ACCENT,
            spaceAfter=size * space["item"],
            measure=column - indent,
        ),
        "clinic": bold("clinic", "clinic", spaceAfter=0, measure=clinic_left),
        "address": derived("address", spaceAfter=0, measure=clinic_left),
        "contact": derived("contact", alignment=TA_RIGHT, spaceAfter=0, measure=clinic_right),
        "about": derived("about", spaceAfter=size * space["item"]),
        "footer": derived("footer", spaceAfter=0, measure=footer, hyphenationLang=""),
        "summary": derived("summary", spaceAfter=0, measure=column - pad, hyphenationLang=""),
        "contact_end": derived("contact_end", spaceAfter=size * space["item"]),
        "qr_label": derived("qr_label", spaceAfter=0),
        "page": derived("page", alignment=TA_RIGHT, spaceAfter=0, measure=page - footer),
        "notes": bold("notes", "heading", textColor=style.ACCENT, spaceBefore=size * space["section"], spaceAfter=0),
    }


def _markup(part: str, paragraph_style: ParagraphStyle) -> str:
    if isinstance(part, Link):
        text = _markup(str(part), paragraph_style)
        if not is_web_address(part):
            return text
        colour = "#" + style.ACCENT.hexval()[2:]
        return f'<a href={quoteattr(str(part))} color="{colour}"><u>{text}</u></a>'
    bold = isinstance(part, Bold)
    font = BOLD if bold else paragraph_style.fontName
    size, measure = paragraph_style.fontSize, paragraph_style.measure
    text = " ".join(_fitted(word, font, size, measure) for word in part.split(" "))
    return f"<b>{text}</b>" if bold else text


def _fitted(word: str, font: str, size: float, measure: float) -> str:
    """The word escaped; if wider than the line, in pieces that each fit, with a line break between."""
    if len(word) * size * _widest_glyph(font) <= measure or stringWidth(word, font, size) <= measure:
        return escape(word)  # the first test spares measuring the many words that are surely short
    pieces, line = [], ""
    for chunk in BREAK_AFTER.split(word):
        for char in chunk if stringWidth(chunk, font, size) > measure else [chunk]:
            if line and stringWidth(line + char, font, size) > measure:
                pieces.append(line)
                line = ""
            line += char
    return "<br/>".join(escape(piece) for piece in pieces + [line])


@functools.cache
def _narrowest_glyph(font: str) -> float:
    """The narrowest non-zero advance of any glyph of the face, in ems."""
    return min(w for w in getFont(font).face.charWidths.values() if w > 0) / 1000


@functools.cache
def _widest_glyph(font: str) -> float:
    """The widest advance of any glyph of the face, in ems."""
    return max(getFont(font).face.charWidths.values()) / 1000


def _line_count(para: Paragraph, width: float) -> int:
    para.wrap(width, 1e6)
    return len(para.blPara.lines)
