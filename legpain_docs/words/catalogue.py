"""What a catalogue of fixed words holds (`Words`); one module per language fills one in.

A renderer never spells a phrase itself: it asks `words_for(article.language)` and fills the
phrase's {placeholders} with `str.format`. So the handout, the cards, the deck and the web
handout say the same thing in the same words, and a translation is one catalogue.
Only editorial text lives here (labels, prompts, the disclaimer, printing instructions):
never a medical statement, which only the article's source may make.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Article
from .forms import Forms

_COUNTED = 10_000  # the counts whose "one" a catalogue's Forms lists (0 to this); Babel beyond


@dataclass(frozen=True)
class Words:
    """One language's fixed phrases. `{name}` placeholders are filled by the renderer."""

    language: str  # the primary language subtag: "en"
    name: str  # the language's name in English, for error messages: "English"
    locale: str  # the CLDR locale of dates and plurals; a tag's region refines it ("es-MX" -> "es_MX")
    forms: Forms  # the catalogue's own locale's dates, numbers and plurals, written out (Babel for the others)
    # Shared by every output
    disclaimer: str
    reviewed: str  # "Reviewed: {date}"
    next_review: str  # "Next review: {date}", printed when the article or its library sets one
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
    term_prompt: str  # on a card that shows a definition and asks for its term
    definition_prompt: str  # on a card that shows a term and asks what the article says of it
    list_prompt: str  # on a card that shows a list up to a hidden entry
    retired: str  # before the section's name on a retired card (its item left the article or the deck)
    # The deck's release notes (one release per build that changed what students get)
    changes_new: str  # "{term}"
    changes_reworded: str  # "{term}"
    changes_retired: str  # "{term}"
    changes_latest: str  # before the latest releases in the deck's description
    # The printable cards and their printing guide
    cards_subject: str
    cards_title: str  # "{title} — Flashcards"
    cards_none: str  # markup; "{title}"
    guide_bookmark: str
    guide_title: str
    guide_summary: str  # markup; "{cards}", "{sheets}", "{paper}", "{per_sheet}", "{size}"
    papers: dict[str, str]  # paper -> its name, as the print dialog and the shop call it
    card_size: str  # "{width_in} × {height_in} in ({width_mm} × {height_mm} mm)"; inches only where they are used
    # markup, unnumbered (the guide sets them as a numbered list); "{edge}", "{edge_name}", "{first}", "{last}",
    # "{fronts}", "{backs}"
    guide_steps: tuple[str, ...]
    guide_made_from: str  # "{title}", "{date}"
    guide_source: str  # "; source: {source}"
    blank_back: str
    sheet_fronts: str  # "Cards {first}–{last}: fronts"
    sheet_backs: str
    card_number: str  # "Card {number}": how a card's printed number is read aloud
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
    # The EPUB book
    contents: str  # the table of contents' heading
    epub_accessibility: str  # the book's accessibility summary, for reading systems and catalogues
    epub_accessibility_pictures: str  # the same, for a book with pictures (each with its alt text)
    # The braille edition and the guide to embossing it
    braille_item: str  # "{term}: {definition}", one item of a list on its own line
    # A figure in braille: its description, in place of the picture, as a transcriber's note
    braille_picture: str  # "Picture: {alt}"
    braille_caption: str  # "Caption: {caption}"
    braille_credit: str  # "Credit: {credit}"
    braille_code: str  # the braille code the language's liblouis table writes
    braille_pages: tuple[str, str]  # "{n} braille page", "{n} braille pages"
    braille_guide_title: str  # "{title}"
    braille_guide_summary: str  # "{file}", "{pages}", "{cells}", "{lines}", "{code}"
    braille_guide_steps: tuple[str, ...]  # "{cells}", "{lines}"

    def count(self, number: int, noun: tuple[str, str]) -> str:
        """ "{n} card" or "{n} cards", by the language's own plural rule (French: 0 and 1 are singular)."""
        if self.forms.locale == self.locale and 0 <= number <= _COUNTED:
            return (noun[0] if number in self.forms.one else noun[1]).format(n=number)
        from .cldr import load_babel

        load_babel()
        from babel import Locale  # only the printable cards count things; `check` never pays for Babel

        singular = Locale.parse(self.locale).plural_form(number) == "one"
        return (noun[0] if singular else noun[1]).format(n=number)

    def number(self, value: float) -> str:
        """A measure with at most one decimal, as the language writes it ("88.9", "88,9")."""
        written = self.forms.number(value) if self.forms.locale == self.locale else None
        if written is not None:
            return written
        from .cldr import load_babel

        load_babel()
        from babel.numbers import format_decimal

        return format_decimal(value, format="0.#", locale=self.locale)

    def format_date(self, day: dt.date) -> str:
        """A date as this language writes it (CLDR's long form, by Babel); never strftime, whose words
        follow the machine's locale."""
        if self.forms.locale == self.locale:
            return self.forms.date(day)
        from .cldr import load_babel

        load_babel()
        from babel.dates import format_date

        return format_date(day, format="long", locale=self.locale)


def attribution(article: Article) -> str | None:
    """The article's source as one line ("name, url"), or None when it names none."""
    if article.source is None:
        return None
    return ", ".join(part for part in (article.source.name, article.source.url) if part) or None
