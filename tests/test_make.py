"""`make` builds every output once, and again only what a changed input or option touches."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ARTICLE_PATH, ROOT

OUTPUTS = ["leg-foot-pain-handout.pdf", "leg-foot-pain.apkg", "leg-foot-pain-cards.pdf", "leg-foot-pain.html"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A build of everything from a copy of the source into a scratch output folder."""
    work = tmp_path_factory.mktemp("make")
    source = work / "article.yaml"
    shutil.copy(ARTICLE_PATH, source)
    out = work / "out"
    out.mkdir()
    return make(source, out), source, out


def make(source: Path, out: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-C", str(ROOT), f"SOURCE={source}", f"OUT={out}", *args],
                          capture_output=True, text=True)


def mtimes(out: Path) -> dict[str, int]:
    return {name: (out / name).stat().st_mtime_ns for name in OUTPUTS}


def test_make_builds_every_output(built):
    result, _, out = built
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(OUTPUTS)


def test_make_again_rebuilds_nothing(built):
    _, source, out = built
    before = mtimes(out)
    assert make(source, out, "-q", "all").returncode == 0  # -q: exit 0 means up to date
    assert make(source, out, "all").returncode == 0
    assert mtimes(out) == before


def test_a_new_paper_size_rebuilds_the_pdfs_but_not_the_deck(built):
    _, source, out = built
    before = mtimes(out)
    result = make(source, out, "PAPER=a4", "all")
    assert result.returncode == 0, result.stderr
    after = mtimes(out)
    assert after["leg-foot-pain.apkg"] == before["leg-foot-pain.apkg"]
    assert after["leg-foot-pain-handout.pdf"] != before["leg-foot-pain-handout.pdf"]
    assert after["leg-foot-pain-cards.pdf"] != before["leg-foot-pain-cards.pdf"]
    assert make(source, out, "-q", "PAPER=a4", "all").returncode == 0


def test_an_edited_source_rebuilds_everything(built):
    _, source, out = built
    before = mtimes(out)
    os.utime(source, ns=(before["leg-foot-pain.apkg"] + 10**9,) * 2)
    assert make(source, out, "-q", "all").returncode == 1
    assert make(source, out, "all").returncode == 0
    assert all(after != before[name] for name, after in mtimes(out).items())


def test_a_failed_build_keeps_the_earlier_outputs(built, tmp_path):
    _, source, out = built
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    broken = tmp_path / "broken.yaml"
    broken.write_text(source.read_text(encoding="utf-8").replace("reviewed: 2026-11-23", "reviewed: soon"))
    # Same id, so the same output names: the failed build must not touch them.
    result = make(broken, out, "all")
    assert result.returncode != 0
    assert "error: 'reviewed' must be a date written YYYY-MM-DD, got 'soon'" in result.stderr
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before


def test_a_deleted_or_restored_record_rebuilds_the_deck(built):
    _, source, out = built
    record = source.with_suffix(".deck-record")
    kept = record.read_bytes()
    record.unlink()
    assert make(source, out, "-q", "anki").returncode == 1
    result = make(source, out, "anki")
    assert result.returncode == 0 and "this build starts a new one" in result.stderr
    assert make(source, out, "-q", "anki").returncode == 0
    deck = out / "leg-foot-pain.apkg"
    os.utime(deck, ns=(deck.stat().st_mtime_ns - 10 * 10**9,) * 2)
    record.write_bytes(kept)  # restored, as git checkout would: newer than the deck
    assert make(source, out, "-q", "anki").returncode == 1
    assert make(source, out, "anki").returncode == 0
    assert make(source, out, "-q", "all").returncode == 0
