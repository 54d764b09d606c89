"""An article's notes as content: which notes, their guids, their fields and tags; no dates.

An item with a definition gives a term note (term -> definition) and, unless it sets
`reverse: false`, a reverse note (definition -> term); an item in a section of two or more
gives a list note (the section's list with that item hidden). Every note has one card.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ... import ids, keys
from ...model import Article, Item, Section
from ...words import Words, words_for

# Literal text must never become markup, a template tag, a cloze, a sound or a formula:
# these characters are written as character references, which show the same character but
# which Anki's template, cloze, [sound:], [latex] and [$] parsers never see. (MathJax reads
# the page after those references are resolved; the cards' sheet tells it to keep out.)
INERT = str.maketrans({"{": "&#123;", "}": "&#125;", "[": "&#91;", "]": "&#93;", "\\": "&#92;"})
BLANK = "___"
# Words of the term shorter than this are kept in the clue ("of", "the", "and"), unless
# they hold a digit ("L5").
SHORTEST_HIDDEN = 4


@dataclass(frozen=True)
class Note:
    """One note of the deck, as Anki stores it, without its dates."""

    guid: str
    kind: str  # a key of note_types.FIELDS
    key: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]

    @property
    def term(self) -> str:
        """The item's term as plain text (every kind's first field)."""
        return html.unescape(self.fields[0])


def notes_of(article: Article) -> list[Note]:
    """Every note of the article's deck, in the article's order."""
    words = words_for(article.language)
    source = source_line(article)
    return [note for section in article.sections if section.flashcards
            for note in _section_notes(article, section, source, words)]


def _section_notes(article: Article, section: Section, source: str, words: Words) -> list[Note]:
    """Each item's term and reverse notes in turn, then one list note per item."""
    tags = (f"{article.id}::{section.id}",)
    title = field_text(section.title)
    notes = []
    for item in section.defined_items:
        key = keys.item_key(item)
        term, definition = field_text(item.term), field_text(item.definition or "")
        notes.append(Note(ids.note_guid(article.id, key, "term"), "term", key, (term, definition, title, source), tags))
        if item.reverse:
            clue = field_text(hide_term_words(item.definition or "", item.term))
            notes.append(Note(ids.note_guid(article.id, key, "reverse"), "reverse", key,
                              (term, clue, definition, title, source), tags))
    if len(section.items) >= 2:
        intro = "".join(f"<p>{field_text(paragraph)}</p>" for paragraph in section.intro)
        entries = [f"<li>{field_text(item.term)}</li>" for item in section.items]
        for number, item in enumerate(section.items):
            key = keys.item_key(item)
            before, after = "".join(entries[:number]), "".join(entries[number + 1:])
            notes.append(Note(ids.note_guid(article.id, key, "list"), "list", key,
                              (field_text(item.term), before, after, title, intro, source), tags))
    return notes


def hide_term_words(definition: str, term: str) -> str:
    """The definition with the term's words blanked: 'Spasm of the ___ muscle' for Piriformis syndrome.

    A word counts as the term's when one of the two begins with the other but its last
    letter ('disc' in 'discs', 'sciatic' in 'sciatica').
    """
    hidden = [word.casefold() for word in re.findall(r"\w+", term)
              if len(word) >= SHORTEST_HIDDEN or any(c.isdigit() for c in word)]

    def blank(found: re.Match) -> str:
        word = found.group().casefold()
        return BLANK if any(_same_word(word, other) for other in hidden) else found.group()

    return re.sub(r"\w+", blank, definition)


def _same_word(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    if len(short) < SHORTEST_HIDDEN:
        return a == b
    return long.startswith(short[:-1]) and len(long) - len(short) <= 3


def source_line(article: Article) -> str:
    """The article and who published it; never the review date, which would change every note."""
    parts = [article.title, article.source.name if article.source else None]
    return " · ".join(field_text(part) for part in parts if part)


def field_text(text: str) -> str:
    """Literal text as the HTML of a field: `<` shows as `<`, `{{` as `{{`, `[sound:` as `[sound:`."""
    return html.escape(text, quote=False).translate(INERT)
