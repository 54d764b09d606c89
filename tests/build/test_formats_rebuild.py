"""The braille, the book and the bilingual handout: the same bytes from any process, and an
earlier good output kept when a build fails."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ARTICLE_PATH, DATA, ROOT, write_source

PAIR = DATA / "pair"
# Every kind in the build's registry is checked by tests/build/test_build.py; the bilingual
# handout, made from two sources, is not one of them.
COMMANDS = {
    "bilingual": (
        ["pdf", str(PAIR / "leg-pain-en.yaml"), "--with", str(PAIR / "leg-pain-es.yaml")],
        "leg-pain-en-handout-es.pdf",
    ),
}


@pytest.mark.parametrize("kind", COMMANDS)
def test_rebuilds_in_other_processes_are_byte_identical(tmp_path, kind):
    args, name = COMMANDS[kind]
    outputs = []
    for seed in ("1", "4242"):
        out = tmp_path / seed
        subprocess.run(
            [sys.executable, "-m", "legpain_docs", *args, "--out-dir", str(out)],
            cwd=ROOT,
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": ""},
        )
        outputs.append((out / name).read_bytes())
    assert outputs[0] == outputs[1] and len(outputs[0]) > 1000


def test_a_failed_braille_build_leaves_the_earlier_output_untouched(tmp_path, capsys):
    from legpain_docs.cli import main

    source = write_source(
        tmp_path,
        ARTICLE_PATH.read_text(encoding="utf-8")
        .replace("language: en", "language: es")
        .replace("Spinal stenosis", "Spinal stenosis (à droite)"),
    )
    out = tmp_path / "out"
    out.mkdir()
    (out / "leg-foot-pain.brf").write_bytes(b"an earlier good edition")
    assert main(["braille", str(source), "--out-dir", str(out)]) == 2
    assert "has no cell for U+00E0" in capsys.readouterr().err
    assert (out / "leg-foot-pain.brf").read_bytes() == b"an earlier good edition"
    assert sorted(p.name for p in out.iterdir()) == ["leg-foot-pain.brf"]
