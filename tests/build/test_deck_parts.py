"""The library deck from the parts a build keeps: one changed article publishes only itself,
and the library deck is byte for byte the one a build from scratch writes, whatever happened
to the parts (gone, damaged) or to what the decks are made from (the library file, a record,
the release notes)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from legpain_docs.build.decks import PARTS
from legpain_docs.build.registry import LIBRARY_DECK
from legpain_docs.names import changes_path
from legpain_docs.render.deck.record import record_path

from tests.build.test_build import ARTICLES, Library, wrote
from tests.conftest import ARTICLE_PATH

DECK_FILES = [LIBRARY_DECK, "library.tsv"]


class Copies(Library):
    """The library of test_build.py plus two copies of the seed, each with its id and title: five articles."""

    def __init__(self, folder: Path):
        super().__init__(folder)
        text = ARTICLE_PATH.read_text(encoding="utf-8")
        for n in (1, 2):
            copy = re.sub(r"^id: .*$", f"id: copy{n}", text, count=1, flags=re.MULTILINE)
            copy = re.sub(r"^(title: .*)$", rf"\1 {n}", copy, count=1, flags=re.MULTILINE)
            (self.source / f"copy{n}.yaml").write_text(copy, encoding="utf-8")

    def build_decks(self, *args: str) -> list[str]:
        result = self.build("--kind", "deck", *args)
        assert result.returncode == 0, result.stderr
        return wrote(result)

    def parts(self) -> list[Path]:
        return sorted((self.out / PARTS).iterdir())


def same_as_from_scratch(lib: Copies, tmp_path: Path) -> None:
    """The library deck (and its text) as a build from scratch of the same sources writes them, in another folder."""
    out = lib.out
    lib.out = tmp_path / "from-scratch"
    shutil.rmtree(lib.out, ignore_errors=True)
    try:
        lib.build_decks()
        for name in DECK_FILES:
            assert (out / name).read_bytes() == (lib.out / name).read_bytes(), name
    finally:
        lib.out = out


@pytest.fixture
def lib(tmp_path):
    (tmp_path / "library").mkdir()
    lib = Copies(tmp_path / "library")
    assert lib.build_decks()
    assert len(lib.parts()) == len(ARTICLES) + 2  # one part per article
    return lib


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_one_changed_article_publishes_only_itself_and_the_library_deck_is_that_of_a_build_from_scratch(lib, tmp_path):
    edit(lib.source / "copy1.yaml", "title: ", "title: Changed ")
    assert lib.build_decks() == ["copy1.apkg", "copy1.tsv", LIBRARY_DECK, "library.tsv"]
    assert len(lib.parts()) == len(ARTICLES) + 2  # the changed article's old part is gone, its new one kept
    same_as_from_scratch(lib, tmp_path)


def test_an_article_whose_record_gains_notes_reads_back_as_published(lib, tmp_path):
    # A new item, and an old one retired: its record and its release notes change.
    edit(lib.source / "copy2.yaml", "- term: Spinal stenosis", "- term: Lumbar spinal stenosis")
    before = record_path(lib.source / "copy2.yaml").read_bytes()
    lib.build_decks()
    assert record_path(lib.source / "copy2.yaml").read_bytes() != before
    assert "Lumbar spinal stenosis" in changes_path(lib.source / "copy2.yaml").read_text(encoding="utf-8")
    edit(lib.source / "mini.yaml", "title: ", "title: Changed ")  # copy2 now comes from its part
    assert "copy2.apkg" not in lib.build_decks()
    same_as_from_scratch(lib, tmp_path)


@pytest.mark.parametrize(
    "damage", ["delete", "truncate", "flip", "empty folder", "a file for a folder", "a pipe", "a folder"]
)
def test_missing_or_damaged_parts_are_published_again(lib, tmp_path, damage):
    parts = lib.parts()
    if damage == "delete":
        parts[0].unlink()
    elif damage == "truncate":
        parts[1].write_bytes(parts[1].read_bytes()[:-40])
    elif damage == "flip":
        data = bytearray(parts[2].read_bytes())
        data[-10] ^= 1
        parts[2].write_bytes(bytes(data))
    elif damage == "a pipe":  # read under a source's guards: never waited on
        parts[0].unlink()
        os.mkfifo(parts[0])
    elif damage == "a folder":
        parts[0].unlink()
        parts[0].mkdir()
    elif damage == "empty folder":
        for part in parts:
            part.unlink()
    else:
        shutil.rmtree(lib.out / PARTS)
        (lib.out / PARTS).write_text("not a folder", encoding="utf-8")
    edit(lib.source / "copy1.yaml", "title: ", "title: Changed ")
    assert lib.build_decks() == ["copy1.apkg", "copy1.tsv", LIBRARY_DECK, "library.tsv"]
    same_as_from_scratch(lib, tmp_path)


def test_a_changed_library_file_record_or_release_notes_never_use_a_stale_part(lib, tmp_path):
    (lib.source / "library.yaml").write_text("name: Another Library\n", encoding="utf-8")
    assert lib.build_decks() == DECK_FILES
    same_as_from_scratch(lib, tmp_path)

    record = record_path(lib.source / "copy1.yaml")
    edit(record, "\nnote\t", "\nnote\t")  # the same record, but its first note's time is earlier
    text = record.read_text(encoding="utf-8")
    mod = re.search(r"^note\t\S+\t\S+\t(\d+)\t", text, flags=re.MULTILINE)[1]
    record.write_text(text.replace(f"\t{mod}\t", f"\t{int(mod) - 5}\t", 1), encoding="utf-8")
    assert "copy1.apkg" in lib.build_decks()
    same_as_from_scratch(lib, tmp_path)

    changes = changes_path(lib.source / "copy2.yaml")
    changes.write_text("# notes\n\n## 2026-01-01\n- New: something\n", encoding="utf-8")
    assert lib.build_decks() == ["copy2.apkg", "copy2.tsv", LIBRARY_DECK, "library.tsv"]
    same_as_from_scratch(lib, tmp_path)


def test_clean_removes_the_parts_and_nothing_is_written_outside_the_output_folder(lib, tmp_path):
    outside = sorted(p.name for p in lib.folder.iterdir())
    assert sorted(p.name for p in lib.out.iterdir() if p.name.startswith(".")) == [
        ".legpain-docs-deck-parts",
        ".legpain-docs-manifest.json",
    ]
    result = lib.build("--clean")
    assert result.returncode == 0, result.stderr
    assert not (lib.out / PARTS).exists() and list(lib.out.iterdir()) == []
    assert sorted(p.name for p in lib.folder.iterdir()) == outside


def test_a_refused_publication_keeps_no_part(lib):
    edit(lib.source / "copy1.yaml", "title: ", "title: Changed ")
    (lib.out / "copy1.apkg").unlink()
    (lib.out / "copy1.apkg").mkdir()  # a deck that cannot be written: the decks are refused, all of them
    parts = lib.parts()
    assert lib.build("--kind", "deck").returncode != 0
    assert lib.parts() == parts


def test_an_up_to_date_article_goes_into_the_library_deck_from_its_part(lib):
    """A part written over (with a digest to match) shows in the library deck: the article was not published again."""
    import hashlib

    from legpain_docs.render.deck.kept import HEADER

    for part in lib.parts():
        head, _, body = part.read_bytes().partition(b"\n")
        if b'"article":"copy2"' in body:
            body = body.replace(b'"description":"', b'"description":"From the part. ', 1)
            part.write_bytes(HEADER + hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
    edit(lib.source / "copy1.yaml", "title: ", "title: Changed ")
    lib.build_decks()
    assert b"From the part. " in (lib.out / LIBRARY_DECK).read_bytes()
    assert b"From the part. " not in (lib.out / "copy2.apkg").read_bytes()


def test_a_removed_article_leaves_the_library_deck_and_its_part_goes(lib, tmp_path):
    (lib.source / "copy2.yaml").unlink()
    assert lib.build_decks() == DECK_FILES
    assert len(lib.parts()) == len(ARTICLES) + 1
    same_as_from_scratch(lib, tmp_path)
