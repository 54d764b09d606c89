"""liblouis, the braille translator that screen readers and embossers use, through its C interface.

Debian's `python3-louis` binding belongs to the system Python, not to our virtual environment,
so the few calls we need are declared here with ctypes. Text goes in and out as Unicode braille
(U+2800 to U+283F): the `unicode.dis` display table, named first in the table list, makes
liblouis write dot patterns rather than a table's own characters, so every language's braille
reaches the BRF by one mapping (brf.py).
"""

from __future__ import annotations

import ctypes
import functools
import re

from ...errors import UserError

LIBRARY = "liblouis.so.20"
DISPLAY = "unicode.dis"  # dots as Unicode braille patterns, whatever the table's own display is
SPACES = re.compile(r"[^\S\n]")  # any space but a line break
LOG_OFF = 60000  # LOU_LOG_OFF: our own messages say what went wrong, liblouis's go to stderr
INSTALL = "install it (Debian: apt-get install liblouis20 liblouis-data; `make braille` does this on first use)"


@functools.cache
def _liblouis() -> ctypes.CDLL:
    try:
        library = ctypes.CDLL(LIBRARY)
    except OSError:
        raise UserError.at("legpain-docs", f"braille needs the liblouis library ({LIBRARY}): {INSTALL}") from None
    library.lou_setLogLevel(LOG_OFF)
    library.lou_charSize.restype = ctypes.c_int
    library.lou_version.restype = ctypes.c_char_p
    library.lou_getTable.restype = ctypes.c_void_p
    library.lou_getTable.argtypes = (ctypes.c_char_p,)
    for name in ("lou_translateString", "lou_backTranslateString"):
        getattr(library, name).argtypes = (
            ctypes.c_char_p,
            ctypes.c_char_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.c_char_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.c_void_p,
            ctypes.c_void_p,
            ctypes.c_int,
        )
    return library


def version() -> str:
    return _liblouis().lou_version().decode("ascii")


def require_table(table: str) -> None:
    """Refuse cleanly, before any output, when the language's table is not installed."""
    if not _liblouis().lou_getTable(f"{DISPLAY},{table}".encode()):
        raise UserError.at("legpain-docs", f"the braille table {table} is missing: {INSTALL}")


def translate(text: str, table: str) -> str:
    """Print text as Unicode braille by `table` (contractions, capitals, numbers and all).

    Every space is a plain space first: braille spacing is the code's own business, and some
    tables copy a no-break space (French typography's, before a colon) through untranslated.
    """
    return _call("lou_translateString", SPACES.sub(" ", text), table)


def back_translate(braille: str, table: str) -> str:
    """Unicode braille read back as print by `table`: how the tests know the braille says the text."""
    return _call("lou_backTranslateString", braille, table)


def _call(function: str, text: str, table: str) -> str:
    if not text:
        return ""
    # liblouis's `widechar` is 2 or 4 bytes, as it was built (Debian: 2, UTF-16).
    width = _liblouis().lou_charSize()
    encoding = f"utf-{width * 8}-le"
    data = text.encode(encoding, "surrogatepass")
    length = ctypes.c_int(len(data) // width)
    # Contractions shorten, but indicators (capitals, numbers, grade 1) lengthen: room for 4 times the input.
    room = ctypes.c_int(length.value * 4 + 16)
    out = ctypes.create_string_buffer(room.value * width)
    ok = getattr(_liblouis(), function)(
        f"{DISPLAY},{table}".encode(), data, ctypes.byref(length), out, ctypes.byref(room), None, None, 0
    )
    if not ok:
        raise UserError.at("legpain-docs", f"liblouis could not translate with {table}: {INSTALL}")
    return out.raw[: room.value * width].decode(encoding, "surrogatepass")
