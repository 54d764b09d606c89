"""`check`: the article passes, and every broken fixture gets exactly its expected messages."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from legpain_docs.cli import main
from conftest import ARTICLE_PATH, DATA, ROOT

BAD = sorted((DATA / "bad").glob("*.yaml"))


def expected_messages(path: Path) -> list[str]:
    """The `# expect: ` lines at the top of a fixture, with the fixture's path in front."""
    lines = path.read_bytes().decode("utf-8", "replace").splitlines()
    return [f"{path.parent}/{line.removeprefix('# expect: ')}" for line in lines if line.startswith("# expect: ")]


def test_the_article_is_valid(capsys):
    assert main(["check", str(ARTICLE_PATH)]) == 0
    assert capsys.readouterr().out == f"{ARTICLE_PATH}: ok: 'Causes of Leg Pain and Foot Pain', 7 sections, 24 items\n"


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_a_broken_source_gets_its_exact_messages(path, capsys):
    started = time.perf_counter()
    status = main(["check", str(path)])
    elapsed = time.perf_counter() - started
    err = capsys.readouterr().err
    assert expected_messages(path), f"{path.name} has no '# expect:' line"
    assert (status, err.splitlines()) == (2, expected_messages(path))
    assert elapsed < 1.0, f"{path.name} took {elapsed:.2f} s"


def test_missing_file_and_directory(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nope.yaml")]) == 2
    assert main(["check", str(tmp_path)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{tmp_path}/nope.yaml: error: no such file",
        f"{tmp_path}: error: is a directory, not a source file",
    ]


def test_oversized_file_is_refused_before_parsing(tmp_path, capsys):
    big = tmp_path / "big.yaml"
    big.write_text("# padding\n" * 500_000)
    assert main(["check", str(big)]) == 2
    assert capsys.readouterr().err == f"{big}: error: the file is 5,000,000 bytes; a source may have at most 4,194,304\n"


def test_python_tags_never_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(DATA / "bad" / "python-tag.yaml")]) == 2
    assert not (tmp_path / "pwned").exists()


def test_the_real_command_exits_2_without_a_traceback():
    """The installed entry point, as an editor runs it: one line per problem, status 2."""
    result = subprocess.run(
        [sys.executable, "-m", "legpain_docs", "check", str(DATA / "bad" / "unknown-key.yaml")],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 2


def test_check_imports_neither_reportlab_nor_genanki():
    code = (
        "import sys; from legpain_docs.cli import main; main(['check', '-q', sys.argv[1]]);"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'genanki')))"
    )
    result = subprocess.run([sys.executable, "-c", code, str(ARTICLE_PATH)], capture_output=True, text=True, check=True)
    assert result.stdout == "[]\n"


def test_check_reports_the_source_and_the_clinic_file_together(tmp_path, capsys):
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text("name: Riverside\nphone:\n", encoding="utf-8")
    assert main(["check", str(ARTICLE_PATH), "--clinic", str(ROOT / "source" / "example.clinic.yaml")]) == 0
    assert capsys.readouterr().out.splitlines()[1] == f"{ROOT / 'source' / 'example.clinic.yaml'}: ok: clinic 'Riverside Family Practice'"
    assert main(["check", str(DATA / "bad" / "dates.yaml"), "--clinic", str(clinic)]) == 2
    assert capsys.readouterr().err.splitlines() == [  # the source first, as on the command line
        f"{DATA / 'bad' / 'dates.yaml'}:4:11: error: 'reviewed' is 2026-02-30, which is not a day of the calendar",
        f"{clinic}:2:7: error: 'phone' is empty: give it a value or delete the line",
    ]
