"""An item's key: the slug that names it in the deck for good, written or derived from its term."""

from __future__ import annotations

import re
import unicodedata

from .model import Article, Item


def derived_key(term: str) -> str:
    """`L5 and S1 radiculopathy` -> `l5-and-s1-radiculopathy`; '' when no letter or digit is left.

    Letters of any script stay (`α-synuclein` -> `α-synuclein`): an article in Greek has keys too.
    """
    plain = "".join(c for c in unicodedata.normalize("NFKD", term) if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "-", plain.lower()).strip("-")


def item_key(item: Item) -> str:
    return item.key or derived_key(item.term)


def key_problems(article: Article) -> list[tuple[Item, str, str]]:
    """(item, field, message) for every key that would make two items one note, in file order.

    Keys are unique in the whole article, not per section: an item keeps its key (and its
    students' history) when it moves to another section.
    """
    problems: list[tuple[Item, str, str]] = []
    first: dict[str, Item] = {}
    for section in article.sections:
        for item in section.items:
            key = item_key(item)
            if not key:
                problems.append(
                    (
                        item,
                        "term",
                        f"the term '{item.term}' has no letter or digit to make its key "
                        "from: give the item a 'key:' (like 'key: alpha-waves')",
                    )
                )
            elif key in first:
                other = first[key]
                if item.key and other.key == item.key:
                    problems.append(
                        (
                            item,
                            "key",
                            f"duplicate item key '{key}' (also the key of '{other.term}'): each item needs its own key",
                        )
                    )
                else:
                    field = "key" if item.key else "term"
                    problems.append(
                        (
                            item,
                            field,
                            f"'{item.term}' and '{other.term}' would share the deck key "
                            f"'{key}': give one of them its own 'key:' "
                            f"(like 'key: {key}-2')",
                        )
                    )
            else:
                first[key] = item
    return problems
