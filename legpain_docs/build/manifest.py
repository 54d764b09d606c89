"""The manifest: what each output in a folder was made from, so a build redoes only what changed.

An output is rebuilt when the digest of everything it is made from (its source and the pictures
beside it, the clinic and library files, the deck record, the variant, the package's own code and its pinned
libraries, SOURCE_DATE_EPOCH) differs from the one recorded when it was written, or when the
file itself is gone or no longer what was written. Content, not time: a `git checkout` that
touches a file without changing it rebuilds nothing, and one that restores an older file
rebuilds what it feeds. The manifest is a cache: a missing or damaged one rebuilds everything.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..load.read import FileKind

MANIFEST = ".legpain-docs-manifest.json"  # hidden in the output folder
FORMAT = 1
MANIFEST_FILE = FileKind(
    "build manifest", "the build's manifest", "delete it (the next build rebuilds every output)", 64 * 1024 * 1024
)
PACKAGE = Path(__file__).resolve().parent.parent
# The libraries whose version changes the bytes of an output (pinned in pyproject.toml).
LIBRARIES = (
    "reportlab",
    "rl_accel",
    "genanki",
    "font_source_sans_pro",
    "pyphen",
    "babel",
    "pyyaml",
    "pillow",
    "svglib",
    "lxml",
    "tinycss2",
    "cssselect2",
)  # the last five: figures


def digest(*parts: str | bytes | None, after: hashlib._Hash | None = None) -> str:
    """One digest of several parts, each length-prefixed so that no two lists of parts share one.
    `after`: the running hash of the parts before these (`hashed`), for digests that share them."""
    hashed = after.copy() if after is not None else hashlib.sha256()
    hashed.update(_framed(parts))
    return hashed.hexdigest()


def hashed(*parts: str | bytes | None) -> hashlib._Hash:
    """The running hash of the first parts of several digests: `digest(*rest, after=hashed(*first))`
    is `digest(*first, *rest)`, the first parts hashed once."""
    running = hashlib.sha256()
    running.update(_framed(parts))
    return running


def _framed(parts: tuple[str | bytes | None, ...]) -> bytes:
    chunks = []
    for part in parts:
        data = b"\xff" if part is None else part.encode("utf-8") if isinstance(part, str) else part
        chunks += (len(data).to_bytes(8, "big"), data)
    return b"".join(chunks)


def code_digest(manifest: Manifest | None = None) -> str:
    """The package's own files and the installed versions of the libraries that shape the outputs.

    With a `manifest`, its kept digest while every file is the one read then (`stat_key`, as for
    sources): a build then reads none of the package's files."""
    names, versions = _code_files(), _library_versions()
    infos = [os.stat(os.path.join(PACKAGE, name)) for name in names]
    fingerprint = digest(sys.version, *names, repr([stat_key(i) for i in infos]), *versions)
    if manifest is not None and manifest.code[:1] == [fingerprint]:
        return manifest.code[1]
    parts: list[str | bytes] = [sys.version]
    for name in names:
        with open(os.path.join(PACKAGE, name), "rb") as file:
            parts += [name, file.read()]
    value = digest(*parts, *versions)
    if manifest is not None:
        manifest.keep_code([fingerprint, value] if _settled(infos) else [])
    return value


def file_digest(path: str | os.PathLike | None) -> str | None:
    """The digest of a file the outputs are made from, None when there is none.

    Only a regular file is read (its reader then says what is wrong with it): a pipe or a
    device is only named, so that planning never hangs on one.
    """
    if path is None:
        return None
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return digest("not a regular file", str(info.st_mode))
        with open(path, "rb") as file:
            return digest(file.read())
    except OSError as err:
        return digest("unreadable", type(err).__name__)


def _code_files() -> list[str]:
    """The package's .py and .css files, as paths from the package, in the order of their parts
    (os.walk: a build with nothing to do cannot spare pathlib's rglob its 3 ms)."""
    names = []
    for folder, subfolders, files in os.walk(PACKAGE):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        relative = os.path.relpath(folder, PACKAGE)
        names += [
            name if relative == "." else f"{relative}/{name}"
            for name in files
            if os.path.splitext(name)[1] in (".py", ".css")
        ]
    return sorted(names, key=lambda name: name.split("/"))


def _library_versions() -> list[str]:
    """The `.dist-info` folder names of LIBRARIES (`reportlab-5.1.0.dist-info`): their versions,
    read from the folder listing, which costs far less than importing importlib.metadata."""
    wanted = {name.lower() for name in LIBRARIES}
    found = []
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        found += [n for n in names if n.endswith(".dist-info") and n.split("-")[0].lower() in wanted]
    return sorted(found)


RECENT_NS = 1_000_000_000  # a source changed this close before the manifest was written is read again


def stat_key(info: os.stat_result) -> list[int]:
    """What tells that a file is the one read before: size, modification and change times, inode, device."""
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev]


def _settled(infos: list[os.stat_result]) -> bool:
    """Whether every file was last changed well before now: a digest read from them may be kept
    under their `stat_key`. (A file changed again within its clock's tick of the change it was
    read after would keep its times; changed a second later, its change time moves.)"""
    now = time.time_ns()  # (a file system whose "change time" is a creation time: its modification time too)
    return all(max(info.st_ctime_ns, info.st_mtime_ns) < now - RECENT_NS for info in infos)


def _kept(files: object) -> dict[str, list]:
    """The well-made entries of a manifest's "files" (a damaged one is a cache missed, not an error)."""
    if not isinstance(files, dict):
        return {}
    return {
        path: entry
        for path, entry in files.items()
        if isinstance(entry, list)
        and len(entry) == 2
        and isinstance(entry[0], str)
        and isinstance(entry[1], list)
        and all(type(n) is int for n in entry[1])
    }


