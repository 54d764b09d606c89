"""Every view of one article, built into a folder: the web page, the handout's and the cards'
pages as images, the deck's cards as Anki shows them, and the reading level.

Nothing is written beside the source: the deck record is read, never updated, and every
file goes to the preview's own temporary folder.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ContentError, UserError
from ..model import Article, Clinic

MAX_GRADE = 8  # the reading-level target, as `make readability` has it by default
PAGE_SCALE = 1.25  # the page images' pixels per point: sharp on a laptop, quick to encode


@dataclass(frozen=True)
class Options:
    """The variant asked for, besides the default handout (Letter, regular print)."""

    paper: str = "letter"
    large_print: bool = False
    flip: str = "long"
    clinic: str | None = None
    library: str | None = None


@dataclass(frozen=True)
class Views:
    """One article's views, as files in a folder of their own."""

    title: str
    folder: Path
    images: dict[str, list[str]] = field(default_factory=dict)  # a caption -> its pages' image files
    deck: int = 0  # cards in deck.html: those a student's Anki shows
    retired: int = 0  # retired notes after them, which ship without a card
    readability: tuple[str, ...] = ()


def build(source: str, options: Options, folder: Path) -> Views:
    """Every view of `source` in `folder` (made here); a UserError holds every problem found."""
    from ..build.epoch import build_epoch
    from ..build.problems import content_problem
    from ..load.walk import load_article, load_clinic, load_library
    from ..review import scheduled

    library = load_library(options.library) if options.library else None
    article = scheduled(load_article(source), library)  # its next review, as `make pdf` and `make html` print it
    clinic = load_clinic(options.clinic) if options.clinic else None
    _refuse_what_check_refuses(source, article, options, clinic)
    folder.mkdir(parents=True)
    try:
        return _render(source, article, clinic, options, folder, build_epoch(article))
    except ContentError as err:
        raise UserError(content_problem(err, source, options.clinic)) from None


def _refuse_what_check_refuses(source: str, article: Article, options: Options, clinic: Clinic | None) -> None:
    from ..build.problems import content_problem
    from ..fit.outputs import refusals

    clinics = {options.clinic: clinic} if clinic else {}
    problems = [content_problem(err, source, path) for err, path in refusals(article, clinics)]
    if problems:
        raise UserError(list(dict.fromkeys(problems)))


def _render(source: str, article: Article, clinic: Clinic | None, options: Options, folder: Path, epoch: int) -> Views:
    from ..render.cards import render_cards
    from ..render.handout import render_handout
    from ..render.web import render_web

    (folder / "web.html").write_bytes(render_web(article, clinic=clinic))
    images = {"Handout, Letter": _pages(render_handout(article, clinic=clinic, epoch=epoch), folder, "handout")}
    if (options.paper, options.large_print) != ("letter", False):
        variant = render_handout(
            article, paper=options.paper, large_print=options.large_print, clinic=clinic, epoch=epoch
        )
        name = " ".join(
            ["A4" if options.paper == "a4" else "Letter", *(["large print"] if options.large_print else [])]
        )
        images[f"Handout, {name}"] = _pages(variant, folder, "variant")
    cards = render_cards(article, paper=options.paper, flip=options.flip, epoch=epoch)
    images["Printable cards"] = _pages(cards, folder, "cards")
    deck, retired = _deck(source, article, folder / "deck.html", epoch)
    return Views(article.title, folder, images, deck, retired, tuple(_readability(source, article)))


def _pages(pdf: bytes, folder: Path, stem: str) -> list[str]:
    """Each page of the PDF as an image in `folder`, as pdfium (Chrome's PDF engine) draws it."""
    import pypdfium2

    names = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        for number, page in enumerate(document, 1):
            name = f"{stem}-{number}.jpg"  # JPEG: a tenth of PNG's time to encode, sharp enough for a glance
            page.render(scale=PAGE_SCALE).to_pil().save(folder / name, quality=85)
            names.append(name)
    finally:
        document.close()
    return names


def _deck(source: str, article: Article, out: Path, epoch: int) -> tuple[int, int]:
    """The deck's cards, front and back, from the note types' own templates and CSS, then its retired notes;
    how many of each. The record is only read.

    A retired note ships without its card (a new student never gets one), so it is not counted as
    a card; it is shown last, as a student who had its card sees it."""
    from ..names import record_path
    from ..render.deck import publish
    from ..render.deck.note_types import CSS, note_type
    from ..render.deck.record_file import read_record
    from ..words import words_for

    publication = publish(article, read_record(record_path(source)), epoch=epoch)
    words = words_for(article.language)
    cards = []
    entries = sorted(publication.entries, key=lambda entry: entry.retired)  # stable: the deck's order within each
    for entry in entries:
        kind = note_type(entry.note.kind, words)
        values = dict(zip((f["name"] for f in kind.model.fields), entry.note.fields))
        template = kind.model.templates[0]
        retired = " (retired)" if entry.retired else ""
        cards.append(
            f'<section class="note" aria-label="{html.escape(entry.note.term, quote=True)}{retired}">'
            f'<div class="card front">{fill(template["qfmt"], values)}</div>'
            f'<div class="card back">{fill(template["afmt"], values)}</div></section>'
        )
    page = (
        f'<!DOCTYPE html><html lang="{html.escape(article.language)}"><head><meta charset="utf-8">'
        f"<title>Deck: {html.escape(article.title)}</title><style>{CSS}{DECK_CSS}</style></head>"
        f"<body><main>{''.join(cards)}</main></body></html>"
    )
    out.write_text(page, encoding="utf-8")
    retired = sum(entry.retired for entry in entries)
    return len(cards) - retired, retired


DECK_CSS = """
main { display: grid; gap: 1rem; padding: 1rem; }
.note { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: .5rem; }
.note .card { border: 1px solid #8884; border-radius: .5rem; padding: .75rem; margin: 0; }
"""


def fill(template: str, values: dict[str, str]) -> str:
    """An Anki template with its fields filled: `{{Field}}`, and `{{#Field}}...{{/Field}}` kept when the field has text."""
    import re

    def section(found: re.Match) -> str:
        return found.group(2) if values.get(found.group(1), "").strip() else ""

    template = re.sub(r"\{\{#([^}]+)\}\}(.*?)\{\{/\1\}\}", section, template, flags=re.S)
    return re.sub(r"\{\{([^#/}][^}]*)\}\}", lambda found: values.get(found.group(1), ""), template)


def _readability(source: str, article: Article) -> list[str]:
    from ..load.positions import positions_of
    from ..readability.report import report

    return report(source, article, positions_of(source), MAX_GRADE)[0]
