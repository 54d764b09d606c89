"""What the preview shows: each article's last good views and its current problems, and a
version number that moves on every rebuild, for open pages to follow."""

from __future__ import annotations

import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, UserError
from .views import Options, Views, build


@dataclass
class Shown:
    """One article as the page shows it."""

    source: str
    views: Views | None = None  # the last good build: kept while the source has problems
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0  # how long the last rebuild took


class Preview:
    def __init__(self, sources: list[str], options: Options, folder: Path):
        self.sources, self.options, self.folder = sources, options, folder
        self.shown = [Shown(source) for source in sources]
        self.version = 0
        self.stopping = threading.Event()
        self._changed = threading.Condition()
        self._older: list[Path] = []

    def rebuild(self, indexes: list[int] | None = None) -> None:
        """Build the views of these articles (all by default) anew, then tell the open pages."""
        for index in range(len(self.sources)) if indexes is None else indexes:
            self._rebuild(index)
        with self._changed:
            self.version += 1
            self._changed.notify_all()

    def _rebuild(self, index: int) -> None:
        shown = self.shown[index]
        started = time.perf_counter()
        folder = self.folder / f"{self.version + 1}-{index}"
        try:
            views = build(shown.source, self.options, folder)
        except UserError as err:
            shutil.rmtree(folder, ignore_errors=True)
            shown.problems = list(err.problems)
        else:
            if shown.views is not None:  # kept one build longer: an open page may still be reading it
                self._older.append(shown.views.folder)
            while len(self._older) > len(self.sources):
                shutil.rmtree(self._older.pop(0), ignore_errors=True)
            shown.views, shown.problems = views, []
        shown.seconds = time.perf_counter() - started

    def wait_for_change(self, seen: int, timeout: float) -> int:
        """The version, once it is not `seen` (or after `timeout` seconds)."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != seen or self.stopping.is_set(), timeout)
            return self.version

    def stop(self) -> None:
        self.stopping.set()
        with self._changed:
            self._changed.notify_all()

    def file(self, name: str) -> Path | None:
        """A file of the views by its name under the folder, or None: nothing outside it is served."""
        path = (self.folder / name).resolve()
        root = self.folder.resolve()
        return path if root in path.parents and path.is_file() else None
