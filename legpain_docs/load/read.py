"""Reading a source file: a regular file only, at most MAX_BYTES, and lines counted as an editor counts them.

A FIFO would block for ever and `/dev/zero` never ends (its size says 0), so the kind of
file is checked before and after opening it, and the read stops one byte past the limit.
"""

from __future__ import annotations

import bisect
import os
import re
import stat
from dataclasses import dataclass

from ..errors import UserError

MAX_BYTES = 1024 * 1024  # the article is 5 KB: 200 times it; every output of it builds within 10 s and 300 MB
# An editor ends a line at \n, \r\n or a lone \r, and nowhere else: YAML also breaks lines at
# NEL, U+2028 and U+2029, which would shift every later line number from the editor's.
LINE_END = re.compile(r"\r\n?|\n")


@dataclass(frozen=True)
class FileKind:
    """What a file read here is, for its messages, and how large it may be."""

    name: str  # "source file": "is a directory, not a source file"
    noun: str  # "a source": "a source may have at most ..."
    advice: str  # what to give instead of a pipe or a device
    limit: int


SOURCE = FileKind("source file", "a source", "give the path of a YAML file", MAX_BYTES)


def read_source(path: str) -> str:
    """The text of a UTF-8 source file, without a leading byte order mark."""
    data = read_bytes(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        # Everything before the bad byte is good UTF-8: its lines and characters are the editor's.
        before = data[: err.start].decode("utf-8")
        where = Lines(before).at(len(before))
        raise UserError.at(
            path,
            f"not UTF-8: byte 0x{data[err.start]:02x} is not part of a UTF-8 character; save the file as UTF-8",
            *where,
        ) from None
    return text.removeprefix("\ufeff")


def read_kept_text(path: str | os.PathLike, kind: FileKind, what: str) -> str | None:
    """The UTF-8 text of a file the tool writes and the user commits beside a source (a record,
    release notes), under a source's guards; None when there is none yet. Damaged bytes are
    named with the way back: `what` is how the message calls the file ("the release notes")."""
    if not os.path.lexists(path):
        return None
    try:
        return read_bytes(str(path), kind).decode("utf-8")
    except UnicodeDecodeError as err:
        raise UserError.at(
            str(path),
            f"{what} {'are' if what.endswith('s') else 'is'} damaged (byte {err.start + 1} is not UTF-8): "
            "take the file back from version control (git checkout) rather than editing it",
        ) from None


def read_bytes(path: str, kind: FileKind = SOURCE) -> bytes:
    """The bytes of a regular file of at most `kind.limit` bytes, read under the guards of a source's
    text (for a build's digests too); anything else is a UserError at `path`."""
    try:
        _refuse_unless_regular(path, os.stat(path).st_mode, kind)
        # O_NONBLOCK: a FIFO swapped in after the check must not hang the open.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise UserError.at(path, "no such file") from None
    except OSError as err:
        raise UserError.at(path, f"cannot read the file: {(err.strerror or str(err)).lower()}") from None
    try:
        info = os.fstat(fd)
        _refuse_unless_regular(path, info.st_mode, kind)
        if info.st_size > kind.limit:
            raise _too_big(path, f"{info.st_size:,} bytes", kind)
        chunks, size = [], 0
        while size <= kind.limit:
            chunk = os.read(fd, kind.limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > kind.limit:  # the file grew while it was read
            raise _too_big(path, f"more than {kind.limit:,} bytes", kind)
        return b"".join(chunks)
    except OSError as err:
        raise UserError.at(path, f"cannot read the file: {(err.strerror or str(err)).lower()}") from None
    finally:
        os.close(fd)


def _refuse_unless_regular(path: str, mode: int, kind: FileKind) -> None:
    if stat.S_ISDIR(mode):
        raise UserError.at(path, f"is a directory, not a {kind.name}")
    if not stat.S_ISREG(mode):
        what = (
            "a named pipe"
            if stat.S_ISFIFO(mode)
            else "a device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "not a file"
        )
        raise UserError.at(path, f"is {what}, not a {kind.name}: {kind.advice}")


def _too_big(path: str, size: str, kind: FileKind) -> UserError:
    return UserError.at(path, f"the file is {size}; {kind.noun} may have at most {kind.limit:,}")


class Lines:
    """Turns a character offset in the text into the 1-based line and column an editor shows.

    No table of every line's start (four million blank lines would take seconds and hundreds
    of MB to list): line breaks are counted in C from the nearest offset already asked about,
    so questions asked from the top of the file down cost one pass in all.
    """

    def __init__(self, text: str):
        self.text = text
        self._known = [(0, 1, 0)]  # (offset, its line, its line's start), sorted: where counting can start

    def at(self, index: int) -> tuple[int, int]:
        index = max(0, min(index, len(self.text)))
        if 0 < index < len(self.text) and self.text[index - 1] == "\r" and self.text[index] == "\n":
            line, col = self.at(index - 1)  # between \r and \n: still the \r's line; counting never starts here
            return line, col + 1
        start, line, line_start = self._known[bisect.bisect_right(self._known, (index, float("inf"))) - 1]
        breaks = self._breaks(start, index)
        if breaks:  # the line starts after the last break since `start`, not before it
            line, line_start = (
                line + breaks,
                max(self.text.rfind("\n", start, index), self.text.rfind("\r", start, index)) + 1,
            )
        bisect.insort(self._known, (index, line, line_start))
        return line, index - line_start + 1

    def _breaks(self, start: int, end: int) -> int:
        """Line breaks that end in text[start:end]: \n, \r\n or a lone \r."""
        text = self.text
        return text.count("\n", start, end) + text.count("\r", start, end) - text.count("\r\n", start, end)

    def end_of_line(self, index: int) -> int:
        """The offset of the line break after `index`, or the end of the text."""
        found = LINE_END.search(self.text, index)
        return found.start() if found else len(self.text)
