"""The translation record: which revision of the original each translated item follows.

A plain-text file beside the translation (`<name>.translation-record`), written by
`legpain-docs translated` when the editor has brought the translation up to date, and
committed with it. Each line is an item's key and a short digest of its original's words:
a changed digest means the original was reworded since.
"""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

from ..keys import item_key
from ..load.read import MAX_BYTES, FileKind, read_kept_text
from ..model import Article, Item

HEADER = (
    "# Which revision of the original each translated item follows, written by `legpain-docs translated`.\n"
    "# Commit it with the translation; don't edit it by hand.\n"
)
DIGEST_LENGTH = 12  # hex digits: 48 bits, far beyond any article's count of items


def record_path(source: str | Path) -> Path:
    return Path(source).with_suffix(".translation-record")


def item_digest(item: Item) -> str:
    """The original item's words, as a short digest: its term and its definition."""
    words = unicodedata.normalize("NFC", f"{item.term}\0{item.definition or ''}")
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


def original_digests(original: Article) -> dict[str, str]:
    return {item_key(item): item_digest(item) for section in original.sections for item in section.items}


def follows(translation: Article, original: Article) -> dict[str, str]:
    """What the record says once the translation is up to date: each translated item's original, as it is now."""
    digests = original_digests(original)
    keys = [item_key(item) for section in translation.sections for item in section.items]
    return {key: digests[key] for key in keys if key in digests}


def format_record(original_id: str, followed: dict[str, str]) -> str:
    lines = [f"original {original_id}", *(f"{key} {digest}" for key, digest in followed.items())]
    return HEADER + "\n".join(lines) + "\n"


# A regular file only, bounded, as a deck record: a pipe would hang `check`, /dev/zero never ends.
RECORD = FileKind(
    "translation record", "a translation record", "restore the record from version control (git checkout)", MAX_BYTES
)


def read_record(path: Path) -> dict[str, str]:
    """key -> digest; empty when there is no record yet (nothing is recorded as translated)."""
    text = read_kept_text(path, RECORD, "the translation record")
    if text is None:
        return {}
    entries = (line.split() for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {parts[0]: parts[1] for parts in entries if len(parts) == 2 and parts[0] != "original"}
