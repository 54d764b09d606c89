"""The printable cards an article makes: each defined item of a flashcard section, numbered in article order.

Apart from the renderer, and free of reportlab, so that `check` can measure the cards cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Article, Figure, Picture


@dataclass(frozen=True)
class Card:
    """One defined item as a card: its number in the set, the term, what it means, its section.

    `place` is where the item stands in the source, as keys and indexes (("sections", 2,
    "items", 4)), so that an error about the card points at the text the editor must shorten.
    """

    number: int
    term: str
    definition: str
    section: str
    place: tuple[str | int, ...]
    back: str = "definition"  # the source field its back prints: "definition", or "sentence"
    figure: Figure | None = None  # the item's picture, on the back beneath the definition


def cards_of(article: Article) -> list[Card]:
    """The deck's term -> definition cards, in article order, numbered from 1."""
    pairs = [
        (item, section.title, ("sections", s, "items", i))
        for s, section in enumerate(article.sections)
        if section.flashcards
        for i, item in enumerate(section.items)
        if item.said
    ]
    # An item written as a sentence has the article's whole line on its back.
    return [
        Card(n, item.term, item.said or "", title, place, "sentence" if item.sentence else "definition", item.figure)
        for n, (item, title, place) in enumerate(pairs, 1)
    ]


def picture_room(picture: Picture, width: float, least_height: float, least_side: float) -> float | None:
    """How tall a card's back must leave the room beneath its text for `picture` (points): at least
    `least_height`, and enough for the picture to be `least_side` wide; None when, even across the
    card's whole `width`, the picture would be less than `least_side` tall (a banner, not a picture)."""
    if width * picture.aspect < least_side:
        return None
    return max(least_height, least_side * picture.aspect)
