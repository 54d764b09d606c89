"""Every command meets bad input and bad output paths with exit 2, one-line messages and no damage."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from legpain_docs.cli import main
from conftest import ARTICLE_PATH, DATA, ROOT
from test_check import BAD, expected_messages

OUTPUTS = {"pdf": "handout.pdf", "anki": "deck.apkg", "cards": "cards.pdf"}
EARLIER = b"an earlier good output\n"


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.fixture
def earlier(tmp_path):
    """An output folder holding an earlier good file for each command."""
    out = tmp_path / "out"
    out.mkdir()
    for name in OUTPUTS.values():
        (out / name).write_bytes(EARLIER)
    return out


@pytest.mark.parametrize("command", OUTPUTS)
@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_bad_source_leaves_the_earlier_output_alone(command, path, earlier, capsys):
    before = files_in(earlier)
    started = time.perf_counter()
    status = main([command, str(path), "-o", str(earlier / OUTPUTS[command])])
    assert time.perf_counter() - started < 2.0
    assert (status, capsys.readouterr().err.splitlines()) == (2, expected_messages(path))
    assert files_in(earlier) == before


@pytest.mark.parametrize("command", OUTPUTS)
def test_output_in_a_missing_directory(command, tmp_path, capsys):
    target = tmp_path / "missing" / OUTPUTS[command]
    assert main([command, str(ARTICLE_PATH), "-o", str(target)]) == 2
    assert capsys.readouterr().err == f"{target}: error: cannot write: no such directory '{target.parent}'\n"
    assert not target.parent.exists()


@pytest.mark.parametrize("command", OUTPUTS)
def test_output_that_is_a_directory(command, tmp_path, capsys):
    assert main([command, str(ARTICLE_PATH), "-o", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"{tmp_path}: error: cannot write: is a directory\n"


def unwritable_directory(tmp_path: Path) -> Path:
    """A directory this process cannot create files in (root ignores modes: use /sys then)."""
    if os.geteuid() == 0:
        return Path("/sys")
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    return folder


@pytest.mark.parametrize("command", OUTPUTS)
def test_output_in_an_unwritable_directory(command, tmp_path, capsys):
    target = unwritable_directory(tmp_path) / OUTPUTS[command]
    assert main([command, str(ARTICLE_PATH), "-o", str(target)]) == 2
    assert capsys.readouterr().err == f"{target}: error: cannot write: permission denied\n"
    assert not target.exists()


def run_limited(argv: list[str], max_file_bytes: int) -> subprocess.CompletedProcess:
    """Run a command that the kernel stops from writing more than max_file_bytes to any file:
    the disk is 'full' part way through the output, as a real full disk would stop it."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG from write(), not a kill
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))

    return subprocess.run([sys.executable, "-m", "legpain_docs", *argv], capture_output=True, text=True,
                          preexec_fn=limit, cwd=ROOT)


@pytest.mark.parametrize("command", OUTPUTS)
def test_a_full_disk_keeps_the_earlier_output_and_leaves_no_partial_file(command, earlier):
    target = earlier / OUTPUTS[command]
    result = run_limited([command, str(ARTICLE_PATH), "-o", str(target)], max_file_bytes=4096)
    assert result.returncode == 2, result.stderr
    assert result.stderr == f"{target}: error: cannot write: file too large\n"
    assert files_in(earlier) == {name: EARLIER for name in OUTPUTS.values()}


def hundredfold_source(tmp_path: Path) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench import hundredfold

    path = tmp_path / "big.yaml"
    path.write_text(hundredfold(ARTICLE_PATH.read_text(encoding="utf-8")), encoding="utf-8")
    return path


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_build_keeps_the_earlier_output(sig, earlier, tmp_path):
    """Stop a long build (the 100x source) part way: the earlier file stays whole, no temp file."""
    target = earlier / OUTPUTS["pdf"]
    child = subprocess.Popen([sys.executable, "-m", "legpain_docs", "pdf", str(hundredfold_source(tmp_path)), "-o", str(target)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    time.sleep(1.0)  # past start-up and loading, inside rendering
    assert child.poll() is None, "the build ended before it could be interrupted"
    child.send_signal(sig)
    _, err = child.communicate(timeout=30)
    assert (child.returncode, err) == (130, "legpain-docs: interrupted; no output was changed\n")
    assert files_in(earlier) == {name: EARLIER for name in OUTPUTS.values()}


def test_the_id_never_steers_where_a_file_is_written(tmp_path, capsys, monkeypatch):
    """A slug-checked id is the only part of a default output name taken from the source."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "output").mkdir()
    assert main(["anki", str(DATA / "bad" / "bad-slugs.yaml")]) == 2
    capsys.readouterr()
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == []
