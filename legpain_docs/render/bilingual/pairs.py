"""An article and its translation as rows read side by side: each row a piece of the original
and the piece of the translation that says the same, items matched by key. Each row declares what its pieces are with the roles every PDF uses
(render/pdf/roles.py): the page tags them, the web page picks its elements by them."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from ...keys import item_key
from ...model import Article, Item, Section
from ...words import Words, attribution, words_for
from ..pdf.roles import CLOSING, HEADING, ITEM, PARAGRAPH, TITLE, Role


@dataclass(frozen=True)
class Row:
    """One level of the page: the original's piece on the left, the translation's on the right
    (None where one side has nothing to match the other)."""

    role: Role
    left: str | Item | None
    right: str | Item | None


@dataclass(frozen=True)
class Part:
    """A part of the handout read as one section in each language: the opening, a section, the closing."""

    rows: tuple[Row, ...]


def pair_parts(original: Article, translation: Article) -> list[Part]:
    opening = [Row(TITLE, original.title, translation.title), *_paragraphs(original.intro, translation.intro)]
    parts = [Part(tuple(opening))]
    for section in original.sections:
        parts.append(Part(tuple(_section(section, _matching(section, translation, len(parts) - 1)))))
    return parts + [Part(tuple(_closing(original, translation)))]


def _matching(section: Section, translation: Article, index: int) -> Section | None:
    """The translation's section holding this section's items (by key), else the one at its place."""
    keys = {item_key(item) for item in section.items}
    for candidate in translation.sections:
        if keys & {item_key(item) for item in candidate.items}:
            return candidate
    return translation.sections[index] if index < len(translation.sections) else None


def _section(section: Section, other: Section | None) -> list[Row]:
    if other is None:
        return [
            Row(HEADING, section.title, None),
            *_paragraphs(section.intro, ()),
            *(Row(ITEM, item, None) for item in section.items),
            *_paragraphs(section.outro, ()),
        ]
    translated = {item_key(item): item for item in other.items}
    keys = [item_key(item) for item in section.items]
    items = [Row(ITEM, item, translated.get(key)) for item, key in zip(section.items, keys)]
    items += [Row(ITEM, None, item) for item in other.items if item_key(item) not in keys]
    return [
        Row(HEADING, section.title, other.title),
        *_paragraphs(section.intro, other.intro),
        *items,
        *_paragraphs(section.outro, other.outro),
    ]


def _closing(original: Article, translation: Article) -> list[Row]:
    left, right = words_for(original.language), words_for(translation.language)
    rows = []
    if original.outro or translation.outro:
        rows += [Row(HEADING, left.summary, right.summary), *_paragraphs(original.outro, translation.outro)]
    rows.append(Row(CLOSING, left.disclaimer, right.disclaimer))
    rows.append(Row(CLOSING, _reviewed(original, left), _reviewed(translation, right)))
    sources = [_source(original, left), _source(translation, right)]
    return rows + ([Row(CLOSING, *sources)] if any(sources) else [])


def _reviewed(article: Article, words: Words) -> str:
    return words.reviewed.format(date=words.format_date(article.reviewed))


def _source(article: Article, words: Words) -> str | None:
    source = attribution(article)
    return words.source.format(source=source) if source else None


def _paragraphs(left: tuple[str, ...], right: tuple[str, ...]) -> list[Row]:
    return [Row(PARAGRAPH, a, b) for a, b in itertools.zip_longest(left, right)]
