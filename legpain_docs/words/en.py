"""The English catalogue: every fixed word the outputs print in English."""

from .catalogue import Words
from .forms import Forms

ENGLISH = Words(
    language="en",
    name="English",
    # British English's long date, "23 November 2026": what the handout has always printed, and
    # unambiguous. An article tagged en-US gets "November 23, 2026".
    locale="en_GB",
    # CLDR's en_GB: long date "d MMMM y", decimal ".", plural "one" for 1
    forms=Forms(
        "en_GB",
        (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        "{day} {month} {year}",
        ".",
        frozenset({1}),
    ),
    disclaimer="This handout does not replace advice from your doctor or other clinician.",
    reviewed="Reviewed: {date}",
    next_review="Next review: {date}",
    source="Source: {source}",
    handout_subject="Patient handout",
    page="Page {page} of {total}",
    notes="Notes",
    continued="{title} (continued)",
    qr_label="Scan to read the source online",
    deck_description="Flashcards from “{title}”, reviewed {date}.",
    reviewed_short="reviewed {date}",
    term_prompt="Which term is this?",
    definition_prompt="What does the article say about it?",
    list_prompt="Which item comes next in the list?",
    retired="Retired card",
    changes_new="New: {term}",
    changes_reworded="Reworded: {term}",
    changes_retired="Retired: {term}",
    changes_latest="What changed",
    cards_subject="Printable double-sided flashcards: the term on the front, the definition on the back",
    cards_title="{title} — Flashcards",
    cards_none=(
        "No item of “{title}” has a definition yet, so there are no cards to print: "
        "an item with a <b>definition</b> becomes a card."
    ),
    guide_bookmark="How to print",
    guide_title="How to print these flashcards",
    guide_summary=(
        "{cards} on {sheets} of {paper} paper, {per_sheet} to a sheet, each {size}: the term on the "
        "front, its definition on the back, and the card's number on both sides."
    ),
    papers={"letter": "Letter", "a4": "A4"},
    card_size="{width_in} × {height_in} in ({width_mm} × {height_mm} mm)",
    guide_steps=(
        "<b>Print at 100%.</b> In the print dialog choose “Actual size” or a scale of 100%, never "
        "“Fit to page” or “Shrink oversized pages”: any scaling moves the backs off their fronts.",
        "<b>Print double-sided, flipping on the {edge}</b> ({edge_name}). Print every page: this "
        "sheet's back is left blank so that each card's back lands behind its front. Or print pages "
        "{first}–{last} alone to save this sheet.",
        "<b>Check the first sheet</b> against a light: each card's back, number and all, should show "
        "through inside the same card's outline on the front.",
        "<b>If your printer misaligns the two sides,</b> print the fronts alone ({fronts}), turn the "
        "printed stack over along its {edge} and put it back in the paper tray, then print the backs "
        "({backs}). Try one sheet first: printers differ in which way up the stack goes back in.",
        "<b>Cut along the cut marks</b> on the fronts. The cards touch, so one straight cut along a pair "
        "of marks separates two rows or columns at once; a paper trimmer is quickest. The marks lie "
        "outside the cards and leave no trace on them.",
    ),
    guide_made_from="Made from “{title}”, reviewed {date}",
    guide_source="; source: {source}",
    blank_back=(
        "This side is blank on purpose: it keeps each card's back behind its front when the whole "
        "file is printed double-sided."
    ),
    sheet_fronts="Cards {first}–{last}: fronts",
    sheet_backs="Cards {first}–{last}: backs",
    card_number="Card {number}",
    card=("{n} card", "{n} cards"),
    sheet=("{n} sheet", "{n} sheets"),
    edges={
        "long": ("long edge", "“Flip on long edge” or “Long-edge binding”"),
        "short": ("short edge", "“Flip on short edge” or “Short-edge binding”"),
    },
    one_page="page {page}",
    some_pages="pages {pages} and {last}",
    every_other_page={"odd": "odd pages {first} to {last}", "even": "even pages {first} to {last}"},
    summary="Summary",
    questions="Questions? Call {phone}.",
    questions_online="Questions? Call {phone} or visit {website}.",
    contents="Contents",
    epub_accessibility=(
        "A reflowable book of text alone: headings, lists and a table of contents give its structure, "
        "the text follows the reading order, and the reader's own font, size and colours apply. "
        "It meets WCAG 2.2 at level AA."
    ),
    epub_accessibility_pictures=(
        "A reflowable book of text and pictures: every picture has a text alternative, "
        "so the text alone gives all of it; headings, lists and a table of contents give "
        "its structure, the text follows the reading order, and the reader's own font, "
        "size and colours apply. It meets WCAG 2.2 at level AA."
    ),
    braille_item="{term}: {definition}",
    braille_picture="Picture: {alt}",
    braille_caption="Caption: {caption}",
    braille_credit="Credit: {credit}",
    braille_code="Unified English Braille, grade 2 (contracted)",
    braille_pages=("{n} braille page", "{n} braille pages"),
    braille_guide_title="How to emboss the braille edition of “{title}”",
    braille_guide_summary=(
        "{file} holds {pages} of {cells} cells by {lines} lines, in {code}, ready to emboss: "
        "the title, the whole article, the disclaimer and the review date."
    ),
    braille_guide_steps=(
        "1. Send the file to the embosser as formatted braille (BRF, North American ASCII braille), with the "
        "embosser software's own braille translation turned off: the file is braille already.",
        "2. Set the page to {cells} cells per line and {lines} lines per page. Each page ends with a form feed, "
        "and its last line holds only the braille page number, at the right.",
        "3. Emboss on braille paper, on one side or both (interpoint), as the reader prefers.",
        "4. Check the first page: the title is centred on its first line and the number 1 stands at the right "
        "of its last line. If lines run over or pages break early, the cells or lines per page are set wrong.",
        "5. Do not print the file on an ink printer: its letters are braille codes, not text.",
    ),
)
