"""Fuzzing: any byte string as a source ends in a build (exit 0) or one-line problems (exit 2).

Never a traceback (exit 1 here shows as the exception itself, since `main` lets bugs through),
never a hang or a signal. Two kinds of input: raw bytes, and copies of the real article with a
few bytes cut, repeated, replaced or inserted, which reach far deeper into the loader than
random bytes do. The command runs in this process for speed; a few runs in a real process
prove that nothing kills it with a signal. The budget is fixed: the number of examples.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legpain_docs.cli import main
from conftest import ARTICLE_PATH, ROOT

ARTICLE = ARTICLE_PATH.read_bytes()
# Bytes that mean something to YAML, UTF-8 or the loader, more likely than random ones to matter.
SPECIAL = [b"\n", b"\r", b"\r\n", b" ", b"\t", b"- ", b": ", b"#", b"'", b'"', b"[", b"]", b"{", b"}", b"&a ", b"*a",
           b"!", b"|", b">", b"%", b"@", b"`", b"?", b",", b"\x00", b"\x85", b"\xc2\x85", b"\xe2\x80\xa8", b"\xef\xbb\xbf",
           b"\xff", b"\xc3", b"e\xcc\x81", b"<b>", b"{{c1::x}}", b"[sound:x.mp3]", b"---\n", b"...\n", b"~", b"null"]
SECONDS = 3.0  # the promise for any input


def run_in_process(argv: list[str]) -> int:
    """Exit status of `legpain-docs ARGV`, its messages checked for the GNU shape."""
    err = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(argv)
    assert time.perf_counter() - started < SECONDS
    lines = err.getvalue().splitlines()
    assert status in (0, 2), (status, lines[:3])
    if status == 2:
        assert lines and all(": error: " in line for line in lines), lines[:3]
        assert len(lines) <= 51, len(lines)  # 50 problems and the line saying the check stopped
    return status


@st.composite
def mutated_article(draw: st.DrawFn) -> bytes:
    """The article with one to eight edits: a cut, a copy of a slice elsewhere, a byte or token put in."""
    data = bytearray(ARTICLE)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        edit = draw(st.sampled_from(["cut", "copy", "insert", "replace"]))
        if edit == "cut":
            del data[at : at + draw(st.integers(1, 200))]
        elif edit == "copy":
            start = draw(st.integers(0, len(data)))
            data[at:at] = data[start : start + draw(st.integers(1, 400))]
        elif edit == "insert":
            data[at:at] = draw(st.sampled_from(SPECIAL) | st.binary(min_size=1, max_size=8))
        else:
            data[at : at + 1] = draw(st.sampled_from(SPECIAL) | st.binary(min_size=1, max_size=1))
    return bytes(data)


def source_file(folder: str, data: bytes) -> str:
    path = Path(folder) / "source.yaml"
    path.write_bytes(data)
    return str(path)


def fuzz(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@fuzz(300)
@given(st.binary(max_size=3000) | st.lists(st.sampled_from(SPECIAL) | st.binary(max_size=20), max_size=200).map(b"".join))
def test_any_bytes_are_checked_or_refused(data):
    with tempfile.TemporaryDirectory() as folder:
        run_in_process(["check", source_file(folder, data)])


@fuzz(300)
@given(mutated_article())
def test_any_damaged_copy_of_the_article_is_checked_or_refused(data):
    with tempfile.TemporaryDirectory() as folder:
        run_in_process(["check", source_file(folder, data)])


@fuzz(30)
@given(mutated_article(), st.sampled_from(["pdf", "anki", "cards"]))
def test_any_damaged_copy_builds_or_is_refused_and_only_the_output_is_written(data, command):
    with tempfile.TemporaryDirectory() as folder:
        source = source_file(folder, data)
        out = Path(folder) / "out.bin"
        status = run_in_process([command, source, "-o", str(out)])
        # A built deck also records what it published, beside its source (the deck record and
        # its release notes).
        built = (["out.bin", "source.deck-changes", "source.deck-record", "source.yaml"] if command == "anki"
                 else ["out.bin", "source.yaml"])
        assert sorted(p.name for p in Path(folder).iterdir()) == (built if status == 0 else ["source.yaml"])
        assert Path(source).read_bytes() == data


HOSTILE = {
    "random": bytes(range(256)) * 8,
    "deep": b"a: " + b"[" * 100_000,
    "deep-block": b"- " * 100_000 + b"x\n",
    "nul": ARTICLE.replace(b"title:", b"title: \x00", 1),
    "cut-in-half": ARTICLE[: len(ARTICLE) // 2],
    "bom-and-crlf": b"\xef\xbb\xbf" + ARTICLE.replace(b"\n", b"\r\n"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_real_process_ends_with_0_or_2_and_no_signal(name, tmp_path):
    source = tmp_path / "source.yaml"
    source.write_bytes(HOSTILE[name])
    result = subprocess.run([sys.executable, "-m", "legpain_docs", "check", str(source)],
                            capture_output=True, text=True, timeout=30, cwd=ROOT)
    assert result.returncode in (0, 2), (result.returncode, result.stderr[-500:])  # a signal is negative
    assert "Traceback" not in result.stderr
