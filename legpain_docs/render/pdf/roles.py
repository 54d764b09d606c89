"""What a block of a PDF is to a reader, declared where the block is made.

A renderer makes a paragraph, a table or a drawing and says there what it is:
`declare(paragraph, HEADING)`. The tagging (the handout's tags.py, which the bilingual handout
runs on each language's side) turns each declared role into its structure element and never
guesses one from a style's name. A figure's role carries its alt text, which only the code that
made the picture knows. The bilingual handout's rows carry these roles too, in the PDF and on
its web page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar


@dataclass(frozen=True)
class Role:
    """A block's role: its name, the standard structure type of its element, a figure's alt text."""

    name: str
    tag: str
    alt: str | None = None


TITLE = Role("title", "H1")
HEADING = Role("heading", "H2")
PARAGRAPH = Role("paragraph", "P")  # also what a paragraph that declares nothing is
ITEM = Role("item", "LI")  # consecutive items make one list (L), its bullet the label, its text the body
SUMMARY = Role("summary", "P")  # a paragraph of the closing summary: consecutive ones share one Sect
CLOSING = Role("closing", "P")  # the fixed words at the end: the disclaimer, the review date, the source
CLINIC = Role("clinic", "Div")  # the clinic's band: one division, its cells read row by row


def figure(alt: str) -> Role:
    """A picture read by its alt text (a QR code says where it leads)."""
    return Role("figure", "Figure", alt)


Block = TypeVar("Block")


def declare(block: Block, role: Role) -> Block:
    """Give `block` its role, and return it."""
    vars(block)["role"] = role  # set past a reportlab Drawing's check of the attributes it knows
    return block


def role_of(block: Any) -> Role | None:
    """The role `block` was declared with, if any."""
    return vars(block).get("role") if hasattr(block, "__dict__") else None
