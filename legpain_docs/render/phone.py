"""What a clinic's phone number dials: its digits, and a vanity number's letters as a phone keypad maps them.

The number is printed as written; only the link dials. It runs from the start of the text to
the first word set apart by a space ("+44 20 7946 0000 (option 3)", "555-0100 ext. 4"). Letters
joined to it by a hyphen or a dot ("1-800-FLOWERS", "1-800-GO-FEDEX"), or two or more straight
after a digit ("1800FLOWERS"), are part of it: 1-800-FLOWERS dials 1-800-356-9377, as on a
keypad, never 1800, which is someone else's line.
"""

from __future__ import annotations

import re

KEYPAD = str.maketrans(
    {
        letter: str(digit)
        for digit, letters in {2: "abc", 3: "def", 4: "ghi", 5: "jkl", 6: "mno", 7: "pqrs", 8: "tuv", 9: "wxyz"}.items()
        for letter in letters + letters.upper()
    }
)
# The text a number is made of: digits and the separators between them, and letter groups joined to them.
PART = re.compile(r"[0-9]+|[ ().-]+|[A-Za-z]+")
MIN_DIGITS = 3  # fewer is no number a phone can dial


def dialled(phone: str) -> str | None:
    """The `tel:` number of `phone` ("+442079460000", "18003569377"), or None when it has too few digits."""
    text = phone.strip()
    plus = text.startswith("+")
    kept = []
    for part in PART.finditer(text, 1 if plus else 0):
        if part.start() != sum(map(len, kept)) + plus:
            break  # a character no number holds ("/", ":", a letter of another script)
        if part.group().isalpha() and not _joined(text, part.start(), part.group()):
            break
        kept.append(part.group())
    digits = re.sub(r"[^0-9]", "", "".join(kept).translate(KEYPAD))
    return ("+" if plus else "") + digits if len(digits) >= MIN_DIGITS else None


def _joined(text: str, start: int, letters: str) -> bool:
    """Whether a letter group belongs to the number: after a hyphen or a dot, or two letters or more after a digit."""
    before = text[start - 1] if start else ""
    return before in ("-", ".") or (before.isdigit() and len(letters) >= 2)
