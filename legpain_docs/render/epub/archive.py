"""The EPUB's zip, the same bytes for the same files: fixed order, times and permissions."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

MIMETYPE = b"application/epub+zip"
EARLIEST_ZIP_TIME = 315_532_800  # 1980-01-01: a zip cannot hold an earlier time


def zip_book(files: list[tuple[str, str]], epoch: int) -> bytes:
    """`mimetype` first and stored uncompressed (as EPUB requires), then each file, deflated."""
    moment = dt.datetime.fromtimestamp(max(epoch, EARLIEST_ZIP_TIME), dt.timezone.utc).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr(_entry("mimetype", moment, zipfile.ZIP_STORED), MIMETYPE)
        for name, text in files:
            book.writestr(_entry(name, moment, zipfile.ZIP_DEFLATED), text.encode("utf-8"))
    return buffer.getvalue()


def _entry(name: str, moment: tuple, method: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=moment)
    info.compress_type = method
    info.external_attr = 0o644 << 16  # rw-r--r--, whatever this machine's umask
    info.create_system = 3  # Unix, so the permissions are read as such everywhere
    return info
