"""Every fixed word the outputs print, in one catalogue per language; no PDF or Anki code here.

A renderer never spells a phrase itself: it asks `words_for(article.language)` and fills the
phrase's {placeholders} with `str.format`. So the handout, the cards, the deck and the web
handout say the same thing in the same words, and a translation is one catalogue.
Only editorial text lives here (labels, prompts, the disclaimer, printing instructions):
never a medical statement, which only the article's source may make.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import Article


@dataclass(frozen=True)
class Words:
    """One language's fixed phrases. `{name}` placeholders are filled by the renderer."""

    language: str
    months: tuple[str, ...]  # January to December, as a date is written
    date: str  # "{day} {month} {year}"
    # Shared by every output
    disclaimer: str
    reviewed: str  # "Reviewed: {date}"
    source: str  # "Source: {source}"
    # The handout
    handout_subject: str
    page: str  # "Page {page} of {total}"
    notes: str
    continued: str  # "{title} (continued)", atop a page that begins inside a section
    qr_label: str  # beside the QR code, for whoever cannot scan it
    # The Anki deck
    deck_description: str  # "{title}", "{date}"
    reviewed_short: str  # "reviewed {date}", after the title on a card
    term_prompt: str
    list_prompt: str
    retired: str  # before the section's name on a retired card (its item left the article or the deck)
    # The printable cards and their printing guide
    cards_subject: str
    cards_title: str  # "{title} — Flashcards"
    cards_none: str  # markup; "{title}"
    guide_bookmark: str
    guide_title: str
    guide_summary: str  # markup; "{cards}", "{sheets}", "{paper}", "{per_sheet}", "{size}"
    guide_steps: tuple[str, ...]  # markup; "{edge}", "{edge_name}", "{first}", "{last}", "{fronts}", "{backs}"
    guide_made_from: str  # "{title}", "{date}"
    guide_source: str  # "; source: {source}"
    blank_back: str
    sheet_fronts: str  # "Cards {first}–{last}: fronts"
    sheet_backs: str
    card: tuple[str, str]  # singular, plural: "{n} card", "{n} cards"
    sheet: tuple[str, str]
    edges: dict[str, tuple[str, str]]  # flip -> (the edge, as the print dialog names it)
    one_page: str  # "page {page}"
    some_pages: str  # "pages {pages} and {last}"
    every_other_page: dict[str, str]  # parity -> "odd pages {first} to {last}"
    # The web handout
    summary: str  # the heading over the article's closing text
    questions: str  # "Questions? Call {phone}."
    questions_online: str  # "Questions? Call {phone} or visit {website}."

    def count(self, number: int, noun: tuple[str, str]) -> str:
        return (noun[0] if number == 1 else noun[1]).format(n=number)

    def format_date(self, day: dt.date) -> str:
        """A date as this language writes it; never strftime, whose words follow the machine's locale."""
        return self.date.format(day=day.day, month=self.months[day.month - 1], year=day.year)


def attribution(article: Article) -> str | None:
    """The article's source as one line ("name, url"), or None when it names none."""
    if article.source is None:
        return None
    return ", ".join(part for part in (article.source.name, article.source.url) if part) or None


ENGLISH = Words(
    language="en",
    months=("January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"),
    date="{day} {month} {year}",
    disclaimer="This handout does not replace advice from your doctor or other clinician.",
    reviewed="Reviewed: {date}",
    source="Source: {source}",
    handout_subject="Patient handout",
    page="Page {page} of {total}",
    notes="Notes",
    continued="{title} (continued)",
    qr_label="Scan to read the source online",
    deck_description="Flashcards from “{title}”, reviewed {date}.",
    reviewed_short="reviewed {date}",
    term_prompt="Which term is this?",
    list_prompt="Which item of the list is missing?",
    retired="Retired card",
    cards_subject="Printable double-sided flashcards: the term on the front, the definition on the back",
    cards_title="{title} — Flashcards",
    cards_none=("No item of “{title}” has a definition yet, so there are no cards to print: "
                "an item with a <b>definition</b> becomes a card."),
    guide_bookmark="How to print",
    guide_title="How to print these flashcards",
    guide_summary=("{cards} on {sheets} of {paper} paper, {per_sheet} to a sheet, each {size}: the term on the "
                   "front, its definition on the back, and the card's number on both sides."),
    guide_steps=(
        "<b>1. Print at 100%.</b> In the print dialog choose “Actual size” or a scale of 100%, never "
        "“Fit to page” or “Shrink oversized pages”: any scaling moves the backs off their fronts.",
        "<b>2. Print double-sided, flipping on the {edge}</b> ({edge_name}). Print every page: this "
        "sheet's back is left blank so that each card's back lands behind its front. Or print pages "
        "{first}–{last} alone to save this sheet.",
        "<b>3. Check the first sheet</b> against a light: each card's back, number and all, should show "
        "through inside the same card's outline on the front.",
        "<b>4. If your printer misaligns the two sides,</b> print the fronts alone ({fronts}), turn the "
        "printed stack over along its {edge} and put it back in the paper tray, then print the backs "
        "({backs}). Try one sheet first: printers differ in which way up the stack goes back in.",
        "<b>5. Cut along the cut marks</b> on the fronts. The cards touch, so one straight cut along a pair "
        "of marks separates two rows or columns at once; a paper trimmer is quickest. The marks lie "
        "outside the cards and leave no trace on them.",
    ),
    guide_made_from="Made from “{title}”, reviewed {date}",
    guide_source="; source: {source}",
    blank_back=("This side is blank on purpose: it keeps each card's back behind its front when the whole "
                "file is printed double-sided."),
    sheet_fronts="Cards {first}–{last}: fronts",
    sheet_backs="Cards {first}–{last}: backs",
    card=("{n} card", "{n} cards"),
    sheet=("{n} sheet", "{n} sheets"),
    edges={"long": ("long edge", "“Flip on long edge” or “Long-edge binding”"),
           "short": ("short edge", "“Flip on short edge” or “Short-edge binding”")},
    one_page="page {page}",
    some_pages="pages {pages} and {last}",
    every_other_page={"odd": "odd pages {first} to {last}", "even": "even pages {first} to {last}"},
    summary="Summary",
    questions="Questions? Call {phone}.",
    questions_online="Questions? Call {phone} or visit {website}.",
)

CATALOGUES = {"en": ENGLISH}


def words_for(language: str) -> Words:
    """The catalogue of a BCP 47 tag's primary language ("en-GB" -> English)."""
    return CATALOGUES[language.split("-")[0].lower()]