def _code(entry: object) -> list:
    return entry if isinstance(entry, list) and len(entry) == 2 and all(isinstance(e, str) for e in entry) else []


@dataclass
class Manifest:
    """Per output file name: the digest of what it was made from, and of its bytes as written."""

    folder: Path
    outputs: dict[str, dict] = field(default_factory=dict)
    # source path -> [its digest, its article's id] and, when its digest is of its bytes alone
    # (no pictures beside it), the file's [size, mtime_ns, ctime_ns, inode] when it was read
    sources: dict[str, list] = field(default_factory=dict)
    # path -> [digest, stat_key] of the other files read for their digest (records, release
    # notes), kept while the file is the one read then
    files: dict[str, list] = field(default_factory=dict)
    code: list = field(default_factory=list)  # [fingerprint of the package's files, code_digest]
    asked: set[str] = field(default_factory=set)  # the paths file_digest was asked for (not written out)
    read_as: bytes = b""  # the text it was read from: unchanged, it is not written again
    written_ns: int = 0  # when it was written (its file's mtime)
    changed: bool = False  # whether anything was recorded since it was read

    @classmethod
    def read(cls, folder: str | Path) -> Manifest:
        from ..errors import UserError
        from ..load.read import read_bytes

        folder = Path(folder)
        path = str(folder / MANIFEST)
        try:  # a regular file only, bounded: a pipe in its place would hang the build, /dev/zero never ends
            text, written = read_bytes(path, MANIFEST_FILE), os.stat(path).st_mtime_ns
            data = json.loads(text)
            if data.get("format") != FORMAT:
                raise ValueError(data.get("format"))
            return cls(
                folder,
                outputs=dict(data["outputs"]),
                sources=dict(data["sources"]),
                files=_kept(data.get("files", {})),
                code=_code(data.get("code")),
                read_as=text,
                written_ns=written,
            )
        except (
            UserError,
            OSError,
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
        ):  # none yet, or damaged: rebuild all
            return cls(folder)

    def known_id(self, source: str, source_digest: str) -> str | None:
        """The id of the article at `source` when it was built with these very bytes."""
        kept = self.sources.get(source)
        return kept[1] if kept and kept[0] == source_digest else None

    def known_digest(self, source: str, info: os.stat_result) -> str | None:
        """The digest of the source's bytes as last read, when the file is the one read then.

        Its size, modification and change times and inode say so, as they tell git that a file
        is unchanged (the change time moves with every write and cannot be set back); a file
        changed less than a second before this manifest was written is read again, in case a
        coarse clock gave its next change the same times.
        """
        kept = self.sources.get(source)
        if not kept or len(kept) < 3 or kept[2] != stat_key(info):
            return None
        return kept[0] if info.st_ctime_ns < self.written_ns - RECENT_NS else None

    def file_digest(self, path: str) -> str | None:
        """`file_digest(path)`, kept under the file's `stat_key`: not read again while the file
        is the one read then. (Only a regular file is kept: any other is only named.)"""
        try:
            info = os.stat(path)
        except OSError:
            info = None
        self.asked.add(path)
        if info is None or not stat.S_ISREG(info.st_mode):
            return file_digest(path)
        kept = self.files.get(path)
        if kept and kept[1] == stat_key(info):
            return kept[0]
        value = file_digest(path)
        entry = [value, stat_key(info)] if _settled([info]) else None
        if self.files.get(path) != entry:
            if entry:
                self.files[path] = entry
            else:
                del self.files[path]
            self.changed = True
        return value

    def forget_unasked(self) -> None:
        """Keep only the digests `file_digest` was asked for (by a build of the whole library):
        those of articles renamed or removed since go."""
        kept = {path: entry for path, entry in self.files.items() if path in self.asked}
        if kept != self.files:
            self.files, self.changed = kept, True

    def keep_code(self, entry: list) -> None:
        if self.code != entry:
            self.code, self.changed = entry, True

    def up_to_date(self, name: str, made_from: str) -> bool:
        """Whether the output `name` was made from `made_from` and is still the file written then."""
        entry = self.outputs.get(name)
        if entry is None or entry.get("made_from") != made_from:
            return False
        path = os.path.join(self.folder, name)  # a str: a library's hundreds of outputs are asked about
        try:
            info = os.stat(path)
        except OSError:
            return False
        if [info.st_size, info.st_mtime_ns] == [entry.get("size"), entry.get("mtime_ns")]:
            return True
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device in an output's place is never read: rebuilt
            return False
        try:  # touched (a copy, a checkout): its bytes decide
            with open(path, "rb") as file:
                return hashlib.sha256(file.read()).hexdigest() == entry.get("digest")
        except OSError:
            return False

    def wrote(self, name: str, made_from: str, data: bytes) -> None:
        info = os.stat(self.folder / name)
        self.outputs[name] = {
            "made_from": made_from,
            "digest": hashlib.sha256(data).hexdigest(),
            "size": info.st_size,
            "mtime_ns": info.st_mtime_ns,
        }
        self.changed = True

    def knew(self, source: str, source_digest: str, article_id: str, stat: list[int] | None = None) -> None:
        """Record the id of the article at `source`, whose bytes have this digest (and, when the
        digest is of its bytes alone, the file's `stat_key` when it was read)."""
        entry = [source_digest, article_id] + ([stat] if stat else [])
        if self.sources.get(source) != entry:
            self.sources[source] = entry
            self.changed = True

    def text(self) -> bytes:
        data = {
            "format": FORMAT,
            "outputs": self.outputs,
            "sources": self.sources,
            "files": self.files,
            "code": self.code,
        }
        # One line: json's C encoder writes it (an indented one is written by Python's, 4x slower);
        # `python -m json.tool` shows it indented.
        return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
