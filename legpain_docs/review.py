"""When an article's next review falls due, and how `check` holds a clinic to it.

The outputs print the dates the sources give (or the library's interval sets), never today's:
the same sources make the same bytes on any day. Only `check`'s warnings look at the clock,
and "today" can be fixed (`--today`, or LEGPAIN_TODAY) for tests and for a CI that replays a day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import os
from dataclasses import replace

from .errors import Problem, UserError

# The model is imported when an article is read: a build with nothing to do never is. (typing's
# TYPE_CHECKING would cost that build 2 ms to import; checkers read any TYPE_CHECKING as True.)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from .model import Article, Library

# A review due within this many days is announced, so that a clinic can book it in time.
DUE_SOON_DAYS = 30


class Standing(enum.Enum):
    """Where an article stands against its next review."""

    UNSCHEDULED = "no next review"
    CURRENT = "current"
    DUE = "due"  # within DUE_SOON_DAYS
    OVERDUE = "overdue"


def scheduled(article: Article, library: Library | None) -> Article:
    """The article with its next review set: its own `review_due`, else the library's interval after `reviewed`."""
    if article.review_due is not None or library is None or library.review_interval_months is None:
        return article
    return replace(article, review_due=add_months(article.reviewed, library.review_interval_months))


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when it has no such day (31 Jan + 1 = 28 or 29 Feb)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def standing(article: Article, today: dt.date) -> Standing:
    if article.review_due is None:
        return Standing.UNSCHEDULED
    if article.review_due < today:
        return Standing.OVERDUE
    if (article.review_due - today).days <= DUE_SOON_DAYS:
        return Standing.DUE
    return Standing.CURRENT


def today(given: str | None = None, environ: os._Environ | dict = os.environ) -> dt.date:
    """The day `check` judges reviews by: `given` (--today), else LEGPAIN_TODAY, else the date in UTC."""
    value, name = (given, "--today") if given else (environ.get("LEGPAIN_TODAY"), "LEGPAIN_TODAY")
    if not value:
        return dt.datetime.now(dt.UTC).date()
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else _refuse(name, value)
    except ValueError:
        return _refuse(name, value)


def _refuse(name: str, value: str) -> dt.date:
    raise UserError.at(name, f"must be a date written YYYY-MM-DD, got '{value[:40]}'")


def review_problem(source: str, article: Article, today: dt.date, strict: bool = False) -> Problem | None:
    """A warning at the `reviewed:` line when the review is overdue or due soon; an error when overdue and `strict`."""
    state = standing(article, today)
    if state not in (Standing.OVERDUE, Standing.DUE):
        return None
    days = (article.review_due - today).days
    if state is Standing.OVERDUE:
        message = (
            f"the review was due on {article.review_due}, {_days(-days)} ago: review the article, then set "
            f"'reviewed:' to the day of that review"
        )
    else:
        message = f"the next review is due on {article.review_due}, {'today' if days == 0 else 'in ' + _days(days)}"
    line, col = _reviewed_line(source)
    return Problem(source, line, col, message, "error" if strict and state is Standing.OVERDUE else "warning")


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _reviewed_line(source: str) -> tuple[int | None, int | None]:
    from .load.positions import positions_of

    positions = positions_of(source)
    span = positions.spans.get(("reviewed",))
    return positions.line_col(span[0]) if span else (None, None)


def summary(standings: list[Standing]) -> str:
    """One line for the library: how many articles, and how many are overdue, due soon, or have no next review."""
    count = {state: standings.count(state) for state in Standing}
    articles = "1 article" if len(standings) == 1 else f"{len(standings)} articles"
    parts = [f"{count[Standing.OVERDUE]} overdue", f"{count[Standing.DUE]} due within {DUE_SOON_DAYS} days"]
    if count[Standing.UNSCHEDULED]:
        parts.append(
            f"{count[Standing.UNSCHEDULED]} with no next review (set review_due, or the library's "
            "review_interval_months)"
        )
    return f"reviews: {articles}, " + ", ".join(parts)
