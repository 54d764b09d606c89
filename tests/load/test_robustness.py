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

from tests.cli.test_check import BAD, expected_messages
from tests.conftest import ARTICLE_PATH, DATA, ROOT, run_measured

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

    return subprocess.run(
        [sys.executable, "-m", "legpain_docs", *argv], capture_output=True, text=True, preexec_fn=limit, cwd=ROOT
    )


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
    # Started as from a terminal, with Ctrl-C's default action: a process that starts with SIGINT
    # ignored (a background job of a script, or a test run whose harness ignores it) keeps it so.
    child = subprocess.Popen(
        [sys.executable, "-m", "legpain_docs", "pdf", str(hundredfold_source(tmp_path)), "-o", str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
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


# Output paths: only a regular file or a new name is written, never an input, a device or a pipe.


@pytest.mark.parametrize("command", OUTPUTS)
def test_output_that_names_the_source_itself_is_refused(command, tmp_path, capsys):
    source = tmp_path / "article.yaml"
    source.write_bytes(ARTICLE_PATH.read_bytes())
    link = tmp_path / "link"  # a name of no kind of file: refused as the source it leads to
    link.symlink_to(source)
    assert main([command, str(source), "-o", str(source)]) == 2
    assert capsys.readouterr().err.startswith(
        f"{source}: error: cannot write: a file ending in .yaml is another kind of file than this one; "
    )
    assert main([command, str(source), "-o", str(link)]) == 2
    assert capsys.readouterr().err == (
        f"{link}: error: cannot write: is the input file {source} itself; name another output file\n"
    )
    assert source.read_bytes() == ARTICLE_PATH.read_bytes()


def test_output_that_names_the_clinic_file_is_refused(tmp_path, capsys):
    clinic = tmp_path / "clinic.yaml"
    clinic.write_bytes((ROOT / "source" / "example.clinic.yaml").read_bytes())
    link = tmp_path / "clinic-link"
    link.symlink_to(clinic)
    assert main(["pdf", str(ARTICLE_PATH), "--clinic", str(clinic), "-o", str(link)]) == 2
    assert (
        capsys.readouterr().err
        == f"{link}: error: cannot write: is the input file {clinic} itself; name another output file\n"
    )
    assert clinic.read_bytes() == (ROOT / "source" / "example.clinic.yaml").read_bytes()


@pytest.mark.parametrize("command", OUTPUTS)
def test_output_that_is_a_device_or_a_pipe_is_refused_and_left_alone(command, tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target, kind in [(Path("/dev/null"), "a device"), (fifo, "a named pipe")]:
        assert main([command, str(ARTICLE_PATH), "-o", str(target)]) == 2
        assert (
            capsys.readouterr().err
            == f"{target}: error: cannot write: is {kind}, not a regular file; name a new file\n"
        )
    assert Path("/dev/null").is_char_device() and fifo.is_fifo()
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


@pytest.mark.parametrize("command", OUTPUTS)
def test_an_empty_output_name_is_refused(command, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "output").mkdir()
    assert main([command, str(ARTICLE_PATH), "-o", ""]) == 2
    assert capsys.readouterr().err == "legpain-docs: error: the output file name is empty: give -o a file name\n"
    assert list(tmp_path.rglob("*")) == [tmp_path / "output"]


def test_a_link_to_an_earlier_output_replaces_the_file_it_names_and_keeps_the_link(earlier, capsys):
    link = earlier / "latest.apkg"
    link.symlink_to(earlier / OUTPUTS["anki"])
    assert main(["anki", str(ARTICLE_PATH), "-o", str(link)]) == 0
    assert link.is_symlink() and (earlier / OUTPUTS["anki"]).read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("command", OUTPUTS)
def test_file_names_too_long_for_the_file_system_are_refused(command, tmp_path, capsys, monkeypatch):
    """From -o, and from the default path of an article whose id is 300 characters long."""
    target = tmp_path / ("x" * 300)
    assert main([command, str(ARTICLE_PATH), "-o", str(target)]) == 2
    assert capsys.readouterr().err == (
        f"{target}: error: cannot write: the file name is 300 bytes long; "
        "at most 255 fit (shorten -o, or the article's id)\n"
    )
    source = tmp_path / "long-id.yaml"
    source.write_text(
        ARTICLE_PATH.read_text(encoding="utf-8").replace("\nid: leg-foot-pain\n", "\nid: " + "a" * 300 + "\n"),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    (tmp_path / "output").mkdir()
    assert main([command, str(source)]) == 2
    # At the id, the text to change, as `check` reports it (tests/fit/test_fit.py).
    assert capsys.readouterr().err.startswith(f"{source}:10:5: error: the id is too long to name the outputs: ")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["long-id.yaml", "output"]


def test_an_output_name_of_250_characters_is_written(tmp_path, capsys):
    """The temporary file beside it has a short name of its own, so it never passes NAME_MAX."""
    target = tmp_path / ("d" * 245 + ".apkg")
    assert main(["anki", str(ARTICLE_PATH), "-o", str(target)]) == 0
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_build_killed_outright_leaves_a_temp_file_the_next_build_removes(earlier, tmp_path):
    """SIGKILL cannot be caught: stop a build between writing and renaming (here: in fsync,
    made to wait), then build the same output again."""
    target = earlier / OUTPUTS["anki"]
    code = (
        "import os, sys, time; from legpain_docs import cli, output\n"
        "real = os.fsync\n"
        "def stuck(fd): real(fd); print('written', flush=True); time.sleep(60)\n"
        "output.os.fsync = stuck\n"
        "sys.exit(cli.main(sys.argv[1:]))\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, "anki", str(ARTICLE_PATH), "-o", str(target)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert child.stdout.readline() == "written\n"
    child.kill()
    child.wait()
    stale = [p for p in earlier.iterdir() if p.name.endswith(".tmp")]
    assert len(stale) == 1 and target.read_bytes() == EARLIER
    assert main(["anki", str(ARTICLE_PATH), "-o", str(target)]) == 0
    assert sorted(p.name for p in earlier.iterdir()) == sorted(OUTPUTS.values())
    assert target.read_bytes()[:2] == b"PK"


# SOURCE_DATE_EPOCH: ASCII digits only, and a time every output can hold.


@pytest.mark.parametrize(
    "value, message",
    [
        ("\u00b2", "must be a positive whole number of seconds, got '\u00b2'"),  # '²'.isdigit() is true
        ("\u0661\u0662", "must be a positive whole number of seconds, got '\u0661\u0662'"),  # Arabic-Indic digits
        ("0", "must be a positive whole number of seconds, got '0'"),
        (" 12", "must be a positive whole number of seconds, got ' 12'"),
        ("9" * 30, f"{'9' * 30} seconds is after the year 9999, the last a PDF date can hold"),
        ("253402300800", "253402300800 seconds is after the year 9999, the last a PDF date can hold"),
        ("9" * 5000, f"{'9' * 40} seconds is after the year 9999, the last a PDF date can hold"),
    ],
)
@pytest.mark.parametrize("command", OUTPUTS)
def test_a_bad_source_date_epoch_is_refused_with_its_value(command, value, message, earlier, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert main([command, str(ARTICLE_PATH), "-o", str(earlier / OUTPUTS[command])]) == 2
    assert capsys.readouterr().err == f"SOURCE_DATE_EPOCH: error: {message}\n"
    assert files_in(earlier) == {name: EARLIER for name in OUTPUTS.values()}


@pytest.mark.parametrize("command", ["pdf", "cards"])
def test_the_last_second_of_year_9999_is_a_date_a_pdf_holds(command, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300799")
    target = tmp_path / "out.pdf"
    assert main([command, str(ARTICLE_PATH), "-o", str(target)]) == 0
    assert b"D:99991231235959" in target.read_bytes()


@pytest.mark.parametrize("argv", [["schema", "article"], ["check", str(ARTICLE_PATH)]], ids=["schema", "check"])
def test_a_reader_that_stops_reading_gets_no_traceback(argv):
    """`legpain-docs schema | head -1`: stdout closes early; no traceback, no signal."""
    child = subprocess.Popen(
        [sys.executable, "-m", "legpain_docs", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
    )
    child.stdout.close()
    err = child.stderr.read().decode()
    assert (child.wait(timeout=30), err) == (0, "")


def test_check_of_the_largest_source_allowed_ends_within_10_s_and_300_mb(tmp_path):
    """The largest source allowed (1 MiB of real content: about 199 copies of the article's sections): the loader
    grows linearly, so it stays well inside the bound every command must meet at this size."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench import largest

    text, copies = largest(ARTICLE_PATH.read_text(encoding="utf-8"))
    source = tmp_path / "largest.yaml"
    source.write_text(text, encoding="utf-8")
    out, err = tmp_path / "stdout", tmp_path / "stderr"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        code, elapsed, megabytes = run_measured(
            [sys.executable, "-m", "legpain_docs", "check", str(source)],
            timeout=60,
            stdout=stdout,
            stderr=stderr,
            cwd=ROOT,
        )
    assert (code, err.read_bytes()) == (0, b"")
    assert out.read_text().endswith(f"{copies * 7} sections, {copies * 24} items\n")
    assert elapsed < 10 and megabytes < 300, (elapsed, megabytes)
