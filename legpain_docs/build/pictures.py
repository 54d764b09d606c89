"""The pictures beside a source, as one digest: a changed picture rebuilds the outputs of the articles
of its folder, whose figures may show it (a figure names a file in or below its article's folder).

Read without loading any YAML, so that a build with nothing to do still reads none: every PNG,
JPEG and SVG in and below the folder counts (hidden folders aside), each folder walked once a build.
"""

from __future__ import annotations

import os
import stat

from .manifest import digest

SUFFIXES = {".png", ".jpg", ".jpeg", ".svg"}


def pictures_digest(source: str, walked: dict[str, str | None]) -> str | None:
    """The digest of the pictures in and below the source's folder; None when there are none.
    `walked` keeps each folder's answer for the rest of the build."""
    folder = os.path.dirname(os.path.abspath(source))
    if folder not in walked:
        walked[folder] = _walk(folder)
    return walked[folder]


def _walk(folder: str) -> str | None:
    parts: list[str | bytes] = []
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            if os.path.splitext(name)[1].lower() in SUFFIXES:
                path = os.path.join(root, name)
                parts += [os.path.relpath(path, folder), _content(path)]
    return digest(*parts) if parts else None


def _content(path: str) -> bytes:
    """A regular file's bytes; only the kind of anything else (a pipe is never opened, so never waited on)."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return f"not a regular file {info.st_mode}".encode()
        with open(path, "rb") as file:
            return file.read()
    except OSError as err:
        return f"unreadable {type(err).__name__}".encode()
