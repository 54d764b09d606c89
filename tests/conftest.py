"""Shared fixtures: the real article, fixture sources, and golden-file comparison."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.database import DirectoryBasedExampleDatabase

from legpain_docs import load_article

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_PATH = ROOT / "source" / "leg-foot-pain.yaml"
DATA = Path(__file__).resolve().parent / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"


# Hypothesis keeps failing examples (and caches) in a folder; in the checkout that folder would
# be written by every test run, so it lives in the system's temporary directory instead.
HYPOTHESIS_HOME = Path(tempfile.gettempdir()) / "legpain-docs-hypothesis"
set_hypothesis_home_dir(str(HYPOTHESIS_HOME))
settings.register_profile("default", database=DirectoryBasedExampleDatabase(str(HYPOTHESIS_HOME / "examples")))
# CI must pass or fail on the code alone, not on which random examples a run happened to draw:
# there the property tests draw the same examples every time, and remember none. Locally they
# explore anew and replay what failed last time.
settings.register_profile("ci", derandomize=True, print_blob=True, database=None)
settings.load_profile("ci" if os.environ.get("CI") else "default")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current outputs")


# The browser tests' Chromium and axe-core: `make test` installs both, CHROMIUM and AXE name them otherwise.
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE = Path(os.environ.get("AXE", ROOT / ".venv" / "node" / "node_modules" / "axe-core" / "axe.min.js"))
# Quiet and offline: no sandbox (CI runs as root), no GPU, nothing fetched in the background.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
]


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session, whichever module's tests use it (Playwright allows one)."""
    from playwright.sync_api import sync_playwright  # here: only the browser tests pay for it

    assert CHROMIUM.exists(), f"no Chromium at {CHROMIUM}: run `make test`, which installs it, or set CHROMIUM"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    assert AXE.exists(), f"no axe-core at {AXE}: run `make test`, which installs it, or set AXE"
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def article():
    return load_article(ARTICLE_PATH)


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare text with tests/golden/NAME; with --update-golden, write it instead."""

    def compare(name: str, text: str) -> None:
        path = GOLDEN / name
        if request.config.getoption("--update-golden"):
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"no golden file {path.name}: run `make golden` and review the diff"
        assert text == path.read_text(encoding="utf-8"), (
            f"{path.name} differs: if the change is meant, run `make golden`"
        )

    return compare


@pytest.fixture
def student(tmp_path):
    """A fresh Anki collection (Anki's own engine) that imports decks as a student's Anki does."""
    from tests.deck_student import Student  # here, not at the top: only the deck tests pay for Anki

    folder = tmp_path / "anki"
    folder.mkdir()
    user = Student(folder)
    yield user
    user.col.close()


def write_source(tmp_path: Path, text: str, name: str = "article.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# Peak memory of a command, measured by a small launcher. A child forked straight from the test
# process would report the test process's own size: Linux carries the parent's peak into a
# forked child (and through exec) in ru_maxrss. The launcher is small when it forks the command,
# and reports its child's peak and CPU time alone. CPU time, not wall time: what these budgets
# guard against is work that grows too fast with the input, which a busy machine (CI running
# beside other jobs) must not be mistaken for.
_LAUNCHER = """\
import os, resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as report:
    report.write(f"{usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}")
if code < 0:
    os.kill(os.getpid(), -code)
sys.exit(code)
"""


def run_measured(argv: list[str], *, timeout: float, **popen) -> tuple[int, float, float]:
    """Exit status (negative for a signal), CPU seconds and peak MB of the command `argv`."""
    import subprocess
    import sys
    import tempfile

    with tempfile.NamedTemporaryFile("r", suffix=".peak") as report:
        process = subprocess.Popen(
            [sys.executable, "-c", _LAUNCHER, report.name, *argv], start_new_session=True, **popen
        )
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()
            raise AssertionError(f"still running after {timeout} s: {argv}") from None
        peak_kb, elapsed = report.read().split()
    return code, float(elapsed), int(peak_kb) / 1024


# Every handout variant, built once per session, for every test that asks.
from tests.handout_variants import handouts  # noqa: E402, F401


@pytest.fixture(autouse=True)
def _ctrl_c_as_a_terminal_gives_it():
    """Every test starts with Ctrl-C's default action, as a command started from a terminal has.

    A process inherits an ignored SIGINT (Python's own and every child's): a library a test
    loads in this process that ignores it would make every later test of Ctrl-C pass or fail by
    the order the tests ran in.
    """
    import signal

    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
