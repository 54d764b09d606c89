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
from dataclasses import dataclass, field
from pathlib import Path

from ..load.read import FileKind

MANIFEST = ".legpain-docs-manifest.json"  # hidden in the output folder
FORMAT = 1
MANIFEST_FILE = FileKind("build manifest", "the build's manifest", "delete it (the next build rebuilds every output)",
                         64 * 1024 * 1024)
PACKAGE = Path(__file__).resolve().parent.parent
# The libraries whose version changes the bytes of an output (pinned in pyproject.toml).
LIBRARIES = ("reportlab", "rl_accel", "genanki", "font_source_sans_pro", "pyphen", "babel", "pyyaml",
             "pillow", "svglib", "lxml", "tinycss2", "cssselect2")  # the last five: figures


def digest(*parts: str | bytes | None) -> str:
    """One digest of several parts, each length-prefixed so that no two lists of parts share one."""
    hashed = hashlib.sha256()
    for part in parts:
        data = b"\xff" if part is None else part.encode("utf-8") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "big") + data)
    return hashed.hexdigest()


def code_digest() -> str:
    """The package's own files and the installed versions of the libraries that shape the outputs."""
    files = sorted(p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".css") and "__pycache__" not in p.parts)
    parts: list[str | bytes] = [sys.version]
    for path in files:
        parts += [str(path.relative_to(PACKAGE)), path.read_bytes()]
    return digest(*parts, *_library_versions())


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


@dataclass
class Manifest:
    """Per output file name: the digest of what it was made from, and of its bytes as written."""

    folder: Path
    outputs: dict[str, dict] = field(default_factory=dict)
    sources: dict[str, list[str]] = field(default_factory=dict)  # source path -> [its digest, its article's id]
    read_as: bytes = b""  # the text it was read from: unchanged, it is not written again

    @classmethod
    def read(cls, folder: str | Path) -> Manifest:
        from ..errors import UserError
        from ..load.read import read_bytes

        folder = Path(folder)
        try:  # a regular file only, bounded: a pipe in its place would hang the build, /dev/zero never ends
            text = read_bytes(str(folder / MANIFEST), MANIFEST_FILE)
            data = json.loads(text)
            if data.get("format") != FORMAT:
                raise ValueError(data.get("format"))
            return cls(folder, dict(data["outputs"]), dict(data["sources"]), text)
        except (UserError, ValueError, KeyError, TypeError, AttributeError):  # none yet, or damaged: rebuild all
            return cls(folder)

    def known_id(self, source: str, source_digest: str) -> str | None:
        """The id of the article at `source` when it was built with these very bytes."""
        kept = self.sources.get(source)
        return kept[1] if kept and kept[0] == source_digest else None

    def up_to_date(self, name: str, made_from: str) -> bool:
        """Whether the output `name` was made from `made_from` and is still the file written then."""
        entry = self.outputs.get(name)
        if entry is None or entry.get("made_from") != made_from:
            return False
        try:
            info = os.stat(self.folder / name)
        except OSError:
            return False
        if [info.st_size, info.st_mtime_ns] == [entry.get("size"), entry.get("mtime_ns")]:
            return True
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device in an output's place is never read: rebuilt
            return False
        try:  # touched (a copy, a checkout): its bytes decide
            return hashlib.sha256((self.folder / name).read_bytes()).hexdigest() == entry.get("digest")
        except OSError:
            return False

    def wrote(self, name: str, made_from: str, data: bytes) -> None:
        info = os.stat(self.folder / name)
        self.outputs[name] = {"made_from": made_from, "digest": hashlib.sha256(data).hexdigest(),
                              "size": info.st_size, "mtime_ns": info.st_mtime_ns}

    def text(self) -> bytes:
        data = {"format": FORMAT, "outputs": self.outputs, "sources": self.sources}
        return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False).encode("utf-8") + b"\n"
