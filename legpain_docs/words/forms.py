"""A catalogue's dates, numbers and plurals in its own locale, written out from the CLDR.

Babel says them for any locale, but loading it and its locale data costs some 15-25 ms in every
process, for one date and two counts. So each catalogue carries its own locale's forms, copied
from the CLDR as Babel ships it (tests/test_language.py holds them to Babel, day by day), and
Babel is asked only for a locale a tag's region chose ("en-US", "es-MX").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Forms:
    """One CLDR locale's long date, decimal sign and "one" plural, as its data gives them."""

    locale: str  # "en_GB"
    months: tuple[str, ...]  # the months' names as the long date writes them, January first
    long_date: str  # the CLDR long date pattern as a format: "d MMMM y" -> "{day} {month} {year}"
    decimal: str  # the decimal sign: "." or ","
    one: frozenset[int]  # the whole numbers the plural rule calls "one" (of the few a page counts)

    def date(self, day: dt.date) -> str:
        return self.long_date.format(day=day.day, month=self.months[day.month - 1], year=day.year)

    def number(self, value: float) -> str | None:
        """A measure with at most one decimal (Babel's "0.#": its digits rounded half to even);
        None for a negative or odd value, which Babel writes."""
        import decimal

        number = decimal.Decimal(str(value))
        if not number.is_finite() or number < 0:
            return None
        whole, _, tenth = f"{number.quantize(decimal.Decimal('0.1'), decimal.ROUND_HALF_EVEN):f}".partition(".")
        return whole if tenth in ("", "0") else whole + self.decimal + tenth
