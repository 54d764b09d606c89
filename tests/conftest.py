"""Shared fixtures: the real article, fixture sources, and golden-file comparison."""

from __future__ import annotations

from pathlib import Path

import os
import tempfile

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
        assert text == path.read_text(encoding="utf-8"), f"{path.name} differs: if the change is meant, run `make golden`"

    return compare


def write_source(tmp_path: Path, text: str, name: str = "article.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
