"""PEMAT-P's 24 print items (AHRQ, 2013; items 13 and 14 are for audiovisual material only).

Each item is answered one of three ways: met by construction (the handout's design does it for
every article, with the reason), measured (a rule finds it in the text, with the figure and the
places), or for a person to judge (the item's question, as a checklist line).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class How(enum.Enum):
    CONSTRUCTION = "met by construction"
    MEASURED = "measured"
    JUDGE = "for a person to judge"


@dataclass(frozen=True)
class Item:
    number: int
    topic: str  # "Understandability" or "Actionability"
    text: str  # the item, in PEMAT's words
    how: How
    reason: str = ""  # why the design meets it (CONSTRUCTION), or what the rule measures (MEASURED)


U, A = "Understandability", "Actionability"

ITEMS: tuple[Item, ...] = (
    Item(1, U, "The material makes its purpose completely evident.", How.JUDGE),
    Item(2, U, "The material does not include information or content that distracts from its purpose.", How.JUDGE),
    Item(
        3,
        U,
        "The material uses common, everyday language.",
        How.MEASURED,
        "the reading grade of the article's sentences (the readability report's formulas)",
    ),
    Item(
        4,
        U,
        "Medical terms are used only to familiarize audience with the terms. When used, medical terms are defined.",
        How.MEASURED,
        "words shaped like medical terms (-itis, -osis, -pathy, thromb-, ...) that the article never defines: "
        "not a listed term with a definition, not explained in parentheses",
    ),
    Item(
        5,
        U,
        "The material uses the active voice.",
        How.MEASURED,
        "sentences in the passive voice (a form of 'to be' or 'to get' before a past participle)",
    ),
    Item(
        6,
        U,
        "Numbers appearing in the material are clear and easy to understand.",
        How.MEASURED,
        "numbers written as words where digits read better",
    ),
    Item(7, U, "The material does not expect the user to perform calculations.", How.JUDGE),
    Item(
        8,
        U,
        'The material breaks or "chunks" information into short sections.',
        How.CONSTRUCTION,
        "every article is written in sections, each a heading over a short introduction and a list",
    ),
    Item(
        9,
        U,
        "The material's sections have informative headers.",
        How.CONSTRUCTION,
        "every section must have a title (the source is refused without one), set as a heading",
    ),
    Item(
        10,
        U,
        "The material presents information in a logical sequence.",
        How.CONSTRUCTION,
        "the handout keeps the article's own order: introduction, sections in turn, closing text",
    ),
    Item(
        11,
        U,
        "The material provides a summary.",
        How.MEASURED,
        "the article's closing text is set as a summary box on a tint; an article without one has none",
    ),
    Item(
        12,
        U,
        "The material uses visual cues (e.g., arrows, boxes, bullets, bold, larger font, highlighting) "
        "to draw attention to key points.",
        How.CONSTRUCTION,
        "terms in bold, list bullets, headings in larger type, the summary on a tinted box",
    ),
    Item(15, U, "The material uses visual aids whenever they could make content more easily understood.", How.JUDGE),
    Item(16, U, "The material's visual aids reinforce rather than distract from the content.", How.JUDGE),
    Item(17, U, "The material's visual aids have clear titles or captions.", How.JUDGE),
    Item(18, U, "The material uses illustrations and photographs that are clear and uncluttered.", How.JUDGE),
    Item(
        19,
        U,
        "The material uses simple tables with short and clear row and column headings.",
        How.CONSTRUCTION,
        "not applicable: the handout sets no tables",
    ),
    Item(
        20,
        A,
        "The material clearly identifies at least one action the user can take.",
        How.MEASURED,
        "sentences that tell the reader what to do, and sections with none",
    ),
    Item(
        21,
        A,
        "The material addresses the user directly when describing actions.",
        How.MEASURED,
        "sentences that describe an action without addressing the reader ('you')",
    ),
    Item(22, A, "The material breaks down any action into manageable, explicit steps.", How.JUDGE),
    Item(
        23,
        A,
        "The material provides a tangible tool (e.g., menus, checklists) whenever it could help the user take action.",
        How.JUDGE,
    ),
    Item(24, A, "The material provides simple instructions or examples of how to perform calculations.", How.JUDGE),
    Item(
        25,
        A,
        "The material explains how to use the charts, graphs, tables, or diagrams to take actions.",
        How.CONSTRUCTION,
        "not applicable: the handout sets no charts, graphs or tables",
    ),
    Item(
        26, A, "The material uses visual aids whenever they could make it easier to act on the instructions.", How.JUDGE
    ),
)
