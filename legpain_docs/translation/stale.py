"""What a translation lags behind: its items whose original changed, the original's items it
lacks, and its items whose original is gone; each at the place the editor acts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..keys import item_key
from ..load.positions import FieldPath
from ..model import Article
from .record import item_digest, read_record, record_path


@dataclass(frozen=True)
class Finding:
    """One way a translation lags behind its original, at a field of the translation."""

    field: FieldPath
    key: str
    message: str


def findings(translation: Article, source: str | Path, original: Article) -> list[Finding]:
    """Every item of `translation` (read from `source`) that no longer follows `original`, in file order."""
    recorded = read_record(record_path(source))
    originals = {item_key(item): item for section in original.sections for item in section.items}
    found, seen = [], set()
    for n, section in enumerate(translation.sections):
        for m, item in enumerate(section.items):
            key = item_key(item)
            seen.add(key)
            field = ("sections", n, "items", m, "term")
            if key not in originals:
                found.append(
                    Finding(
                        field,
                        key,
                        f"the original, '{original.id}', has no item with the key '{key}' "
                        "(removed, or its key changed): remove this item or give it the "
                        "key of the item it translates",
                    )
                )
            elif key not in recorded:
                found.append(
                    Finding(
                        field,
                        key,
                        f"this item is not recorded as a translation of '{originals[key].term}' "
                        f"in {record_path(source).name}: once it is right, run "
                        f"`legpain-docs translated {source}`",
                    )
                )
            elif recorded[key] != item_digest(originals[key]):
                found.append(
                    Finding(
                        field,
                        key,
                        f"the original item '{originals[key].term}' changed since this "
                        f"translation: update it, then run `legpain-docs translated {source}`",
                    )
                )
    found += [
        Finding(("translation_of",), key, f"the original's item '{item.term}' (key {key}) has no translation here")
        for key, item in originals.items()
        if key not in seen
    ]
    return found


def original_source(source: str | Path, original_id: str) -> Path | None:
    """The original's file: `<id>.yaml` beside the translation, else the article there with that id."""
    folder = Path(source).parent
    named = folder / f"{original_id}.yaml"
    if named.is_file() and _id_of(named) == original_id:
        return named
    for candidate in sorted(folder.glob("*.yaml")):
        if candidate != named and not candidate.name.endswith(".clinic.yaml") and _id_of(candidate) == original_id:
            return candidate
    return None


def _id_of(path: Path) -> str | None:
    """The article's id from its top-level `id:` line, without loading the whole file."""
    import re

    from ..errors import UserError
    from ..load.read import read_source

    try:  # as a source is read: a pipe or a device named *.yaml in the folder is never waited on
        text = read_source(str(path))
    except UserError:
        return None
    found = re.search(r"^['\"]?id['\"]?[ \t]*:[ \t]*['\"]?([a-z0-9-]+)", text, re.M)
    return found.group(1) if found else None
