"""The timestamp policy: which time each output carries, so the same inputs give the same bytes."""

from __future__ import annotations

import os
import time

from ..errors import UserError

# The model is imported when an article is read: a build with nothing to do never is. (typing's
# TYPE_CHECKING would cost that build 2 ms to import; checkers read any TYPE_CHECKING as True.)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..model import Article

# The last second a PDF date (four-digit year) can hold: 9999-12-31T23:59:59Z.
LATEST_EPOCH = 253_402_300_799


def build_epoch(article: Article, environ: os._Environ | dict = os.environ) -> int:
    """The one timestamp every output carries: SOURCE_DATE_EPOCH when set, else `reviewed`."""
    fixed = source_date_epoch(environ)
    return article.reviewed_epoch if fixed is None else fixed


def deck_epoch(environ: os._Environ | dict = os.environ) -> int:
    """When changed notes are dated: SOURCE_DATE_EPOCH when set, else now.

    Not `reviewed`: a note revised without a new review date must still be newer than the
    copy students have, and the record, not the clock, keeps unchanged notes' times.
    """
    fixed = source_date_epoch(environ)
    return int(time.time()) if fixed is None else fixed


def source_date_epoch(environ: os._Environ | dict = os.environ) -> int | None:
    """SOURCE_DATE_EPOCH as seconds, None when unset; a value no output could hold is a UserError."""
    value = environ.get("SOURCE_DATE_EPOCH")
    if value is None or value == "":
        return None
    # ASCII digits only ('²'.isdigit() is true), and short enough to be a date an output can hold.
    digits = value.lstrip("0")  # leading zeros change nothing: 0001700000000 is 2023
    if not (value.isascii() and value.isdigit()) or not digits:
        raise UserError.at("SOURCE_DATE_EPOCH", f"must be a positive whole number of seconds, got '{value[:40]}'")
    if len(digits) > 12 or int(digits) > LATEST_EPOCH:
        raise UserError.at(
            "SOURCE_DATE_EPOCH", f"{value[:40]} seconds is after the year 9999, the last a PDF date can hold"
        )
    return int(digits)
