"""The order a new student meets the cards in: no card shows the answer of one that comes soon after.

A card *gives away* another when it shows a text (a term, a definition) that the other asks
for: its back shows it and its front does not. Anki introduces new cards in the deck's order,
20 a day by default, and does not keep one note's cards apart. So the order is planned here:

- first choice: no card shares a day (at 20 a day) with a card introduced before it that gave
  it away, and none comes within five cards after one, whatever the daily limit;
- when the article is too small for that (all its cards fit in a day), the order that keeps
  every card at least five cards after any card that gave it away, with as few same-day
  giveaways as the search finds;
- when not even that exists (a few items, each with term, reverse and list cards), the order
  that keeps them furthest apart.

Within each kind (list, term, reverse cards) the cards keep the article's order; the plan
only chooses how the three kinds interleave, preferring list cards, then term cards, then
reverse cards, so a student meets a list, then what its entries mean, then the way back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .notes import Note

NEW_PER_DAY = 20  # Anki's default "New cards/day"
CLOSE = 5  # no card within this many new cards after one that gave it away
KIND_ORDER = ("list", "term", "reverse")
SEARCH_LIMIT = 200_000  # steps per attempt; an article of hundreds of items falls back quickly


def plan(notes: Sequence[Note]) -> list[Note]:
    """The notes in the order new students should meet their cards."""
    queues = [[n for n in notes if n.kind == kind] for kind in KIND_ORDER]
    gives = _giveaways([n for queue in queues for n in queue])
    for same_day, close in [(True, CLOSE), *((False, c) for c in range(CLOSE, -1, -1))]:
        found = _Search(queues, gives, same_day, close).run()
        if found is not None:
            return found
    return [n for queue in queues for n in queue]  # not reached: close 0 refuses nothing


def _giveaways(notes: list[Note]) -> dict[str, set[str]]:
    """guid -> the guids of the notes whose answer its card shows."""
    shown = {n.guid: " \n ".join(n.question + n.answer).casefold() for n in notes}
    asks = {n.guid: [t for t in n.answer if t and not any(_contains(q, t) for q in n.question)] for n in notes}
    return {a.guid: {b.guid for b in notes if b is not a and any(_contains(shown[a.guid], t) for t in asks[b.guid])}
            for a in notes}


def _contains(shown: str, text: str) -> bool:
    words = " ".join(text.split()).casefold()
    return re.search(r"(?<!\w)" + re.escape(words) + r"(?!\w)", " ".join(shown.split()).casefold()) is not None


class _Search:
    """A depth-first search over the ways to interleave the kinds' queues, remembering dead ends."""

    def __init__(self, queues: list[list[Note]], gives: dict[str, set[str]], same_day: bool, close: int):
        self.queues, self.gives, self.same_day, self.close = queues, gives, same_day, close
        self.placed: list[Note] = []
        self.dead: set[tuple] = set()
        self.steps = 0

    def run(self) -> list[Note] | None:
        try:
            return list(self.placed) if self._extend([0] * len(self.queues), [0] * len(self.queues)) else None
        except _GaveUp:
            return None

    def _extend(self, taken: list[int], day_start: list[int]) -> bool:
        if all(t == len(q) for t, q in zip(taken, self.queues)):
            return True
        state = (tuple(taken), tuple(day_start), tuple(n.guid for n in self.placed[-self.close:] if self.close))
        if state in self.dead:
            return False
        self.steps += 1
        if self.steps > SEARCH_LIMIT:
            raise _GaveUp
        for kind in self._choices(taken, day_start):
            note = self.queues[kind][taken[kind]]
            self.placed.append(note)
            taken[kind] += 1
            next_start = list(taken) if len(self.placed) % NEW_PER_DAY == 0 else day_start
            if self._extend(taken, next_start):
                return True
            taken[kind] -= 1
            self.placed.pop()
        self.dead.add(state)
        return False

    def _choices(self, taken: list[int], day_start: list[int]) -> list[int]:
        """The kinds whose next card may come now: cleanest first (no same-day giveaway), then by kind."""
        today = [n for k, q in enumerate(self.queues) for n in q[day_start[k]:taken[k]]]
        recent = self.placed[len(self.placed) - self.close:] if self.close else []
        choices = []
        for kind, queue in enumerate(self.queues):
            if taken[kind] == len(queue):
                continue
            guid = queue[taken[kind]].guid
            if any(guid in self.gives[n.guid] for n in recent):
                continue
            spoiled = sum(guid in self.gives[n.guid] for n in today)
            if spoiled and self.same_day:
                continue
            choices.append((spoiled, kind))
        return [kind for _, kind in sorted(choices)]


class _GaveUp(Exception):
    pass
