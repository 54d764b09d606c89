"""The shape of a condition code: caught at its line, before an EHR refuses the bundle it travels in.

Only the shape is checked (no terminology is shipped): an ICD-10-CM code is a letter, a digit,
a digit or letter, then up to four more after a dot; a SNOMED CT concept id is 6 to 18 digits
whose last is a Verhoeff check digit, so a mistyped digit is caught as a card number's would be.
"""

from __future__ import annotations

import re

from .. import model

# The terminologies a condition code may come from (FHIR names each by a `system` URI).
SYSTEMS = ("icd-10-cm", "snomed-ct")
ICD_10_CM = re.compile(r"[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?")
SNOMED_CT = re.compile(r"[1-9][0-9]{5,17}")


def code_problems(article: model.Article) -> list[tuple[object, str, str]]:
    """(code, "code", message) for each code not shaped as its system writes codes."""
    return [(code, "code", message) for code in article.codes for message in [_problem(code)] if message]


def _problem(code: model.Code) -> str | None:
    if code.system == "icd-10-cm" and not ICD_10_CM.fullmatch(code.code):
        hint = " (letters in capitals)" if ICD_10_CM.fullmatch(code.code.upper()) else ""
        return (
            f"'{code.code}' is not shaped like an ICD-10-CM code{hint}: a letter, a digit, a digit or letter, "
            "then up to 4 more after a dot, like M79.604"
        )
    if code.system == "snomed-ct":
        if not SNOMED_CT.fullmatch(code.code):
            return f"'{code.code}' is not shaped like a SNOMED CT id: 6 to 18 digits, the first not 0, like 10601006"
        if not verhoeff_valid(code.code):
            return f"'{code.code}' is not a SNOMED CT id: its last digit, a check digit, does not match the others; is a digit mistyped?"
    return None


# Verhoeff's tables: multiplication in the dihedral group D5, and the permutation by position.
_D = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]
_P = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]


def verhoeff_valid(digits: str) -> bool:
    """Whether the number's last digit is the Verhoeff check digit of the others (as SNOMED CT ids' are)."""
    check = 0
    for position, digit in enumerate(reversed(digits)):
        check = _D[check][_P[position % 8][int(digit)]]
    return check == 0
