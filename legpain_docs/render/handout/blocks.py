"""The patient handout: the article as a leaflet a clinic prints on one sheet, both sides.

A short dispatcher over the model and one small function per kind of block. How text is set
is in text.py, how pages are laid out (columns, footer, Notes area) in pages.py.
"""

from __future__ import annotations

import itertools

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Paragraph, Table, TableStyle

from ...model import Article, Clinic, Item, Section
from ...words import Words, attribution, words_for
from .. import style
from .pages import Footer, Layout, build
from .text import Bold, balanced, paragraph, styles as text_styles
from ..pdf import BOLD, REGULAR, document_options

BULLET = "\u2022"


def render_handout(article: Article, *, paper: str = "letter", large_print: bool = False,
                   clinic: Clinic | None = None, epoch: int) -> bytes:
    """The handout as PDF bytes: 12 pt type on two sides of a sheet, or 18 pt large print."""
    words = words_for(article.language)
    options = document_options(article, words.handout_subject, [section.title for section in article.sections], clinic)
    kind = "large" if large_print else "regular"
    layout = Layout(style.PAPER_SIZES[paper], style.HANDOUT_COLUMNS[kind])
    styles = text_styles(kind, layout.column_width, layout.width, layout.footer_title_width)
    header = [*_clinic(clinic, styles, layout.width), *_title(article, styles)]
    story = _paragraphs(article.intro, styles["body"])
    for section in article.sections:
        story += _section(section, styles)
    story += [*_paragraphs(article.outro, styles["body"], first=styles["closing"]), _about(article, words, styles)]
    footer = Footer(paragraph(styles["footer"], article.title), styles["page"], layout, words.page)
    notes = (paragraph(styles["notes"], words.notes), style.HANDOUT_NOTES_LINE_GAP[kind])
    return build(header, story, notes, layout, footer, epoch, options)


def _section(section: Section, styles: dict) -> list[Flowable]:
    heading = balanced(styles["heading"], section.title)
    heading.bookmark = (f"section-{section.id}", section.title)
    intro = _paragraphs(section.intro, styles["body"])
    if intro:
        intro[-1].keepWithNext = 1  # "Common causes include:" stays with the list it introduces
    outro = _paragraphs(section.outro, styles["body"], first=styles["after_list"])
    return [heading, *intro, *_items(section.items, styles["item"]), *outro]


def _items(items: tuple[Item, ...], item_style: ParagraphStyle) -> list[Flowable]:
    """A bullet per item, except that a run of bare terms is set side by side when they fit."""
    blocks: list[Flowable] = []
    for bare, run in itertools.groupby(items, key=lambda item: item.definition is None):
        blocks += _short_list(list(run), item_style) if bare else [_term(item, item_style) for item in run]
    return blocks


def _term(item: Item, item_style: ParagraphStyle) -> Paragraph:
    if item.definition is None:
        return paragraph(item_style, Bold(item.term), bullet=BULLET)
    return paragraph(item_style, Bold(item.term), ": ", item.definition, bullet=BULLET)


def _short_list(items: list[Item], item_style: ParagraphStyle) -> list[Flowable]:
    """Bare terms in as few rows as fit, read across then down as the source lists them."""
    rows, widths = _grid(items, item_style)
    if len(widths) == 1:
        return [_term(item, item_style) for item in items]
    cells = [[_term(item, item_style) for item in row] + [""] * (len(widths) - len(row)) for row in rows]
    return [_table(cells, widths, item_style, bottom=item_style.spaceAfter, spaceAfter=item_style.spaceAfter)]


def _grid(items: list[Item], item_style: ParagraphStyle) -> tuple[list[list[Item]], list[float]]:
    """The fewest rows (then columns) whose columns, each as wide as its widest term, fit the line."""
    size, width = item_style.fontSize, item_style.measure + item_style.leftIndent
    gap = size * style.HANDOUT_SPACE["term_gap"]

    def natural(item: Item) -> float:
        return stringWidth(item.term, BOLD, size) + item_style.leftIndent + gap

    best = [[item] for item in items], [width]
    for columns in range(2, min(style.HANDOUT_SHORT_LIST_COLUMNS, len(items)) + 1):
        rows = [items[n : n + columns] for n in range(0, len(items), columns)]
        widths = [max(natural(row[c]) for row in rows if c < len(row)) for c in range(columns)]
        if len(rows) < len(best[0]) and sum(widths) - gap <= width:
            best = rows, widths[:-1] + [width - sum(widths[:-1])]
    return best


def _paragraphs(texts: tuple[str, ...], body: ParagraphStyle, first: ParagraphStyle | None = None) -> list[Flowable]:
    return [paragraph(first if n == 0 and first else body, text) for n, text in enumerate(texts)]


def _title(article: Article, styles: dict) -> list[Flowable]:
    size, space = styles["body"].fontSize, style.HANDOUT_SPACE
    rule = HRFlowable(width="100%", thickness=size * space["title_rule"], color=style.ACCENT,
                      spaceBefore=size * space["title_rule"], spaceAfter=size * space["after_title"])
    return [balanced(styles["title"], article.title), rule]


def _clinic(clinic: Clinic | None, styles: dict, width: float) -> list[Flowable]:
    """The clinic's name and address on the left, how to reach it on the right, on a pale band."""
    if clinic is None:
        return []
    left = [paragraph(styles["clinic"], clinic.name)]
    left += [paragraph(styles["address"], clinic.address)] if clinic.address else []
    right = [paragraph(styles["contact"], Bold(clinic.phone))]
    right += [paragraph(styles["contact"], clinic.website)] if clinic.website else []
    size = styles["body"].fontSize
    pad = size * style.HANDOUT_CLINIC_PADDING
    widths = [width * style.HANDOUT_CLINIC_SPLIT, width * (1 - style.HANDOUT_CLINIC_SPLIT)]
    table = _table([[left, right]], widths, styles["body"], pad, pad, pad,
                   spaceAfter=size * style.HANDOUT_SPACE["after_title"])
    table.setStyle([("BACKGROUND", (0, 0), (-1, -1), style.HANDOUT_TINT), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    return [table]


def _about(article: Article, words: Words, styles: dict) -> Flowable:
    """The closing note: what the handout is not, when it was reviewed, where it comes from."""
    gap = styles["body"].fontSize * style.HANDOUT_SPACE["closing_rule"]
    blocks: list[Flowable] = [
        HRFlowable(width="100%", thickness=style.HANDOUT_RULE_WIDTH, color=style.RULE, spaceBefore=gap, spaceAfter=gap),
        paragraph(styles["about"], Bold(words.disclaimer)),
        paragraph(styles["about"], words.reviewed.format(date=words.format_date(article.reviewed))),
    ]
    source = attribution(article)
    if source:
        blocks.append(paragraph(styles["about"], words.source.format(source=source)))
    return KeepTogether(blocks)


def _table(cells: list, widths: list[float], text_style: ParagraphStyle, bottom: float = 0, top: float = 0,
           sides: float = 0, **options) -> Table:
    """A borderless table of Paragraphs, in our font: else reportlab names Helvetica in the PDF."""
    table = Table(cells, colWidths=widths, hAlign="LEFT", **options)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR), ("FONTSIZE", (0, 0), (-1, -1), text_style.fontSize),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), sides),
        ("RIGHTPADDING", (0, 0), (-1, -1), sides), ("TOPPADDING", (0, 0), (-1, -1), top),
        ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
    ]))
    return table

