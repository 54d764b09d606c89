"""The Anki package: one deck of term notes and list notes, as the bytes of an .apkg file.

A defined item becomes a term note (term to definition, definition to term); a section of
two or more items becomes a cloze list note with one card per item. What ties each note to
a student's review history is in ids.py; what makes the file byte-for-byte reproducible is
in _package and _zip.
"""

from __future__ import annotations

import html
import io
import itertools
import sqlite3
import time
import zipfile
from contextlib import closing
from importlib import resources

import genanki

from .. import ids
from ..errors import ContentError
from ..model import Article, Section
from ..words import ENGLISH, words_for

CSS = resources.files(__package__).joinpath("deck_style.css").read_text(encoding="utf-8")

TERM_FIELDS = ("Term", "Definition", "Section", "Source")
TERM_TEMPLATES = (
    ("Term → definition", """<div class="sheet">
<div class="label">{{Section}}</div>
<div class="term">{{Term}}</div>
</div>""", """<div class="sheet">
<div class="label">{{Section}}</div>
<div class="term">{{Term}}</div>
<hr id="answer">
<div class="definition">{{Definition}}</div>
<div class="source">{{Source}}</div>
</div>"""),
    ("Definition → term", """<div class="sheet">
<div class="label">{{Section}}</div>
<div class="definition">{{Definition}}</div>
<div class="prompt">%(term_prompt)s</div>
</div>""", """<div class="sheet">
<div class="label">{{Section}}</div>
<div class="definition">{{Definition}}</div>
<hr id="answer">
<div class="term">{{Term}}</div>
<div class="source">{{Source}}</div>
</div>"""),
)

LIST_FIELDS = ("Text", "Section", "Intro", "Source")
LIST_TEMPLATES = (
    ("List item", """<div class="sheet">
<div class="label">{{Section}}</div>
<div class="prompt">%(list_prompt)s</div>
{{#Intro}}<div class="intro">{{Intro}}</div>{{/Intro}}
{{cloze:Text}}
</div>""", """<div class="sheet">
<div class="label">{{Section}}</div>
{{#Intro}}<div class="intro">{{Intro}}</div>{{/Intro}}
{{cloze:Text}}
<div class="source">{{Source}}</div>
</div>"""),
)


# The note types are shared by every article in a student's collection, so their prompts are
# the English ones for now. (A translated prompt needs a note type of its own per language.)
_PROMPTS = {"term_prompt": ENGLISH.term_prompt, "list_prompt": ENGLISH.list_prompt}


def _note_type(model_id: int, name: str, fields: tuple, templates: tuple, **options) -> genanki.Model:
    return genanki.Model(
        model_id, name,
        fields=[{"name": field} for field in fields],
        templates=[{"name": n, "qfmt": q % _PROMPTS, "afmt": a % _PROMPTS} for n, q, a in templates],
        css=CSS, **options,
    )


TERM_NOTE_TYPE = _note_type(ids.TERM_NOTE_TYPE_ID, "legpain-docs term", TERM_FIELDS, TERM_TEMPLATES)
# Sorted by section in Anki's browser: the list text itself makes a poor sort key.
LIST_NOTE_TYPE = _note_type(ids.LIST_NOTE_TYPE_ID, "legpain-docs list", LIST_FIELDS, LIST_TEMPLATES,
                            model_type=genanki.Model.CLOZE, sort_field_index=1)

# Note and card ids are the build time in milliseconds. Some Anki versions refuse a package
# with an id more than a day ahead of their clock; the others accept it, and then the notes'
# future mod time outdates every later revision until that day (Anki updates only from a
# newer note). So a deck stamped after tomorrow is refused here.
ANKI_ID_SLACK_MS = 86_400_000
ZIP_DATES = ((1980, 1, 1, 0, 0, 0), (2107, 12, 31, 23, 59, 58))  # what a zip entry can record
# Literal text must never become markup, a template tag or a cloze: braces are written as
# character references, which show the same character but which Anki's parsers never see.
BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})


