"""`make braille`, `make epub` and `make bilingual` as a user types them, on a library in tmp."""

from __future__ import annotations

import os
import shutil
import subprocess

from conftest import DATA, ROOT

TOP_LEVEL = {name: value for name, value in os.environ.items() if name not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}


def make(source, out, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-C", str(ROOT), f"SOURCE_DIR={source}", f"OUT={out}", *args],
                          capture_output=True, env=TOP_LEVEL, text=True)


def test_make_writes_the_braille_the_book_and_the_bilingual_handout(tmp_path):
    source, out = tmp_path / "source", tmp_path / "output"
    shutil.copytree(DATA / "pair", source)
    run = make(source, out, "braille", "epub", "bilingual", f"BILINGUAL={source / 'leg-pain-es.yaml'}", "CELLS=32")
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "leg-pain-en-32x25-emboss.txt", "leg-pain-en-32x25.brf", "leg-pain-en-handout-es.pdf", "leg-pain-en.epub",
        "leg-pain-es-32x25-emboss.txt", "leg-pain-es-32x25.brf", "leg-pain-es.epub"]


def test_make_bilingual_says_what_it_needs(tmp_path):
    source, out = tmp_path / "source", tmp_path / "output"
    shutil.copytree(DATA / "pair", source)
    run = make(source, out, "bilingual")
    assert run.returncode == 2 and "make bilingual needs BILINGUAL=" in run.stderr
    run = make(source, out, "bilingual", f"BILINGUAL={source / 'leg-pain-en.yaml'}")
    assert run.returncode == 2 and "names no article of" in run.stderr
