"""The article as braille blocks, in reading order: a short dispatcher over the model.

Only what a braille reader needs: the title, the text, each section under its heading, each
item on its own line with its term first, the closing matter and the disclaimer. Nothing that
only print has (a QR code, the Notes lines, running heads); the source's URL is given once.
A figure is its description in place of the picture: the alt text, then the caption and the
credit, as a transcriber's note where the picture stands in print.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass

from ...load.positions import FieldPath
from ...model import Article, Figure, Item, Section
from ...words import Words, attribution


class Role(enum.Enum):
    """How braille formatting places a block (BANA's Braille Formats, which UEB readers know)."""

    TITLE = "title"  # centred, a blank line after it
    HEADING = "heading"  # a cell-5 heading: every line starts in cell 5, a blank line before it
    PARAGRAPH = "paragraph"  # 3-1: the first line starts in cell 3, the others in cell 1
    ITEM = "item"  # 1-3: the item starts in cell 1, its runover lines in cell 3
    NOTE = "note"  # 7-5: a transcriber's note (here a picture's description), inside the code's note indicators


@dataclass(frozen=True)
class Block:
    role: Role
    text: str
    space_before: bool = False  # a blank line above it, unless it starts a page


def article_blocks(article: Article, words: Words) -> list[Block]:
    blocks = [Block(Role.TITLE, article.title), *_paragraphs(article.intro), *_figure(article.figure, words)]
    for section in article.sections:
        blocks += _section(section, words)
    if article.outro:
        blocks += [Block(Role.HEADING, words.summary, space_before=True), *_paragraphs(article.outro)]
    return blocks + _closing(article, words)


def _section(section: Section, words: Words) -> list[Block]:
    items = [
        block
        for item in section.items
        for block in (Block(Role.ITEM, _item(item, words)), *_figure(item.figure, words))
    ]
    return [
        Block(Role.HEADING, section.title, space_before=True),
        *_paragraphs(section.intro),
        *_figure(section.figure, words),
        *items,
        *_paragraphs(section.outro),
    ]


def _item(item: Item, words: Words) -> str:
    return words.braille_item.format(term=item.term, definition=item.definition) if item.definition else item.term


def _figure(figure: Figure | None, words: Words) -> list[Block]:
    """The picture's description where the picture stands: its alt text, caption and credit, each labelled."""
    if figure is None:
        return []
    parts = [words.braille_picture.format(alt=_sentence(figure.alt))]
    parts += [words.braille_caption.format(caption=_sentence(figure.caption))] if figure.caption else []
    parts += [words.braille_credit.format(credit=_sentence(figure.credit))] if figure.credit else []
    return [Block(Role.NOTE, " ".join(parts))]


def _sentence(text: str) -> str:
    """The text ending as a sentence, so that the alt text, caption and credit read as three."""
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def _closing(article: Article, words: Words) -> list[Block]:
    """What the handout is not, when it was reviewed, where it comes from (its URL once)."""
    lines = [
        Block(Role.PARAGRAPH, words.disclaimer, space_before=True),
        Block(Role.PARAGRAPH, words.reviewed.format(date=words.format_date(article.reviewed))),
    ]
    source = attribution(article)
    return lines + ([Block(Role.PARAGRAPH, words.source.format(source=source))] if source else [])


def _paragraphs(paragraphs: tuple[str, ...]) -> list[Block]:
    return [Block(Role.PARAGRAPH, paragraph) for paragraph in paragraphs]


def article_texts(article: Article) -> Iterator[tuple[FieldPath, str]]:
    """Every text of the article the braille carries, with the field it comes from (for errors)."""
    yield ("title",), article.title
    yield from ((("intro",), paragraph) for paragraph in article.intro)
    yield from _figure_fields(("figure",), article.figure)
    for n, section in enumerate(article.sections):
        yield ("sections", n, "title"), section.title
        yield from ((("sections", n, "intro"), paragraph) for paragraph in section.intro)
        yield from _figure_fields(("sections", n, "figure"), section.figure)
        for m, item in enumerate(section.items):
            yield ("sections", n, "items", m, "term"), item.term
            if item.definition:
                yield ("sections", n, "items", m, "definition"), item.definition
            yield from _figure_fields(("sections", n, "items", m, "figure"), item.figure)
        yield from ((("sections", n, "outro"), paragraph) for paragraph in section.outro)
    yield from ((("outro",), paragraph) for paragraph in article.outro)
    if article.source:
        yield from (
            (("source", key), value)
            for key, value in (("name", article.source.name), ("url", article.source.url))
            if value
        )


def _figure_fields(place: FieldPath, figure: Figure | None) -> Iterator[tuple[FieldPath, str]]:
    if figure is not None:
        yield from (
            ((*place, key), getattr(figure, key)) for key in ("alt", "caption", "credit") if getattr(figure, key)
        )