def build_deck(article: Article, *, epoch: int) -> bytes:
    """The .apkg file of the article's deck; every time stamp in it is `epoch` (seconds)."""
    words = words_for(article.language)
    description = words.deck_description.format(title=field_text(article.title), date=article.reviewed.isoformat())
    deck = genanki.Deck(ids.deck_id(article.id), article.title, description=description)
    source = _source_line(article)
    notes = [note for section in article.sections for note in _section_notes(article, section, source)]
    # A new card's due number is its place in the new-card queue: the article's order.
    for position, note in enumerate(notes, start=1):
        note.due = position
        deck.add_note(note)
    _check_importable(article, epoch, len(notes) + sum(len(note.cards) for note in notes))
    return _package(deck, epoch)


def _section_notes(article: Article, section: Section, source: str) -> list[genanki.Note]:
    """A section's term notes, then its list note when it has two items or more."""
    tags = [f"{article.id}::{section.id}"]
    title = field_text(section.title)
    notes = [
        genanki.Note(TERM_NOTE_TYPE, [field_text(item.term), field_text(item.definition), title, source],
                     tags=tags, guid=ids.term_guid(article.id, section.id, item.term))
        for item in section.defined_items
    ]
    if len(section.items) >= 2:
        intro = "".join(f"<p>{field_text(paragraph)}</p>" for paragraph in section.intro)
        notes.append(genanki.Note(LIST_NOTE_TYPE, [_list_text(section), title, intro, source],
                                  tags=tags, guid=ids.list_guid(article.id, section.id)))
    return notes


def _list_text(section: Section) -> str:
    """The section's terms as a list, each its own deletion, so each card hides one.

    Only the term is deleted and only terms are listed: the term notes already ask for
    the definitions, and a list of terms stays short enough for a phone.
    """
    items = "".join(f"<li>{cloze_text(number, item.term)}</li>" for number, item in enumerate(section.items, start=1))
    return f'<ul class="items">{items}</ul>'


def _source_line(article: Article) -> str:
    words = words_for(article.language)
    parts = [article.title, article.source.name if article.source else None,
             words.reviewed_short.format(date=article.reviewed.isoformat())]
    return " · ".join(field_text(part) for part in parts if part)


def field_text(text: str) -> str:
    """Literal text as the HTML of a field: `<` shows as `<`, `{{` as `{{`."""
    return html.escape(text, quote=False).translate(BRACES)


def cloze_text(number: int, text: str) -> str:
    """Deletion `number` of a cloze note, hiding `text`.

    Inside a deletion `::` would start Anki's hint, so colons are character references too.
    """
    return "{{c%d::%s}}" % (number, field_text(text).replace(":", "&#58;"))


def _check_importable(article: Article, epoch: int, id_count: int) -> None:
    if epoch * 1000 + id_count > time.time() * 1000 + ANKI_ID_SLACK_MS:
        cause = f"'reviewed' is {article.reviewed}" if epoch == article.reviewed_epoch else f"SOURCE_DATE_EPOCH is {epoch}"
        raise ContentError(f"the deck would be dated in the future ({cause}): Anki would refuse it "
                           "or let it block later updates; date it today or earlier")


def _package(deck: genanki.Deck, epoch: int) -> bytes:
    """The deck as the bytes of an .apkg: genanki's collection, in a zip with fixed dates.

    Genanki writes every time stamp from `epoch`: note and card mod times are `epoch`, and
    note and card ids count up from it in milliseconds. Ids are not identity (the guids
    are); Anki only needs them unique and not in the future. The collection is built in
    memory, so no temporary file is left behind by a failed build.
    """
    with closing(sqlite3.connect(":memory:")) as db:
        genanki.Package(deck).write_to_db(db.cursor(), epoch, itertools.count(epoch * 1000))
        db.commit()
        collection = db.serialize()
    return _zip([("collection.anki2", collection), ("media", b"{}")], epoch)


def _zip(entries: list[tuple[str, bytes]], epoch: int) -> bytes:
    """A zip of `entries` in this order whose bytes depend on nothing but its input.

    Stored, not deflated: a deflated stream can differ between zlib builds (zlib-ng, say),
    and the file must be the same on every machine.
    """
    low, high = ZIP_DATES
    stamp = max(low, min(high, time.gmtime(epoch)[:6]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3  # ZipInfo would say Windows or Unix after the building machine
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
