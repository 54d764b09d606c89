"""The program as a process, as a user starts it: any time zone, any locale, a full or closed
standard stream, Ctrl-C at any moment. Same outputs, or exit 2 (130 for Ctrl-C) with one line;
never a traceback."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ARTICLE_PATH, DATA, ROOT

FRENCH = DATA / "fr-leg-pain.yaml"  # Babel's dates and numbers, in another language
KINDS = ["pdf", "cards", "html", "anki"]
INTERRUPTED = "legpain-docs: interrupted; no output was changed\n"


def run(argv: list[str], env: dict | None = None, **options) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1796000000", **(env or {})}
    environment = {name: value for name, value in environment.items() if value is not None}
    options.setdefault("capture_output", True)
    return subprocess.run(
        [sys.executable, "-m", "legpain_docs", *argv], env=environment, cwd=ROOT, timeout=120, **options
    )


def outputs(folder: Path, env: dict) -> dict[str, bytes]:
    """Every output of the French article (and the seed's deck) built in `folder` under `env`."""
    folder.mkdir()
    for source in (FRENCH, ARTICLE_PATH):
        shutil.copy(source, folder / source.name)
    shutil.copy(ARTICLE_PATH.with_suffix(".deck-record"), folder)
    for kind in KINDS:
        result = run(
            [kind, str(folder / FRENCH.name), str(folder / ARTICLE_PATH.name), "--out-dir", str(folder / "out")], env
        )
        assert (result.returncode, result.stderr.decode()) == (0, "" if kind != "anki" else result.stderr.decode())
        assert b"Traceback" not in result.stderr
    return {p.name: p.read_bytes() for p in sorted((folder / "out").iterdir())}


@pytest.fixture(scope="module")
def in_utc(tmp_path_factory):
    return outputs(tmp_path_factory.mktemp("utc") / "out", {"TZ": "UTC", "LC_ALL": "C.UTF-8"})


@pytest.mark.parametrize(
    "zone", ["/dev/null", "/", "/etc/hostname", "", "Nowhere/City", ":Europe/Paris", "Pacific/Kiritimati"]
)
def test_any_time_zone_gives_the_outputs_of_utc(zone, in_utc, tmp_path):
    """TZ=/dev/null, TZ=/ or a text file crashed inside Babel (pdf, cards, html)."""
    assert outputs(tmp_path / "out", {"TZ": zone, "LC_ALL": "C.UTF-8"}) == in_utc


def latin1_locale(tmp_path: Path) -> dict:
    """LC_ALL=en_US.ISO-8859-1, compiled here when the system lacks it (Debian ships none but C)."""
    folder = tmp_path / "locales"
    folder.mkdir()
    made = subprocess.run(
        ["localedef", "-i", "en_US", "-f", "ISO-8859-1", str(folder / "en_US.ISO-8859-1")], capture_output=True
    )
    if not (folder / "en_US.ISO-8859-1").exists():
        pytest.skip(f"cannot make a Latin-1 locale here: {made.stderr.decode()[:200]}")
    return {"LOCPATH": str(folder), "LC_ALL": "en_US.ISO-8859-1", "LANG": None}


@pytest.mark.parametrize("locale", ["C", "POSIX", "latin-1", "no LANG"])
def test_any_locale_gives_the_outputs_of_utf8(locale, in_utc, tmp_path):
    env = (
        latin1_locale(tmp_path)
        if locale == "latin-1"
        else {"LC_ALL": None, "LANG": None, "LC_CTYPE": None}
        if locale == "no LANG"
        else {"LC_ALL": locale}
    )
    assert outputs(tmp_path / "out", {"TZ": "UTC", **env}) == in_utc


def test_messages_are_escaped_where_the_locale_cannot_show_them(tmp_path):
    """In a Latin-1 locale `check` crashed on a title with "—", `readability` even on the seed."""
    env = latin1_locale(tmp_path)
    source = tmp_path / "dash.yaml"
    source.write_text(
        ARTICLE_PATH.read_text(encoding="utf-8").replace(
            "title: Causes of Leg Pain and Foot Pain", "title: Leg Pain — Causes (é)"
        ),
        encoding="utf-8",
    )
    result = run(["check", str(source)], env)
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout == f"{source}: ok: 'Leg Pain \\u2014 Causes (\xe9)', 7 sections, 24 items\n".encode("latin-1")
    result = run(["readability", str(ARTICLE_PATH), "--summary"], env)
    assert result.returncode == 3 and b"Flesch\\u2013Kincaid" in result.stdout and result.stderr == b""


STDOUT_COMMANDS = {
    "check": ["check", str(ARTICLE_PATH)],
    "readability": ["readability", str(ARTICLE_PATH)],
    "schema": ["schema"],
    "version": ["--version"],
    "help": ["--help"],
}


@pytest.mark.parametrize("command", STDOUT_COMMANDS)
def test_a_full_standard_output_is_exit_2_with_one_line(command):
    with open("/dev/full", "w") as full:
        result = run(STDOUT_COMMANDS[command], stdout=full, capture_output=False, stderr=subprocess.PIPE)
    assert (result.returncode, result.stderr.decode()) == (
        2,
        "legpain-docs: error: cannot write the standard output: no space left on the device\n",
    )


@pytest.mark.parametrize("command", ["check", "schema"])
def test_a_closed_standard_output_is_exit_2_with_one_line(command):
    result = subprocess.run(
        f'"{sys.executable}" -m legpain_docs {" ".join(STDOUT_COMMANDS[command])} >&-',
        shell=True,
        capture_output=False,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert (result.returncode, result.stderr.decode()) == (
        2,
        "legpain-docs: error: the standard output is closed: run it with an output (or > /dev/null)\n",
    )


@pytest.mark.parametrize("stderr", ["full", "closed"])
def test_a_standard_error_that_cannot_be_written_is_exit_2(stderr, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: Bad Id\n", encoding="utf-8")
    redirect = "2>/dev/full" if stderr == "full" else "2>&-"
    result = subprocess.run(
        f'"{sys.executable}" -m legpain_docs check "{bad}" {redirect}',
        shell=True,
        capture_output=False,
        stdout=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 2


def test_a_closed_pipe_ends_quietly():
    """`legpain-docs schema | head -1`: the reader had what it wanted."""
    result = subprocess.run(
        f'"{sys.executable}" -m legpain_docs schema | head -c 1',
        shell=True,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, b"{", b"")


# Ctrl-C from inside the process, a set time after `main` (the console script's entry point, which
# imports nothing) is called: during the imports of the commands and the renderers, during loading
# and rendering, while writing. Before `main`, Python itself is starting: its own traceback is beyond reach.
INTERRUPT_AFTER = """\
import os, signal, sys
from legpain_docs.cli import main
sent = getattr(signal, sys.argv[1])
signal.signal(signal.SIGALRM, lambda *_: os.kill(os.getpid(), sent))
signal.setitimer(signal.ITIMER_REAL, float(sys.argv[2]))
sys.argv = ["legpain-docs", *sys.argv[3:]]
status = main()
signal.setitimer(signal.ITIMER_REAL, 0)  # ended first: no alarm while Python shuts down (its handler gone, it kills)
sys.exit(status)
"""


@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("delay", [0.0005, 0.002, 0.005, 0.01, 0.02, 0.04, 0.08, 0.15, 0.3, 0.6])
def test_ctrl_c_at_any_moment_is_one_line_and_130(delay, sig, tmp_path):
    """Ctrl-C while the commands were loading printed a KeyboardInterrupt traceback; a `kill` then killed
    the process outright."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "leg-foot-pain-handout.pdf").write_bytes(b"an earlier good handout\n")
    result = subprocess.run(
        [sys.executable, "-c", INTERRUPT_AFTER, sig, str(delay), "pdf", str(ARTICLE_PATH), "--out-dir", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    if result.returncode == 0:  # the build ended first
        assert result.stderr == ""
        return
    handout = out / "leg-foot-pain-handout.pdf"
    assert [p.name for p in out.iterdir()] == ["leg-foot-pain-handout.pdf"]
    if result.stderr != INTERRUPTED:  # stopped after the handout was written: it is whole, and the line says so
        assert (result.returncode, result.stderr) == (
            130,
            f"legpain-docs: interrupted; 1 file(s) were written whole before "
            f"it (the last {handout}); nothing else was changed\n",
        )
        assert handout.read_bytes().startswith(b"%PDF") and handout.read_bytes().rstrip().endswith(b"%%EOF")
        return
    assert result.returncode == 130
    assert handout.read_bytes() == b"an earlier good handout\n"


LOST_INTERRUPT = """
import sys, weakref
from legpain_docs.cli import _interrupt_again
sys.unraisablehook = _interrupt_again

class Thing:
    pass

def callback(_):
    raise KeyboardInterrupt  # as a Ctrl-C raised while Python runs a module lock's callback

thing = Thing()
ref = weakref.ref(thing, callback)
try:
    del thing  # the callback runs; Python cannot raise from it
    import time
    for _ in range(1000):  # the build going on
        time.sleep(0.001)
    print("went on")
except KeyboardInterrupt:
    print("interrupted")
"""


def test_a_ctrl_c_that_lands_in_a_callback_python_cannot_raise_from_still_stops_the_build():
    """A Ctrl-C while an import ended was printed as 'Exception ignored in: <function
    _get_module_lock.<locals>.cb>' with a traceback, and the build went on to status 0."""
    done = subprocess.run([sys.executable, "-c", LOST_INTERRUPT], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert (done.stdout, done.stderr) == ("interrupted\n", "")


# Ctrl-C as reportlab reads a font's header, inside its `try: ... except: raise TTFError(...)`:
# a trace raises it when reportlab's own code first reads a number there (as the signal's
# handler raises it at that moment), so the moment is the same in every run.
CTRL_C_IN_A_LIBRARY = """\
import sys
from legpain_docs.cli import main

def tracer(frame, event, arg):
    if event == "call" and frame.f_code.co_name == "read_ulong" and frame.f_back.f_code.co_name == "readHeader":
        sys.settrace(None)
        raise KeyboardInterrupt
    return None

sys.settrace(tracer)
sys.argv = ["legpain-docs", *sys.argv[1:]]
sys.exit(main())
"""


@pytest.mark.parametrize("command", [["pdf"], ["build", "--kind", "handout", "--jobs", "1"], ["build", "--jobs", "2"]])
def test_a_ctrl_c_a_library_turns_into_its_own_error_is_still_one_line_and_130(command, tmp_path):
    """reportlab caught a Ctrl-C while reading the fonts and raised "... is not a TTF file: can't
    read version" instead: a traceback and status 1 (seen in CI)."""
    source, out = tmp_path / "source", tmp_path / "out"
    source.mkdir()
    out.mkdir()
    shutil.copy(ARTICLE_PATH, source / ARTICLE_PATH.name)
    where = [str(source / ARTICLE_PATH.name)] if command == ["pdf"] else ["--source-dir", str(source)]
    earlier = out / "leg-foot-pain-handout.pdf"
    earlier.write_bytes(b"an earlier good handout\n")
    result = subprocess.run(
        [sys.executable, "-c", CTRL_C_IN_A_LIBRARY, *command, *where, "--out-dir", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    # One line, the last: the build's decks may have been written whole before it (and said so).
    last = result.stderr.splitlines()[-1]
    assert result.returncode == 130, result.stderr
    assert last == INTERRUPTED.strip() or re.fullmatch(
        r"legpain-docs: interrupted; \d+ file\(s\) were written whole before it \(the last .*\); nothing else was changed",
        last,
    ), result.stderr
    assert "Traceback" not in result.stderr
    assert earlier.read_bytes() == b"an earlier good handout\n"
