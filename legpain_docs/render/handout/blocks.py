"""The patient handout: the article as a leaflet a clinic prints on one sheet, both sides.

A short dispatcher over the model and one small function per kind of block. How text is set
is in text.py, how pages are laid out (columns, footer, Notes area) in pages.py.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError

from ...errors import ContentError
from ...links import is_web_address
from ...model import Article, Clinic, Item, Section
from ...words import Words, attribution, words_for
from ..pdf import style
from ..pdf.document import BOLD, REGULAR, document_options, few_collections, register_fonts
from ..pdf.picture import undrawable
from ..pdf.roles import CLINIC, CLOSING, HEADING, ITEM, PARAGRAPH, SUMMARY, TITLE, declare, figure
from ..pdf.tagging import PAGINATION, Tagger, install
from .figure import figure_block
from .pages import Footer, Layout, build, height
from .tags import label
from .text import Bold, Link, balanced, paragraph, shortened
from .text import styles as text_styles

BULLET = "\u2022"


@few_collections()
def render_handout(
    article: Article, *, paper: str = "letter", large_print: bool = False, clinic: Clinic | None = None, epoch: int
) -> bytes:
    """The handout as PDF bytes: 12 pt type on two sides of a sheet, or 18 pt large print."""
    install()
    refused = undrawable(article)
    if refused:
        raise refused
    try:
        return _handout(article, paper, large_print, clinic, epoch, balance=True)
    except LayoutError:
        pass
    # Balancing the columns foresaw a break that reportlab did not make: lay out anew
    # (the first try used up the flowables and the tagger) with columns filled in turn.
    try:
        return _handout(article, paper, large_print, clinic, epoch, balance=False)
    except LayoutError:  # a block that cannot split is taller than a column: the loader's bounds should prevent it
        raise ContentError(
            "the closing note (the source's name and url beside its QR code) is taller than a column "
            "of the handout: shorten the source's name or url",
            field=("source",) if article.source else (),
        ) from None


def check_handout(
    article: Article, *, paper: str = "letter", large_print: bool = False, clinic: Clinic | None = None
) -> None:
    """Raise the ContentError `render_handout` would raise, without laying out the pages."""
    register_fonts()
    print_size = style.LARGE_PRINT if large_print else style.REGULAR_PRINT
    layout = Layout(style.PAPER_SIZES[paper], print_size)
    styles = text_styles(print_size, layout.column_width, layout.width, layout.footer_title_width, article.language)
    _check_header(article, clinic, styles, layout)


def _handout(
    article: Article, paper: str, large_print: bool, clinic: Clinic | None, epoch: int, balance: bool
) -> bytes:
    words = words_for(article.language)
    options = document_options(article, words.handout_subject, [section.title for section in article.sections], clinic)
    print_size = style.LARGE_PRINT if large_print else style.REGULAR_PRINT
    kind = "large" if large_print else "regular"  # which of style.HANDOUT_FIGURE_HEIGHT a figure takes
    layout = Layout(style.PAPER_SIZES[paper], print_size)
    styles = text_styles(print_size, layout.column_width, layout.width, layout.footer_title_width, article.language)
    header = [*_clinic(clinic, styles, layout.width), *_title(article, styles)]
    _check_header(article, clinic, styles, layout)
    story = _paragraphs(article.intro, styles["body"])
    story += [figure_block(article.figure, styles, kind)] if article.figure else []
    for section in article.sections:
        story += _section(section, styles, kind)
    story += _closing(article, clinic, words, styles, layout.column_width)
    footer = Footer(
        paragraph(styles["footer"], shortened(styles["footer"], article.title)), styles["page"], layout, words.page
    )
    notes = (paragraph(styles["notes"], words.notes), print_size.notes_line_gap)

    def continued(title: str) -> Paragraph:
        heading = balanced(styles["continued"], words.continued.format(title=title))
        heading.struct = PAGINATION  # repeats the section's title: read once, where the section begins
        heading.continues_section = title  # a column that begins with it needs no other
        return heading

    tagger = Tagger()
    label([*header, *story], tagger.root)

    return build(header, story, notes, layout, footer, epoch, options, continued, tagger, balance)


def _section(section: Section, styles: dict, kind: str) -> list[Flowable]:
    heading = declare(balanced(styles["heading"], section.title), HEADING)
    heading.bookmark = (f"section-{section.id}", section.title)
    heading.opens_section = section.title  # a page that begins after it, inside the section, repeats it
    intro = _paragraphs(section.intro, styles["body"])
    if intro:
        intro[-1].keepWithNext = 1  # "Common causes include:" stays with the list it introduces
    figure = [figure_block(section.figure, styles, kind)] if section.figure else []
    outro = _paragraphs(section.outro, styles["body"], first=styles["after_list"])
    items = _items(section.items, styles, kind)
    if outro and items:
        items[-1].keepWithNext = 1  # a section's closing sentence never opens a column alone
    return [heading, *intro, *figure, *items, *outro]


def _items(items: tuple[Item, ...], styles: dict, kind: str) -> list[Flowable]:
    """A bullet per item, each kept whole; a list of bare terms only is set side by side when they fit.

    A list with any definition or figure is stacked throughout: terms side by side above a
    stacked bullet read as two lists. A short list of bare terms is kept in one piece. An
    item's figure follows its text, lined up with it.
    """
    item_style = styles["item"]
    if any(item.figure for item in items):
        return [block for item in items for block in _term_with_figure(item, styles, kind)]
    if any(item.said for item in items):
        return [_term(item, item_style) for item in items]
    return _short_list(list(items), item_style)


def _term_with_figure(item: Item, styles: dict, kind: str) -> list[Flowable]:
    if item.figure is None:
        return [_term(item, styles["item"])]
    # One block: the picture never opens a column away from its item.
    return [KeepTogether([_term(item, styles["item"]), figure_block(item.figure, styles, kind, in_item=True)])]


def _term(item: Item, item_style: ParagraphStyle) -> Paragraph:
    if item.sentence:  # the article's own line, the term in bold where it starts
        parts = [Bold(item.term), item.rest]
    elif item.definition is None:
        parts = [Bold(item.term)]
    else:
        parts = [Bold(item.term), ": ", item.definition]
    return declare(paragraph(item_style, *parts, bullet=BULLET, whole=True), ITEM)


def _short_list(items: list[Item], item_style: ParagraphStyle) -> list[Flowable]:
    """Bare terms in as few rows as fit, read across then down as the source lists them."""
    rows, widths = _grid(items, item_style)
    # A short list of short terms moves whole; a term of hundreds of letters could not.
    short = len(items) <= style.HANDOUT_SHORT_LIST_ITEMS and all(
        stringWidth(item.term, BOLD, item_style.fontSize) <= 2 * item_style.measure for item in items
    )
    if len(widths) == 1 and not short:
        return [_term(item, item_style) for item in items]
    cells = [[_term(item, item_style) for item in row] + [""] * (len(widths) - len(row)) for row in rows]
    return [
        _table(
            cells,
            widths,
            item_style,
            bottom=item_style.spaceAfter,
            spaceAfter=item_style.spaceAfter,
            kind=_WholeTable if short else Table,
        )
    ]


class _WholeTable(Table):
    """A short list of short terms, moved whole to the next column rather than split 2 | 2."""

    def split(self, available_width: float, available_height: float) -> list:
        return []


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
    return [declare(paragraph(first if n == 0 and first else body, text), PARAGRAPH) for n, text in enumerate(texts)]


def _title(article: Article, styles: dict) -> list[Flowable]:
    size, space = styles["body"].fontSize, style.HANDOUT_SPACE
    rule = HRFlowable(
        width="100%",
        thickness=size * space["title_rule"],
        color=style.ACCENT,
        spaceBefore=size * space["title_rule"],
        spaceAfter=size * space["after_title"],
    )
    return [declare(balanced(styles["title"], article.title), TITLE), rule]


def _check_header(article: Article, clinic: Clinic | None, styles: dict, layout: Layout) -> None:
    """Refuse, naming the field, a title or clinic block that would leave page 1 no room for text."""
    room = (layout.pagesize[1] - 2 * style.HANDOUT_MARGIN) * style.HANDOUT_HEADER_SHARE
    header = [*_clinic(clinic, styles, layout.width), *_title(article, styles)]
    if height(header, layout.width) <= room:
        return
    # Each field's height, keyed by (which input, its key, how the message names it).
    fields = {("article", "title", "the title"): height(_title(article, styles), layout.width)}
    if clinic:
        left, right = layout.width * style.HANDOUT_CLINIC_SPLIT, layout.width * (1 - style.HANDOUT_CLINIC_SPLIT)
        for key, style_name, width in (
            ("name", "clinic", left),
            ("address", "address", left),
            ("phone", "contact", right),
            ("website", "contact", right),
        ):
            text = getattr(clinic, key) or ""
            fields[("clinic", key, f"the clinic's {key}")] = height([paragraph(styles[style_name], text)], width)
    input, key, name = field = max(fields, key=fields.get)
    raise ContentError(
        f"{name} is too long for the handout: it would fill {fields[field] / room:.0%} of the "
        f"room the first page has for its heading; shorten it",
        input=input,
        field=(key,),
    )


def _clinic(clinic: Clinic | None, styles: dict, width: float) -> list[Flowable]:
    """The clinic's name and address on the left, how to reach it on the right, on a pale band."""
    if clinic is None:
        return []
    left = [paragraph(styles["clinic"], clinic.name)]
    left += [paragraph(styles["address"], clinic.address)] if clinic.address else []
    right = [paragraph(styles["contact"], Bold(clinic.phone))]
    right += [paragraph(styles["contact"], Link(clinic.website))] if clinic.website else []
    size = styles["body"].fontSize
    pad = size * style.HANDOUT_CLINIC_PADDING
    widths = [width * style.HANDOUT_CLINIC_SPLIT, width * (1 - style.HANDOUT_CLINIC_SPLIT)]
    table = _table(
        [[left, right]], widths, styles["body"], pad, pad, pad, spaceAfter=size * style.HANDOUT_SPACE["after_title"]
    )
    table.setStyle([("BACKGROUND", (0, 0), (-1, -1), style.HANDOUT_TINT), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    return [declare(table, CLINIC)]


def _closing(article: Article, clinic: Clinic | None, words: Words, styles: dict, width: float) -> list[Flowable]:
    """The end, kept whole so that no page holds it alone: summary, how to reach the clinic, the note."""
    about = _about(article, words, styles, width)
    # The closing note stays whole too: when the closing matter is longer than a page, it is
    # split before the note, never between the disclaimer and the date of review. (Kept with
    # the next: a KeepTogether inside another one always breaks the page.)
    for block in about[:-1]:
        block.keepWithNext = 1
    blocks = [*_summary(article, styles, width), *_contact(clinic, words, styles), *about]
    for block in blocks:
        block.ends_sections = True  # a page that begins here repeats no section title
    return [KeepTogether(blocks)]


def _summary(article: Article, styles: dict, width: float) -> list[Flowable]:
    """The article's closing text, its own words only, set apart on a tint.

    Paragraphs on a background rather than a table: a closing text longer than a column
    still breaks between lines, where a table's row could not.
    """
    texts = article.outro
    if not texts:
        return []
    size = styles["body"].fontSize
    pad, gap = size * style.HANDOUT_CLINIC_PADDING, styles["body"].spaceAfter
    # The tint's padding above the first paragraph is room the box takes, not space before it:
    # a page's top drops the space before, and the tint would reach into the top margin.
    room = Spacer(0, pad)
    room.spaceBefore, room.keepWithNext = size * style.HANDOUT_SPACE["section"], 1
    blocks: list[Flowable] = [room]
    # Where paragraphs are a blank line apart (large print), the box keeps one below its tint
    # too; in regular print the next block's own space before clears the padding.
    after = pad + gap if gap >= styles["body"].leading else pad
    for n, text in enumerate(texts):
        # Paragraphs a full paragraph's space apart (reportlab keeps the larger of the space
        # after one and before the next), their tints meeting half way.
        top = pad if n == 0 else gap / 2
        bottom = pad if n == len(texts) - 1 else gap / 2
        box = ParagraphStyle(
            f"summary{n}",
            parent=styles["summary"],
            backColor=style.HANDOUT_TINT,
            leftIndent=pad,
            rightIndent=pad,
            borderPadding=(top, pad, bottom, pad),
            spaceBefore=0 if n == 0 else gap,
            spaceAfter=after if n == len(texts) - 1 else 0,
            allowWidows=0,
            allowOrphans=0,
        )
        blocks.append(declare(paragraph(box, text), SUMMARY))
    return blocks


def _contact(clinic: Clinic | None, words: Words, styles: dict) -> list[Flowable]:
    """How to reach the clinic, again at the end where a question arises: the phone in bold."""
    if clinic is None:
        return []
    template = words.questions_online if clinic.website else words.questions
    before_phone, _, rest = template.partition("{phone}")
    before_site, _, after = rest.partition("{website}")
    parts = [before_phone, Bold(clinic.phone), before_site]
    parts += [Link(clinic.website), after] if clinic.website else []
    space = styles["body"].fontSize * style.HANDOUT_SPACE["section"]
    return [paragraph(ParagraphStyle("contact_end", parent=styles["contact_end"], spaceBefore=space), *parts)]


def _about(article: Article, words: Words, styles: dict, width: float) -> list[Flowable]:
    """The closing note: what the handout is not, when it was reviewed, where it comes from."""
    gap = styles["body"].fontSize * style.HANDOUT_SPACE["closing_rule"]
    rule = HRFlowable(
        width="100%", thickness=style.HANDOUT_RULE_WIDTH, color=style.RULE, spaceBefore=gap, spaceAfter=gap
    )
    url = article.source.url if article.source else None
    qr = bool(url and is_web_address(url))
    code_column = _qr_column(styles) if qr else 0
    about = ParagraphStyle("about_note", parent=styles["about"], measure=width - code_column)
    note: list[Flowable] = [
        paragraph(about, Bold(words.disclaimer)),
        paragraph(about, words.reviewed.format(date=words.format_date(article.reviewed))),
    ]
    if article.review_due:
        note.append(paragraph(about, words.next_review.format(date=words.format_date(article.review_due))))
    if attribution(article):
        before, _, after = words.source.partition("{source}")
        name = article.source.name
        pieces = [name + ", ", Link(url)] if name and url else [Link(url) if url else name]
        note.append(paragraph(about, before, *pieces, after))
    note = [declare(block, CLOSING) for block in note]
    if not qr:
        return [rule, *note]
    return [rule, _beside_qr(note, url, words, styles, width, code_column)]


def _qr_column(styles: dict) -> float:
    """The width beside the note for the QR code and its label, with a gap before it."""
    return style.HANDOUT_QR_SIZE * style.HANDOUT_QR_COLUMN + styles["body"].fontSize


def _beside_qr(note: list[Flowable], url: str, words: Words, styles: dict, width: float, column: float) -> Table:
    """The note on the left, a QR code that leads to the source on the right, labelled under it."""
    from reportlab.graphics.barcode.qr import QrCodeWidget  # here: reportlab's barcodes cost a handout without one 8 ms

    side, gap = style.HANDOUT_QR_SIZE, styles["body"].fontSize
    code = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = code.getBounds()
    drawing = Drawing(
        side, side, transform=[side / (x1 - x0), 0, 0, side / (y1 - y0), 0, 0], initialFontName=REGULAR
    )  # else it names Helvetica, a font never embedded
    drawing.add(code)
    declare(drawing, figure(f"{words.qr_label}: {url}"))
    label_style = ParagraphStyle("qr_label", parent=styles["qr_label"], measure=column - gap)
    table = _table(
        [[note, [drawing, paragraph(label_style, words.qr_label)]]], [width - column, column], styles["body"]
    )
    table.setStyle([("LEFTPADDING", (1, 0), (1, 0), gap)])
    return table


def _table(
    cells: list,
    widths: list[float],
    text_style: ParagraphStyle,
    bottom: float = 0,
    top: float = 0,
    sides: float = 0,
    kind: type = Table,
    **options,
) -> Table:
    """A borderless table of Paragraphs, in our font: else reportlab names Helvetica in the PDF."""
    table = kind(cells, colWidths=widths, hAlign="LEFT", **options)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("FONTSIZE", (0, 0), (-1, -1), text_style.fontSize),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), sides),
                ("RIGHTPADDING", (0, 0), (-1, -1), sides),
                ("TOPPADDING", (0, 0), (-1, -1), top),
                ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
            ]
        )
    )
    return table
