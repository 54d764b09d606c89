"""The one rule for output file names, so the command's defaults and the Makefile agree.

Each print variant has a name of its own, so that Letter and A4, regular and large print,
and each clinic's version sit side by side in output/ and never overwrite one another.
The default variant (Letter, regular print, no clinic, long-edge flip) adds nothing.
"""

from __future__ import annotations

from pathlib import Path

EXTENSIONS = {
    "handout": ".pdf",
    "cards": ".pdf",
    "deck": ".apkg",
    "html": ".html",
    "fhir": ".fhir.json",
    "braille": ".brf",
    "emboss-guide": ".txt",
    "epub": ".epub",
}
CLINIC_SUFFIX = ".clinic.yaml"  # how a clinic file in source/ tells itself apart from an article
CHANGES_SUFFIX = ".deck-changes"
RECORD_SUFFIX = ".deck-record"  # never .yaml: every source/*.yaml is an article


def output_name(
    article_id: str,
    kind: str,
    *,
    paper: str = "letter",
    large: bool = False,
    clinic: str | Path | None = None,
    flip: str = "long",
    cells: int = 40,
    lines: int = 25,
    translation: str | None = None,
) -> str:
    """`<id>-handout-a4-large-<clinic>.pdf`, `<id>-cards-a4-short.pdf`, `<id>.apkg`, `<id>-<clinic>.html`,
    `<id>.brf`, `<id>-emboss.txt`, `<id>.epub`, `<id>-handout-es.pdf` (bilingual)..."""
    if kind in ("deck", "epub"):
        return article_id + EXTENSIONS[kind]
    if kind in ("braille", "emboss-guide"):  # one braille edition per page size: "-32x28" when not 40 x 25
        size = "" if (cells, lines) == (40, 25) else f"-{cells}x{lines}"
        return article_id + size + ("-emboss" if kind == "emboss-guide" else "") + EXTENSIONS[kind]
    if kind == "html":  # one page for every screen: only the clinic (or the translation beside it) varies
        return (
            article_id
            + (f"-{clinic_stem(clinic)}" if clinic else "")
            + (f"-{translation.lower()}" if translation else "")
            + EXTENSIONS[kind]
        )
    if kind == "fhir":  # the bundle carries the web page and one handout: its paper and clinic vary
        parts = [article_id, *(["a4"] if paper != "letter" else []), *([clinic_stem(clinic)] if clinic else [])]
        return "-".join(parts) + EXTENSIONS[kind]
    parts = [article_id, kind]
    if translation:  # the bilingual handout: the translation's language tag, "-es"
        parts.append(translation.lower())
    if paper != "letter":
        parts.append(paper)
    if kind == "handout":
        if large:
            parts.append("large")
        if clinic:
            parts.append(clinic_stem(clinic))
    if kind == "cards" and flip != "long":
        parts.append(flip)
    return "-".join(parts) + EXTENSIONS[kind]


def clinic_stem(clinic: str | Path) -> str:
    """`source/riverside.clinic.yaml` -> `riverside`: the clinic's part of a handout's name."""
    name = Path(clinic).name
    for suffix in (CLINIC_SUFFIX, ".clinic.yml", ".yaml", ".yml"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


# The ends of the names of every file the project reads or writes: an output named with -o may
# end as its own kind's files do, or in no way of these (a name of the user's), never as another's.
KNOWN_ENDINGS = (*EXTENSIONS.values(), ".tsv", ".yaml", ".yml", RECORD_SUFFIX, CHANGES_SUFFIX, ".translation-record")


def foreign_ending(output: str | Path, default_name: str) -> str | None:
    """The ending of `output` when it is that of another kind of file than `default_name`'s: `html
    -o deck.apkg` would write over a deck, `pdf -o other.yaml` over an article."""
    name, own = Path(output).name.lower(), _ending(default_name)
    ending = _ending(name)
    return ending if ending is not None and ending != own else None


def own_ending(name: str) -> str:
    """How `name` ends, as the kind of file it is: `.fhir.json`, `.pdf`."""
    return _ending(name) or Path(name).suffix


def _ending(name: str) -> str | None:
    return max((e for e in KNOWN_ENDINGS if name.lower().endswith(e)), key=len, default=None)


def record_path(source: str | Path) -> Path:
    """`source/leg-foot-pain.yaml` -> `source/leg-foot-pain.deck-record`: the deck record beside its source."""
    return _beside(source, RECORD_SUFFIX)


def changes_path(source: str | Path) -> Path:
    """`source/leg-foot-pain.yaml` -> `source/leg-foot-pain.deck-changes`: the deck's release notes beside its source."""
    return _beside(source, CHANGES_SUFFIX)


def _beside(source: str | Path, suffix: str) -> Path:
    path = Path(source)
    return path.with_name((path.stem if path.suffix in (".yaml", ".yml") else path.name) + suffix)
