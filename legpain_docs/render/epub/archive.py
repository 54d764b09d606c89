"""The EPUB's zip, the same bytes for the same files: fixed order, times and permissions."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

MIMETYPE = b"application/epub+zip"
EARLIEST_ZIP_TIME = 315_532_800  # 1980-01-01: a zip cannot hold an earlier time


# Already compressed: deflating them again saves nothing and costs time.
STORED = (".png", ".jpg")


def zip_book(files: list[tuple[str, str | bytes]], epoch: int) -> bytes:
    """`mimetype` first and stored uncompressed (as EPUB requires), then each file: text (UTF-8)
    and SVG deflated, PNG and JPEG stored as they are."""
    moment = dt.datetime.fromtimestamp(max(epoch, EARLIEST_ZIP_TIME), dt.UTC).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr(_entry("mimetype", moment, zipfile.ZIP_STORED), MIMETYPE)
        for name, content in files:
            method = zipfile.ZIP_STORED if name.endswith(STORED) else zipfile.ZIP_DEFLATED
            data = content.encode("utf-8") if isinstance(content, str) else content
            book.writestr(_entry(name, moment, method), data)
    return buffer.getvalue()


def _entry(name: str, moment: tuple, method: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=moment)
    info.compress_type = method
    info.external_attr = 0o644 << 16  # rw-r--r--, whatever this machine's umask
    info.create_system = 3  # Unix, so the permissions are read as such everywhere
    return info
