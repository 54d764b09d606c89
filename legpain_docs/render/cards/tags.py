"""The cards' structure: each card a Sect read whole, the printing guide's steps a list.

A card reads as its term (a heading, so that a reader can jump from card to card), the section
it belongs to and its number (so that a card can be placed and found by its number), then its
definition. The header is printed on both faces; the front's copy is the card's text, the
back's a repeat, page furniture. The terms are H2 under the guide's H1: one title, then parts,
as in the handout.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..pdf.tagging import PAGINATION, Artifact, Element

TERM = "H2"


@dataclass(frozen=True)
class FaceTags:
    """What one face's pieces are in the structure tree: the body's element, the header's (or an artifact)."""

    body: Element
    label: Element | Artifact
    number: Element | Artifact


@dataclass(frozen=True)
class CardTags:
    """One card's elements, made in reading order: term, section, number, definition."""

    term: Element
    section: Element
    number: Element
    definition: Element

    @classmethod
    def under(cls, root: Element, spoken_number: str) -> CardTags:
        """A card's Sect under `root`; its number is read as `spoken_number` ("Card 3"), not a bare "3"."""
        card = root.add("Sect")
        return cls(card.add(TERM), card.add("P"), card.add("P", alt=spoken_number), card.add("P"))

    @property
    def front(self) -> FaceTags:
        return FaceTags(self.term, self.section, self.number)

    @property
    def back(self) -> FaceTags:
        return FaceTags(self.definition, PAGINATION, PAGINATION)  # the header again: a repeat, like a running head
