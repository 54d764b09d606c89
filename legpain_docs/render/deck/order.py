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

The search is bounded (SEARCH_STEPS in all): an article whose cards cannot meet a rule, or
whose order would take longer to find, gets the next rule's order, and at worst the greedy
order that puts each card as late after its giveaways as the next choice allows.

Within each kind (list, term, reverse cards, and the occlusion cards of labelled drawings) the
cards keep the article's order; the plan only chooses how the kinds interleave, preferring list
cards, then term cards, then reverse cards, then occlusion cards, so a student meets a list, then
what its entries mean, then the way back, then the parts of its pictures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .notes import Note
from .occlusion import KIND as OCCLUSION

NEW_PER_DAY = 20  # Anki's default "New cards/day"
CLOSE = 5  # no card within this many new cards after one that gave it away
KIND_ORDER = ("list", "term", "reverse", OCCLUSION)
WORD = re.compile(r"\w+")
SEARCH_STEPS = 20_000  # for all the rules together: about a second at worst (the seed takes 172)


def plan(notes: Sequence[Note]) -> list[Note]:
    """The notes in the order new students should meet their cards."""
    queues = [[n for n in notes if n.kind == kind] for kind in KIND_ORDER]
    gives = _giveaways([n for queue in queues for n in queue])
    # Into sets, each frozen once (a frozenset grown one giver at a time is quadratic), each set
    # let go as it is read (a 1 MiB source holds millions of pairs: one copy at a time).
    givers: dict[str, set[str]] = {n.guid: set() for queue in queues for n in queue}
    while gives:
        giver, taken = gives.popitem()
        for guid in taken:
            givers[guid].add(giver)
    given_by = {guid: frozenset(givers.pop(guid)) for guid in list(givers)}
    budget = [SEARCH_STEPS]
    for same_day, close in [(True, CLOSE), *((False, c) for c in range(CLOSE, 0, -1))]:
        found = _Search(queues, given_by, same_day, close, budget).run()
        if found is not None:
            return found
    return _Search(queues, given_by, False, 0, [len(notes) + 1]).run() or []  # no rule: the greedy order


def _giveaways(notes: list[Note]) -> dict[str, set[str]]:
    """guid -> the guids of the notes whose answer its card shows: a text on a card's back and
    not on its front, shown anywhere on the other card (as words, in any case)."""
    shown = {n.guid: _plain(" | ".join(n.question + n.answer)) for n in notes}
    # A text shown as words has each of its words, and each pair of its words one after the
    # other, on the card: only the cards holding all of them are searched, not every card (a
    # 1 MiB source has 20,000 cards: 400 million searches otherwise, and minutes).
    holding: dict[tuple[str, ...], set[str]] = {}
    for guid, seen in shown.items():
        for key in _index_keys(seen):
            holding.setdefault(key, set()).add(guid)
    showing: dict[str, set[str]] = {}  # a text -> the notes that show it
    gives: dict[str, set[str]] = {n.guid: set() for n in notes}
    for asking in notes:
        question = _plain(" | ".join(asking.question))
        for text in filter(None, asking.answer):
            plain = _plain(text)
            if text not in showing:
                showing[text] = {guid for guid in _holding_all(holding, plain, shown) if _shows(shown[guid], plain)}
            if not _shows(question, plain):
                for guid in showing[text] - {asking.guid}:
                    gives[guid].add(asking.guid)
    return gives


def _index_keys(text: str) -> set[tuple[str, ...]]:
    """Each word of the text, and each two words that follow one another in it."""
    words = WORD.findall(text)
    return {(word,) for word in words} | set(zip(words, words[1:]))


def _holding_all(
    holding: dict[tuple[str, ...], set[str]], text: str, shown: dict[str, str]
) -> set[str] | dict[str, str]:
    """The cards that hold every word and pair of words of `text` (every card, for a text without a word)."""
    keys = sorted(_index_keys(text), key=lambda key: len(holding.get(key, ())))
    if not keys:
        return shown
    found = set(holding.get(keys[0], ()))
    for key in keys[1:]:
        if not found:
            break
        found &= holding.get(key, set())
    return found


