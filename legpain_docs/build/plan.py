"""What a build must do: the articles it builds, the one reading of each that decides its id,
and the outputs whose inputs changed since the manifest was written."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..errors import Problem, UserError
from .manifest import Manifest, digest, stat_key
from .problems import duplicate_id_problem

# The model is imported when an article is read: a build with nothing to do never is. (typing's
# TYPE_CHECKING would cost that build 2 ms to import; checkers read any TYPE_CHECKING as True.)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..model import Article


@dataclass
class Source:
    """One article's source file: its bytes' digest, its id, and its article once loaded."""

    path: str
    digest: str | None = None
    article_id: str | None = None
    article: Article | None = None
    problems: list[Problem] = field(default_factory=list)
    stat: list[int] | None = None  # the file's stat_key when its bytes alone made `digest`

    @property
    def ok(self) -> bool:
        return not self.problems and self.article_id is not None

    def load(self) -> Article | None:
        """The article (loaded once); None, with its problems kept, when it has any."""
        if self.article is None and not self.problems:
            from ..load.walk import load_article

            try:
                self.article = load_article(self.path)
                self.article_id = self.article.id
            except UserError as err:
                self.problems = err.problems
        return self.article


def identify(path: str, manifest: Manifest, walked: dict[str, str | None] | None = None) -> Source:
    """The source's digest (with the pictures beside it, when there are any) and id: from the
    manifest when its bytes are the ones built last time (no YAML read at all), else from loading it.
    `walked` keeps, for the whole build, the pictures' digest of each folder already read."""
    from ..load.read import read_bytes
    from .pictures import pictures_digest

    source = Source(path)
    try:
        pictures = pictures_digest(path, {} if walked is None else walked)
        info = _stat(path) if pictures is None else None  # a file read last time, unchanged, is not read again
        source.digest = manifest.known_digest(path, info) if info else None
        if source.digest is None:
            data = read_bytes(path)
            source.digest = digest(data) if pictures is None else digest(data, pictures)
        source.stat = stat_key(info) if info else None
    except UserError as err:
        source.problems = err.problems
        return source
    source.article_id = manifest.known_id(path, source.digest)
    if source.article_id is None:
        source.load()
    return source


def _stat(path: str) -> os.stat_result | None:
    """The file's status before it is read (None when it has none: reading it will say why)."""
    try:
        return os.stat(path)
    except OSError:
        return None


def duplicate_ids(sources: list[Source]) -> list[Problem]:
    """Two articles with one id would write the same files: a problem at the later file (in the
    folder's order), naming the earlier."""
    first: dict[str, Source] = {}
    problems = []
    for source in sorted(sources, key=lambda s: s.path):
        if source.article_id is None:
            continue
        other = first.setdefault(source.article_id, source)
        if other is not source:
            problems.append(duplicate_id_problem(source.path, source.article_id, other.path))
    return problems


def unique(paths: list[str]) -> list[str]:
    """The paths with any second spelling of one file (`./a.yaml` beside `a.yaml`) left out."""
    seen, kept, folders = set(), [], {}
    for path in paths:
        real = _real_path(path, folders)
        if real not in seen:
            seen.add(real)
            kept.append(path)
    return kept


def _real_path(path: str, folders: dict[str, str]) -> str:
    """os.path.realpath(path), each folder resolved once (`folders` keeps them): a library's
    files share one, and resolving it again for each costs a system call per part of its path."""
    head, tail = os.path.split(path)
    if tail in ("", ".", ".."):
        return os.path.realpath(path)
    if head not in folders:
        folders[head] = os.path.realpath(head or ".")
    whole = os.path.join(folders[head], tail)
    return os.path.realpath(whole) if os.path.islink(whole) else whole
