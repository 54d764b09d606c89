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
from legpain_docs.names import record_path

from tests.conftest import ARTICLE_PATH, DATA, ROOT

ARTICLE = ARTICLE_PATH.read_bytes()
# Bytes that mean something to YAML, UTF-8 or the loader, more likely than random ones to matter.
SPECIAL = [
    b"\n",
    b"\r",
    b"\r\n",
    b" ",
    b"\t",
    b"- ",
    b": ",
    b"#",
    b"'",
    b'"',
    b"[",
    b"]",
    b"{",
    b"}",
    b"&a ",
    b"*a",
    b"!",
    b"|",
    b">",
    b"%",
    b"@",
    b"`",
    b"?",
    b",",
    b"\x00",
    b"\x85",
    b"\xc2\x85",
    b"\xe2\x80\xa8",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\xc3",
    b"e\xcc\x81",
    b"<b>",
    b"{{c1::x}}",
    b"[sound:x.mp3]",
    b"---\n",
    b"...\n",
    b"~",
    b"null",
]
SECONDS = 3.0  # the promise for any input
RECORD = record_path(ARTICLE_PATH).read_bytes()
# Record lines and values a damaged or hand-edited record may hold.
RECORD_SPECIAL = [
    b"\t",
    b"\n",
    b"deck\t",
    b"note\t",
    b"note-type\t",
    b"0",
    b"-1",
    b"9" * 30,
    b"\xd9\xa1",
    b"[",
    b"]",
    b'"',
    b"\\",
    b"\r",
    b"\xe2\x80\xa8",
    b"#",
    b"::",
    b"retired",
    b"null",
    b"[[[[[[[[",
    b"\xff",
]
CLINIC = (
    (DATA / "handout-clinic.yaml").read_bytes()
    + b"\n"
    + b"\n".join(
        line for line in (ROOT / "source" / "example.clinic.yaml").read_bytes().splitlines() if line.startswith(b"#")
    )
)
LIBRARY = b"# yaml-language-server: $schema=library.schema.json\nname: Riverside Library\n"


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
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """`original` with one to eight edits: a cut, a copy of a slice elsewhere, a byte or token put in."""
    data = bytearray(original)
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


def mutated_article() -> st.SearchStrategy[bytes]:
    return mutated(ARTICLE)


def source_file(folder: str, data: bytes) -> str:
    path = Path(folder) / "source.yaml"
    path.write_bytes(data)
    return str(path)


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
    )


@fuzz(300)
@given(
    st.binary(max_size=3000) | st.lists(st.sampled_from(SPECIAL) | st.binary(max_size=20), max_size=200).map(b"".join)
)
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
        built = (
            ["out.bin", "source.deck-changes", "source.deck-record", "source.yaml"]
            if command == "anki"
            else ["out.bin", "source.yaml"]
        )
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
    result = subprocess.run(
        [sys.executable, "-m", "legpain_docs", "check", str(source)],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
    )
    assert result.returncode in (0, 2), (result.returncode, result.stderr[-500:])  # a signal is negative
    assert "Traceback" not in result.stderr


@st.composite
def mutated_record(draw: st.DrawFn) -> bytes:
    """The committed record with edits, some of them the tokens a record is made of."""
    data = bytearray(draw(mutated(RECORD)))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.sampled_from(RECORD_SPECIAL))
    return bytes(data)


@fuzz(60)
@given(mutated_record())
def test_any_damaged_record_builds_or_is_refused_and_is_never_lost(record):
    """A record that builds is rewritten from the source; one refused is left byte for byte, and no deck is written."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "source.yaml"
        source.write_bytes(ARTICLE)
        (Path(folder) / "source.deck-record").write_bytes(record)
        status = run_in_process(["anki", str(source), "-o", str(Path(folder) / "out.apkg")])
        names = sorted(p.name for p in Path(folder).iterdir())
        # A deck that changed also writes its release notes beside the record.
        built = [
            "out.apkg",
            *(["source.deck-changes"] if "source.deck-changes" in names else []),
            "source.deck-record",
            "source.yaml",
        ]
        assert names == (built if status == 0 else ["source.deck-record", "source.yaml"])
        if status == 2:
            assert (Path(folder) / "source.deck-record").read_bytes() == record


@fuzz(200)
@given(st.one_of(mutated(CLINIC), mutated(LIBRARY)), st.sampled_from(["--clinic", "--library"]))
def test_any_damaged_clinic_or_library_file_is_checked_or_refused(data, option):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("x.clinic.yaml" if option == "--clinic" else "library.yaml")
        path.write_bytes(data)
        run_in_process(["check", str(ARTICLE_PATH), option, str(path)])


@fuzz(20)
@given(mutated(CLINIC), st.sampled_from(["pdf", "html"]))
def test_any_damaged_clinic_file_builds_or_is_refused(data, command):
    with tempfile.TemporaryDirectory() as folder:
        clinic = Path(folder) / "x.clinic.yaml"
        clinic.write_bytes(data)
        status = run_in_process(
            [command, str(ARTICLE_PATH), "--clinic", str(clinic), "-o", str(Path(folder) / "out.bin")]
        )
        assert sorted(p.name for p in Path(folder).iterdir()) == (
            ["out.bin", "x.clinic.yaml"] if status == 0 else ["x.clinic.yaml"]
        )


@fuzz(15)
@given(mutated(LIBRARY))
def test_any_damaged_library_file_builds_its_deck_or_is_refused(data):
    with tempfile.TemporaryDirectory() as folder:
        library = Path(folder) / "library.yaml"
        library.write_bytes(data)
        source = Path(folder) / ARTICLE_PATH.name
        source.write_bytes(ARTICLE)
        record_path(source).write_bytes(RECORD)
        status = run_in_process(
            [
                "anki",
                str(source),
                "--out-dir",
                str(Path(folder) / "out"),
                "--library",
                str(library),
                "--library-deck",
                str(Path(folder) / "library.apkg"),
            ]
        )
        names = sorted(p.name for p in Path(folder).iterdir())
        inputs = ["leg-foot-pain.deck-record", "leg-foot-pain.yaml", "library.yaml"]
        # The library deck comes with its text for other apps (library.tsv), and its release notes when it changed.
        notes = ["library.deck-changes"] if "library.deck-changes" in names else []
        built = sorted([*inputs, "library.apkg", "library.deck-record", "library.tsv", *notes, "out"])
        assert names == (built if status == 0 else inputs), status
        assert record_path(source).read_bytes() == RECORD  # the seed's record is current: unchanged
