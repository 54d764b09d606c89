"""Which saves the preview rebuilds for: the sources, the clinic and library files, and each
source's deck record, watched with watchfiles (the operating system's own notifications)."""

from __future__ import annotations

import os
from pathlib import Path

from ..names import record_path
from .state import Preview

WAKE_MS = 400  # at least this often the files are compared anyway: a save made as watching began is not lost


def watched(preview: Preview) -> dict[Path, list[int] | None]:
    """Each watched file -> the articles to rebuild when it changes (None: all of them)."""
    files: dict[Path, list[int] | None] = {}
    for index, source in enumerate(preview.sources):
        for path in (Path(source).resolve(), record_path(source).resolve()):
            if files.get(path, []) is not None:
                files[path] = [*files.get(path, []), index]
    for shared in (preview.options.clinic, preview.options.library):
        if shared:
            files[Path(shared).resolve()] = None
    return files


def stamps(files) -> dict[Path, tuple[int, int, int] | None]:
    """What tells a saved file from the one before: its inode, size and time (None: missing)."""
    found = {}
    for path in files:
        try:
            info = os.stat(path)
            found[path] = (info.st_ino, info.st_size, info.st_mtime_ns)
        except OSError:
            found[path] = None
    return found


def watch(preview: Preview, since: dict, on_rebuilt=lambda preview: None) -> None:
    """Rebuild on every save after the `since` stamps, until the preview stops.

    Folders are watched, not files: an editor that saves by writing a new file and renaming it
    over the old one still counts. A notification only wakes the loop; the stamps say what changed.
    """
    import watchfiles

    files = watched(preview)
    folders = sorted({str(path.parent) for path in files if path.parent.is_dir()})
    for _ in watchfiles.watch(
        *folders,
        stop_event=preview.stopping,
        debounce=50,
        step=20,
        rust_timeout=WAKE_MS,
        yield_on_timeout=True,
        raise_interrupt=True,
    ):
        now = stamps(files)
        hit = [files[path] for path in files if now[path] != since.get(path)]
        since = now
        if hit:
            preview.rebuild(None if any(h is None for h in hit) else sorted({i for h in hit for i in h}))
            on_rebuilt(preview)
