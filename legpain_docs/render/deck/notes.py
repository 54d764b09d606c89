"""An article's notes as content: which notes, their guids, their fields and tags; no dates.

An item with a definition gives a term note (term -> definition) and, unless it sets
`reverse: false`, a reverse note (definition -> term); an item written as a sentence gives
a term note only (its examples have many right answers, or none); an item in a section of
two or more gives a list note (the section's list up to that item, which is hidden). Every
note has one card.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from ... import ids, keys
from ...model import Article, Figure, Section
from ...words import Words, words_for
from .media import media_name
from .occlusion import KIND as OCCLUSION
from .occlusion import occlusion_fields, occlusion_key

# Literal text must never become markup, a template tag, a cloze, a sound or a formula:
# these characters are written as character references, which show the same character but
# which Anki's template, cloze, [sound:], [latex] and [$] parsers never see. (MathJax reads
# the page after those references are resolved; the cards' sheet tells it to keep out.)
INERT = str.maketrans({"{": "&#123;", "}": "&#125;", "[": "&#91;", "]": "&#93;", "\\": "&#92;"})
BLANK = "___"
# Words of the term that stay in the clue: they tell nothing of the answer.
FUNCTION_WORDS = frozenset("of and the a an in on or to for with due by".split())
# A clue word this long is hidden when it is inside a term word or holds one ('arthritis'
# for Osteoarthritis); shorter ones would catch too much ('art').
SHORTEST_CONTAINED = 5


@dataclass(frozen=True)
class Note:
    """One note of the deck, as Anki stores it, without its dates."""

    guid: str
    kind: str  # a key of note_types.FIELDS
    key: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    media: tuple[tuple[str, bytes], ...] = ()  # (file name, bytes) of the pictures its fields show
    # The article's texts the card shows before and after its answer is revealed (plain text):
    # what order.py keeps apart so that no new card shows another's answer.
    question: tuple[str, ...] = ()
    answer: tuple[str, ...] = ()

    @property
    def term(self) -> str:
        """The item's term as plain text (every kind's first field); a drawing's part's label."""
        return html.unescape(self.fields[3] if self.kind == OCCLUSION else self.fields[0])


def notes_of(article: Article) -> list[Note]:
    """Every note of the article's deck, in the article's order; the parts of the article's own drawing first."""
    words = words_for(article.language)
    source = source_line(article)
    notes = _part_notes(article, (article.id,), field_text(article.title), "article", article.figure)
    return notes + [
        note
        for section in article.sections
        if section.flashcards
        for note in _section_notes(article, section, source, words)
    ]


def _section_notes(article: Article, section: Section, source: str, words: Words) -> list[Note]:
    """Each item's term and reverse notes in turn, then one list note per item."""
    tags = (f"{article.id}::{section.id}",)
    title = field_text(section.title)
    notes = []
    for item in section.defined_items:
        key = keys.item_key(item)
        said = item.said or ""
        # The item's picture is on the back, with what the article says: never on the reverse's front,
        # where it could give the term away.
        term, back = field_text(item.term), field_text(said) + figure_html(item.figure)
        media = _media(item.figure)
        notes.append(
            Note(
                ids.note_guid(article.id, key, "term"),
                "term",
                key,
                (term, back, title, source),
                tags,
                media,
                question=(item.term,),
                answer=(item.term, said),
            )
        )
        if item.reverse and not item.sentence:
            clue = hide_term_words(said, item.term)
            notes.append(
                Note(
                    ids.note_guid(article.id, key, "reverse"),
                    "reverse",
                    key,
                    (term, field_text(clue), back, title, source),
                    tags,
                    media,
                    question=(clue,),
                    answer=(said, item.term),
                )
            )
    if len(section.items) >= 2:
        notes += _list_notes(article, section, source, tags)
    return notes + _occlusions(article, section, tags, title)


def _list_notes(article: Article, section: Section, source: str, tags: tuple[str, ...]) -> list[Note]:
    """One note per entry: the entries before it shown, it hidden, the ones after it on neither
    side (so no list card shows the entry a later one asks for), below the list's lead-in and
    the section's picture."""
    lead = list_lead(section.intro)
    intro = (f"<p>{field_text(lead)}</p>" if lead else "") + figure_html(section.figure)
    terms = [item.term for item in section.items]
    notes = []
    for number, item in enumerate(section.items):
        before = "".join(f"<li>{field_text(term)}</li>" for term in terms[:number])
        key = keys.item_key(item)
        notes.append(
            Note(
                ids.note_guid(article.id, key, "list"),
                "list",
                key,
                (field_text(item.term), before, "", field_text(section.title), intro, source),
                tags,
                _media(section.figure),
                question=tuple(terms[:number]),
                answer=tuple(terms[: number + 1]),
            )
        )
    return notes


