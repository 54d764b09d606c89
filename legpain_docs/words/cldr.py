"""Babel (the CLDR's dates, numbers and plurals), loaded so that the machine's time zone cannot stop it.

Babel reads the local time zone when its date module is first imported, and its locale data
imports that module: a TZ it cannot read (TZ=/dev/null, TZ=/, a text file) raises inside
Babel. No output here uses local time (every date is the article's own, or UTC), so Babel is
loaded with TZ=UTC, and TZ is put back as it was.
"""

from __future__ import annotations

import os
import sys


def load_babel() -> None:
    """Import babel.dates once, with TZ=UTC for that moment only."""
    if "babel.dates" in sys.modules:
        return
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    try:
        import babel.dates  # noqa: F401
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