def _shows(seen: str, text: str) -> bool:
    """Whether `text` stands in `seen` as words, not inside a longer one: what the pattern
    (?<!\\w)text(?!\\w) finds, without compiling one per text (a deck's 40 cost 6 ms)."""
    start = seen.find(text)
    while start >= 0:
        end = start + len(text)
        if (start == 0 or not _word(seen[start - 1])) and (end == len(seen) or not _word(seen[end])):
            return True
        start = seen.find(text, start + 1)
    return False


def _word(character: str) -> bool:
    """A word's character, as a pattern's \\w sees it."""
    return character.isalnum() or character == "_"


def _plain(text: str) -> str:
    """The text as compared: spaces collapsed, any case. (Texts are joined with " | ", which no
    text can match across.)"""
    return " ".join(text.split()).casefold()


class _Search:
    """A depth-first search over the ways to interleave the kinds' queues, remembering dead ends."""

    def __init__(
        self,
        queues: list[list[Note]],
        given_by: dict[str, frozenset[str]],
        same_day: bool,
        close: int,
        budget: list[int],
    ):
        self.queues, self.given_by, self.same_day, self.close = queues, given_by, same_day, close
        self.budget = budget  # steps left, shared by the attempts
        self.placed: list[Note] = []
        self.dead: set[tuple] = set()

    def run(self) -> list[Note] | None:
        try:
            return list(self.placed) if self._extend() else None
        except _GaveUp:
            return None

    def _extend(self) -> bool:
        """Place every card, trying each choice in turn and backing out of dead ends. A loop
        over a stack of its own, not recursion: a card is a level, and 4,000 cards would
        overflow Python's."""
        taken, day_start = [0] * len(self.queues), [0] * len(self.queues)
        frames: list[list] = []  # [state, the kinds left to try, its day's start, the kind placed now]
        while True:
            if all(t == len(q) for t, q in zip(taken, self.queues)):
                return True
            state = self._state(taken, day_start)
            if state not in self.dead:
                self.budget[0] -= 1
                if self.budget[0] < 0:
                    raise _GaveUp
                frames.append([state, iter(self._choices(taken, day_start)), day_start, None])
            while True:  # the next card to try, backing out of the frames with none left
                if not frames:
                    return False
                frame = frames[-1]
                if frame[3] is not None:
                    taken[frame[3]] -= 1
                    self.placed.pop()
                kind = frame[3] = next(frame[1], None)
                if kind is not None:
                    break
                self.dead.add(frame[0])
                frames.pop()
            self.placed.append(self.queues[kind][taken[kind]])
            taken[kind] += 1
            day_start = list(taken) if len(self.placed) % NEW_PER_DAY == 0 else frame[2]

    def _state(self, taken: list[int], day_start: list[int]) -> tuple:
        """What decides whether the rest can be placed: the cards placed (by kind), and the cards
        the rules look back at: today's (same-day rule) and the last few (close rule). Today's
        cards rule out more than the last few, so those count only at a day's start."""
        recent = tuple(n.guid for n in self.placed[max(0, len(self.placed) - self.close) :]) if self.close else ()
        if not self.same_day:
            return tuple(taken), recent
        into_day = len(self.placed) % NEW_PER_DAY
        return tuple(taken), tuple(day_start), recent if into_day < self.close else ()

    def _choices(self, taken: list[int], day_start: list[int]) -> list[int]:
        """The kinds whose next card may come now: cleanest first (no same-day giveaway), then by kind."""
        today = {n.guid for k, q in enumerate(self.queues) for n in q[day_start[k] : taken[k]]}
        recent = {n.guid for n in self.placed[max(0, len(self.placed) - self.close) :]} if self.close else set()
        choices = []
        for kind, queue in enumerate(self.queues):
            if taken[kind] == len(queue):
                continue
            givers = self.given_by[queue[taken[kind]].guid]
            if givers & recent:
                continue
            spoiled = len(givers & today)
            if spoiled and self.same_day:
                continue
            choices.append((spoiled, kind))
        return [kind for _, kind in sorted(choices)]


class _GaveUp(Exception):
    pass
