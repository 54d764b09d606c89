"""The content model: what an article says, with no knowledge of YAML, PDF or Anki."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Attribution:
    """Where the article comes from; both parts are optional."""

    name: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class PicturePart:
    """A labelled shape of a drawing (an SVG element with an `id` and a `data-label`), as the mask
    that hides it: its own shape where Anki's occlusion has one, else the box around it."""

    id: str
    label: str
    shape: str  # the mask: "rect" or "ellipse" (by its box), or "polygon" (by its points)
    box: tuple[float, float, float, float]  # left, top, width, height, as fractions of the drawing
    points: tuple[tuple[float, float], ...] = ()  # a polygon's corners, as fractions of the drawing


@dataclass(frozen=True)
class Picture:
    """An image file's checked bytes: PNG or JPEG without metadata, or an SVG that runs and fetches nothing."""

    format: str  # "png", "jpeg" or "svg"
    data: bytes
    width: int  # pixels (an SVG: its own units)
    height: int
    name: str  # the file's name as the source wrote it
    parts: tuple[PicturePart, ...] = ()

    @property
    def aspect(self) -> float:
        """Height over width."""
        return self.height / self.width


@dataclass(frozen=True)
class Figure:
    """A picture placed with the article's text, and what a reader who cannot see it needs."""

    file: Picture
    alt: str
    caption: str | None = None
    credit: str | None = None


@dataclass(frozen=True)
class Item:
    """One entry of a section's list: a term, and what it means when the article says."""

    term: str
    definition: str | None = None
    key: str | None = None  # the item's name in the deck; keys.item_key derives it when absent
    reverse: bool = True  # a definition -> term card too
    # The article's own line when it goes on from the term ("Metabolic disorders, such as ..."):
    # printed whole, never split into a term and a definition the article did not write.
    sentence: str | None = None
    figure: Figure | None = None

    @property
    def said(self) -> str | None:
        """What the article says of the term: its definition, or its sentence; None for a bare term."""
        return self.definition or self.sentence

    @property
    def rest(self) -> str:
        """The sentence after its term (", such as ..."), or ''."""
        return self.sentence[len(self.term) :] if self.sentence else ""


@dataclass(frozen=True)
class Section:
    """A headed part of the article: paragraphs, a list of items, more paragraphs."""

    id: str
    title: str
    items: tuple[Item, ...]
    intro: tuple[str, ...] = ()
    outro: tuple[str, ...] = ()
    flashcards: bool = True  # False: in the handouts only, not in the deck or the printable cards
    figure: Figure | None = None  # placed after the section's heading and introduction

    @property
    def defined_items(self) -> tuple[Item, ...]:
        """The items the article says something of (a definition or a sentence): each is a flashcard."""
        return tuple(item for item in self.items if item.said)


@dataclass(frozen=True)
class Code:
    """A condition the article covers, as a code of a terminology an EHR files it under."""

    system: str  # "icd-10-cm" or "snomed-ct"
    code: str  # "M79.604", "90834006"
    display: str | None = None  # the code's name in that terminology, when the source gives it


@dataclass(frozen=True)
class Article:
    """A whole patient-education article. Text fields hold plain paragraphs, never markup."""

    id: str
    title: str
    reviewed: dt.date
    sections: tuple[Section, ...]
    language: str = "en"
    source: Attribution | None = None
    intro: tuple[str, ...] = ()
    outro: tuple[str, ...] = ()
    review_due: dt.date | None = None  # the next review; else the library's interval sets it, else none is printed
    codes: tuple[Code, ...] = ()
    translation_of: str | None = None  # the id of the article this one translates, items matched by key
    figure: Figure | None = None  # placed after the article's introduction

    @property
    def figures(self) -> tuple[Figure, ...]:
        """Every figure, in reading order."""
        found = [self.figure]
        for section in self.sections:
            found += [section.figure, *(item.figure for item in section.items)]
        return tuple(f for f in found if f is not None)

    @property
    def reviewed_epoch(self) -> int:
        """Midnight UTC of the review date: the build time of outputs made from this article."""
        midnight = dt.datetime.combine(self.reviewed, dt.time(), tzinfo=dt.UTC)
        return int(midnight.timestamp())


@dataclass(frozen=True)
class Clinic:
    """The clinic that hands the handout out, printed in its header."""

    name: str
    phone: str
    address: str | None = None
    website: str | None = None


@dataclass(frozen=True)
class Library:
    """The clinic's collection of articles, as one deck with a subdeck per article."""

    name: str = "Patient education"
    review_interval_months: int | None = None  # sets the next review of every article without a `review_due`
