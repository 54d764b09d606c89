"""Translations that know they are stale: `translated` records which revision of the original
each item follows; `check` warns, at the translated item, of every change since."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from legpain_docs.cli import main

from tests.conftest import DATA

PAIR = DATA / "pair"


@pytest.fixture
def pair(tmp_path) -> tuple[Path, Path]:
    """A copy of the pair (original, translation, record) that a test may edit."""
    for path in PAIR.iterdir():
        shutil.copy(path, tmp_path / path.name)
    return tmp_path / "leg-pain-en.yaml", tmp_path / "leg-pain-es.yaml"


def check(capsys, *args: str) -> tuple[int, list[str]]:
    status = main(["check", "-q", *args])
    return status, capsys.readouterr().err.splitlines()


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if text in line)


def test_a_translation_up_to_date_gives_no_warning(capsys):
    assert check(capsys, str(PAIR / "leg-pain-en.yaml"), str(PAIR / "leg-pain-es.yaml")) == (0, [])
    assert check(capsys, str(PAIR / "leg-pain-es.yaml")) == (0, [])  # the original found beside it


def test_a_reworded_original_item_is_named_at_its_translation(pair, capsys):
    original, translation = pair
    original.write_text(
        original.read_text(encoding="utf-8").replace(
            "Narrowing of the small bony openings", "Narrowing of the bony openings"
        ),
        encoding="utf-8",
    )
    status, lines = check(capsys, str(translation))
    line = line_of(translation, "- term: Estenosis espinal")
    assert status == 0 and len(lines) == 1
    assert re.fullmatch(
        rf"{re.escape(str(translation))}:{line}:15: warning: the original item 'Spinal stenosis' "
        r"changed since this translation: update it, then run `legpain-docs translated .*`",
        lines[0],
    )
    status, lines = check(capsys, "--strict", str(translation))
    assert status == 2 and lines[0].startswith(f"{translation}:{line}:15: error: the original item 'Spinal stenosis'")


def test_an_original_item_the_translation_lacks_and_one_gone_from_the_original(pair, capsys):
    original, translation = pair
    text = original.read_text(encoding="utf-8")
    text = text.replace("      - term: Genetics\n", "")  # gone from the original
    text = text.replace("      - term: Poor posture\n", "      - term: Poor posture\n      - term: Obesity\n")
    original.write_text(text, encoding="utf-8")
    status, lines = check(capsys, str(original), str(translation))
    assert status == 0
    assert lines == [
        f"{translation}:4:17: warning: the original's item 'Obesity' (key obesity) has no translation here",
        f"{translation}:{line_of(translation, '- term: Genética')}:15: warning: the original, 'leg-pain-en', has no "
        "item with the key 'genetics' (removed, or its key changed): remove this item or give it the key of the item "
        "it translates",
    ]


def test_translated_records_the_original_as_it_is_now(pair, capsys):
    original, translation = pair
    record = translation.with_suffix(".translation-record")
    before = record.read_text(encoding="utf-8")
    record.unlink()
    status, lines = check(capsys, str(translation))
    assert status == 0 and len(lines) == 7 and all("is not recorded as a translation of" in line for line in lines)
    assert main(["translated", str(translation)]) == 0
    assert capsys.readouterr().out == f"wrote {record}: commit it with the translation\n"
    assert record.read_text(encoding="utf-8") == before  # the same record, byte for byte
    assert main(["translated", str(translation)]) == 0
    assert "up to date" in capsys.readouterr().out
    original.write_text(original.read_text(encoding="utf-8").replace("heavy labor", "hard labor"), encoding="utf-8")
    assert len(check(capsys, str(translation))[1]) == 1
    assert main(["translated", str(translation)]) == 0
    assert capsys.readouterr().out == f"updated {record}: commit it with the translation\n"
    assert check(capsys, str(translation)) == (0, [])


def test_an_original_that_is_not_there_is_named_at_translation_of(pair, capsys):
    _, translation = pair
    translation.write_text(
        translation.read_text(encoding="utf-8").replace("translation_of: leg-pain-en", "translation_of: leg-pain-xx"),
        encoding="utf-8",
    )
    status, lines = check(capsys, str(translation))
    assert status == 0 and len(lines) == 1
    assert lines[0].startswith(f"{translation}:4:17: warning: no article with the id 'leg-pain-xx' is in ")
    assert main(["translated", str(translation)]) == 2
    assert f"{translation}:4:17: error: no article with the id 'leg-pain-xx'" in capsys.readouterr().err


def test_translated_refuses_an_article_that_names_no_original(capsys):
    assert main(["translated", str(DATA / "es-leg-pain.yaml")]) == 2
    assert "names no original: add 'translation_of:" in capsys.readouterr().err


def test_an_article_that_names_itself_as_its_original_is_told_so(pair, capsys):
    """`translation_of: <its own id>` once found the article itself in its folder and compared it
    with itself: 'translated' recorded it, 'pdf --with' said the translation lagged behind."""
    _, translation = pair
    translation.write_text(
        translation.read_text(encoding="utf-8").replace("translation_of: leg-pain-en", "translation_of: leg-pain-es"),
        encoding="utf-8",
    )
    message = (
        "'translation_of' names this article's own id, 'leg-pain-es': give the id of the article this one "
        "translates, or delete the line"
    )
    assert check(capsys, str(translation)) == (0, [f"{translation}:4:17: warning: {message}"])
    assert main(["translated", str(translation)]) == 2
    assert capsys.readouterr().err.splitlines() == [f"{translation}:4:17: error: {message}"]
    assert (
        main(["pdf", str(translation), "--with", str(translation), "--out-dir", str(translation.parent / "out")]) == 2
    )
    assert capsys.readouterr().err.splitlines() == [
        f"{translation}:3:5: error: this is the article itself (id 'leg-pain-es'), not a translation of it: give its "
        "translation with --with"
    ]


def test_a_translation_record_that_is_a_pipe_is_refused_not_waited_on(pair, tmp_path):
    """The record is read as a deck record is: a named pipe in its place once hung `check` for ever."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    _, translation = pair
    record = translation.with_name("leg-pain-es.translation-record")
    record.unlink()
    os.mkfifo(record)
    for command in ("check", "translated"):
        done = subprocess.run(
            [sys.executable, "-m", "legpain_docs", command, str(translation)],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert done.returncode == 2, command
        assert done.stderr.splitlines()[-1] == (
            f"{record}: error: is a named pipe, not a translation record: restore the "
            "record from version control (git checkout)"
        ), command
