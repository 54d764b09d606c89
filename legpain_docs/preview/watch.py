"""Which saves the preview rebuilds for: the sources, the clinic and library files, and each
source's deck record, watched with watchfiles (the operating system's own notifications)."""

from __future__ import annotations

from pathlib import Path

from ..render.deck.record import record_path
from .state import Preview


def watched(preview: Preview) -> dict[Path, list[int] | None]:
    """Each watched file -> the articles to rebuild when it changes (None: all of them)."""
    files: dict[Path, list[int] | None] = {}
    for index, source in enumerate(preview.sources):
        for path in (Path(source), record_path(source)):
            files.setdefault(path.resolve(), [])
            if files[path.resolve()] is not None:
                files[path.resolve()].append(index)
    for shared in (preview.options.clinic, preview.options.library):
        if shared:
            files[Path(shared).resolve()] = None
    return files


def watch(preview: Preview, on_rebuilt=lambda seconds: None) -> None:
    """Rebuild on every save until the preview stops. Folders are watched, not files: an editor
    that saves by writing a new file and renaming it over the old one still counts."""
    import watchfiles

    files = watched(preview)
    folders = sorted({str(path.parent) for path in files})
    for changes in watchfiles.watch(*folders, stop_event=preview.stopping, debounce=50, step=20,
                                    rust_timeout=500, yield_on_timeout=False, raise_interrupt=True):
        hit = [files[Path(path).resolve()] for _, path in changes if Path(path).resolve() in files]
        if not hit:
            continue
        indexes = None if any(h is None for h in hit) else sorted({i for h in hit for i in h})
        preview.rebuild(indexes)
        on_rebuilt(preview)
