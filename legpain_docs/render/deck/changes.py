"""The deck's release notes: what each build changed for students, newest first, kept in a file.

`legpain-docs anki` adds a release whenever a build changes what students get (a new, reworded
or retired item; a new order or a restyle changes no text and adds none), and the deck's
description shows the latest two. The file sits beside the deck record and is committed with
it; `legpain-docs changes SOURCE` prints it. Each release is a `## DATE` line and one line per
item, in the article's language, so a revision's diff shows exactly the lines it added.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...errors import UserError
from ...load.read import MAX_BYTES, FileKind, read_kept_text
from ...words import Words
from .notes import field_text

HEADER = """\
# What changed for students in the Anki deck of {source}, newest first. `legpain-docs anki`
# (make anki) adds a release whenever a build changes what students get, and the deck's
# description shows the latest two. Commit it with the source and the deck record.
"""
SHOWN = 2  # releases in the deck's description
# Read as a deck record is: a regular file only (a pipe would hang the build, /dev/zero never ends), bounded.
RELEASE_NOTES = FileKind(
    "release notes file", "a release notes file", "restore the file from version control (git checkout)", 16 * MAX_BYTES
)


@dataclass(frozen=True)
class Release:
    date: str  # YYYY-MM-DD, UTC, of the build
    lines: tuple[str, ...]  # "New: Spinal stenosis", one item each


def read_changes(path: str | Path) -> tuple[Release, ...]:
    """The releases in the file, newest first; none when there is no file yet."""
    text = read_kept_text(path, RELEASE_NOTES, "the release notes")
    if text is None:
        return ()
    releases: list[tuple[str, list[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("## "):
            releases.append((line[3:].strip(), []))
        elif line.startswith("- ") and releases:
            releases[-1][1].append(line[2:])
        elif line.strip() and not line.startswith("#"):
            raise UserError.at(
                str(path),
                "this line of the release notes is damaged: take the file back from "
                "version control (git checkout) rather than editing it",
                number,
                1,
            )
    return tuple(Release(date, tuple(lines)) for date, lines in releases)


def format_changes(releases: tuple[Release, ...], source_name: str) -> str:
    lines = [HEADER.format(source=source_name).rstrip("\n")]
    for release in releases:
        lines += ["", f"## {release.date}", *(f"- {line}" for line in release.lines)]
    return "\n".join(lines) + "\n"


def release_lines(words: Words, new: list[str], reworded: list[str], retired: list[str]) -> tuple[str, ...]:
    """One line per item, by term: the new ones, the reworded ones, the retired ones."""
    return tuple(
        [words.changes_new.format(term=t) for t in new]
        + [words.changes_reworded.format(term=t) for t in reworded]
        + [words.changes_retired.format(term=t) for t in retired]
    )


def described(releases: tuple[Release, ...], words: Words) -> str:
    """The latest releases as the HTML that ends the deck's description; '' when there are none."""
    if not releases:
        return ""
    parts = [f"<p><b>{field_text(words.changes_latest)}</b></p>"]
    for release in releases[:SHOWN]:
        items = "".join(f"<li>{field_text(line)}</li>" for line in release.lines)
        parts.append(f"<p>{field_text(release.date)}</p><ul>{items}</ul>")
    return "".join(parts)
