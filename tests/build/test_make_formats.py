"""`make braille`, `make epub` and `make bilingual` as a user types them, on a library in tmp."""

from __future__ import annotations

import os
import shutil
import subprocess

from tests.conftest import DATA, ROOT

TOP_LEVEL = {name: value for name, value in os.environ.items() if name not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}


def make(source, out, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "-C", str(ROOT), f"SOURCE_DIR={source}", f"OUT={out}", *args],
        capture_output=True,
        env=TOP_LEVEL,
        text=True,
    )


def test_make_writes_the_braille_the_book_and_the_bilingual_handout(tmp_path):
    source, out = tmp_path / "source", tmp_path / "output"
    shutil.copytree(DATA / "pair", source)
    for goal in (
        ["braille"],
        ["epub"],
        ["bilingual", f"SOURCE={source / 'leg-pain-en.yaml'}", f"BILINGUAL={source / 'leg-pain-es.yaml'}", "PAPER=a4"],
    ):
        run = make(source, out, *goal)
        assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "leg-pain-en-emboss.txt",
        "leg-pain-en-handout-es-a4.pdf",
        "leg-pain-en.brf",
        "leg-pain-en.epub",
        "leg-pain-es-emboss.txt",
        "leg-pain-es.brf",
        "leg-pain-es.epub",
    ]


def test_make_bilingual_says_what_it_needs(tmp_path):
    source, out = tmp_path / "source", tmp_path / "output"
    shutil.copytree(DATA / "pair", source)
    run = make(source, out, "bilingual", f"BILINGUAL={source / 'leg-pain-es.yaml'}")
    assert (
        run.returncode == 2 and "make bilingual needs SOURCE=the original and BILINGUAL=its translation" in run.stderr
    )
    run = make(
        source, out, "bilingual", f"SOURCE={source / 'leg-pain-es.yaml'}", f"BILINGUAL={source / 'leg-pain-en.yaml'}"
    )
    assert run.returncode == 2 and "is not a translation of 'leg-pain-es'" in run.stderr