def list_lead(intro: tuple[str, ...]) -> str:
    """The intro's last sentence when it leads into the list ("Common causes include:"), else ''.

    A list card shows the list, not the whole introduction every time.
    """
    if not intro or not intro[-1].rstrip().endswith(":"):
        return ""
    return re.split(r"(?<=[.!?])\s+", intro[-1].strip())[-1]


def _occlusions(article: Article, section: Section, tags: tuple[str, ...], title: str) -> list[Note]:
    """The notes of the labelled parts of the section's drawing, then of each item's."""
    notes = _part_notes(article, tags, title, f"section:{section.id}", section.figure)
    for item in section.items:
        notes += _part_notes(article, tags, title, f"item:{keys.item_key(item)}", item.figure)
    return notes


def _part_notes(article: Article, tags: tuple[str, ...], header: str, owner: str, figure: Figure | None) -> list[Note]:
    """An image-occlusion note for each labelled part of the figure's drawing (occlusion.py)."""
    if figure is None:
        return []
    return [
        Note(
            ids.note_guid(article.id, key, OCCLUSION),
            OCCLUSION,
            key,
            occlusion_fields(figure, part, header, field_text(part.label)),
            tags,
            _media(figure),
            answer=(part.label,),
        )
        for part in figure.file.parts
        for key in [occlusion_key(owner, part)]
    ]


def figure_html(figure: Figure | None) -> str:
    """The picture scaled to the card, with its alt text, and its caption and credit beneath; '' for none.

    Sized in the tag itself: the cards' stylesheet is part of every note type, and a new one
    would update every note type of every deck.
    """
    if figure is None:
        return ""
    alt = html.escape(figure.alt, quote=True).translate(INERT)
    image = f'<img src="{media_name(figure.file)}" alt="{alt}" style="max-width:100%;max-height:50vh;height:auto">'
    captions = "".join(
        f'<div class="source">{field_text(text)}</div>' for text in (figure.caption, figure.credit) if text
    )
    return f'<div class="figure">{image}{captions}</div>'


def _media(figure: Figure | None) -> tuple[tuple[str, bytes], ...]:
    return ((media_name(figure.file), figure.file.data),) if figure else ()


def hide_term_words(definition: str, term: str) -> str:
    """The definition with the term's words blanked: 'Spasm of the ___ muscle' for Piriformis syndrome.

    Every word of the term but a function word is hidden wherever the definition has it,
    in any case or accent, with its endings ('disc' in 'discs', 'sciatic' in 'sciatica');
    so is a definition word of five or more letters inside a term word or holding one
    ('Wear-and-tear ___ of the ___ joint' for Hip osteoarthritis).
    """
    hidden = [word for word in map(_plain, re.findall(r"\w+", term)) if word not in FUNCTION_WORDS]

    def blank(found: re.Match) -> str:
        word = _plain(found.group())
        return BLANK if any(_same_word(word, other) for other in hidden) else found.group()

    return re.sub(r"\w+", blank, definition)


def _plain(word: str) -> str:
    """The word in lower case without accents: 'Sciatique' and 'sciatique', 'névrite' and 'nevrite' agree."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).casefold()


def _same_word(word: str, term_word: str) -> bool:
    if word == term_word:
        return True
    # ('hip' stays in 'relationship': a term word of three letters is no sign of itself inside another)
    if len(word) >= SHORTEST_CONTAINED and (word in term_word or (len(term_word) >= 4 and term_word in word)):
        return True
    short, long = sorted((word, term_word), key=len)
    # One is the other with another ending: 'disc'/'discs', 'sciatic'/'sciatica', 'herniated'/'herniation'.
    return len(short) >= 4 and long.startswith(short[:-1]) and len(long) - len(short) <= 3


def source_line(article: Article) -> str:
    """Who published the article, or ''.

    Never its title or review date: every note holds this field, so a new title or date
    would update every note in every student's collection (and overwrite their own edits).
    The deck's name and description show both.
    """
    return field_text(article.source.name) if article.source and article.source.name else ""


def field_text(text: str) -> str:
    """Literal text as the HTML of a field: `<` shows as `<`, `{{` as `{{`, `[sound:` as `[sound:`."""
    return html.escape(text, quote=False).translate(INERT)
