"""Every subcommand takes several sources; where their outputs go; --version and --help.

Sources are copies in tmp: `anki` writes each source's deck record beside it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from legpain_docs.cli import main
from legpain_docs.names import output_name
from legpain_docs.render.deck.record import record_path

from tests.conftest import ARTICLE_PATH, DATA, ROOT, write_source

ORIGINALS = [ARTICLE_PATH, DATA / "mini.yaml", DATA / "deck-markup.yaml"]
IDS = ["leg-foot-pain", "mini", "deck-markup"]
KINDS = {"pdf": "handout", "anki": "deck", "cards": "cards", "html": "html"}  # subcommand: kind of output


@pytest.fixture
def sources(tmp_path_factory) -> list[Path]:
    """Copies of the seed (with its deck record), mini and deck-markup, in a folder of their own."""
    folder = tmp_path_factory.mktemp("sources")
    shutil.copy(record_path(ARTICLE_PATH), folder / record_path(ARTICLE_PATH).name)
    return [Path(shutil.copy(path, folder / path.name)) for path in ORIGINALS]


def run(*argv: object) -> int:
    return main([str(arg) for arg in argv])


def names_in(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("command", KINDS)
def test_several_sources_each_get_their_default_name_in_the_out_dir(command, tmp_path, capsys, sources):
    assert run(command, *sources, "--out-dir", tmp_path) == 0
    names = [output_name(article_id, KINDS[command]) for article_id in IDS]
    if command == "anki":  # each deck with its tab-separated text beside it
        names += [name.replace(".apkg", ".tsv") for name in names]
    assert names_in(tmp_path) == sorted(names)
    assert capsys.readouterr().out.count("wrote ") == len(names)


@pytest.mark.parametrize("command", KINDS)
def test_o_with_several_sources_is_refused(command, tmp_path, capsys, sources):
    article, mini, *_ = sources
    assert run(command, article, mini, "-o", tmp_path / "x") == 2
    assert capsys.readouterr().err.startswith("legpain-docs: error: -o names one file, but 2 sources were given")
    assert names_in(tmp_path) == []


@pytest.mark.parametrize("command", KINDS)
def test_good_sources_are_built_and_every_problem_is_reported_together(command, tmp_path, capsys, sources):
    article, mini, *_ = sources
    out = tmp_path / "out"
    out.mkdir()
    bad_date = write_source(tmp_path, mini.read_text(encoding="utf-8").replace("2026-01-02", "soon"), "bad-date.yaml")
    earlier = out / output_name("mini", KINDS[command])
    earlier.write_bytes(b"an earlier good output")
    assert run(command, bad_date, article, tmp_path / "missing.yaml", "--out-dir", out) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{bad_date}:3:11: error: 'reviewed' must be a date written YYYY-MM-DD, got 'soon'",
        f"{tmp_path / 'missing.yaml'}: error: no such file",
    ]
    assert earlier.read_bytes() == b"an earlier good output"  # the failed source's output is untouched
    # Like a compiler, the good source is built; anki alone is all or nothing (its library deck needs them all).
    assert (out / output_name("leg-foot-pain", KINDS[command])).exists() == (command != "anki")


def test_a_source_an_output_cannot_hold_is_reported_with_the_others(tmp_path, capsys, sources):
    article, *_ = sources
    too_long = DATA / "cards-too-long.yaml"
    assert run("cards", too_long, article, "--out-dir", tmp_path) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith(f"{too_long}:13:21: error: card ")
    assert names_in(tmp_path) == [output_name("leg-foot-pain", "cards")]


def test_two_sources_with_one_id_are_refused_before_the_second_overwrites_the_first(tmp_path, capsys, sources):
    article, mini, *_ = sources
    copy = write_source(tmp_path, mini.read_text(encoding="utf-8"), "copy.yaml")
    assert run("anki", mini, copy, "--out-dir", tmp_path) == 2
    assert capsys.readouterr().err.strip() == (
        f"{copy}: error: the id 'mini' is also the id of {mini}: the two would write the same "
        "files; give the new article an id of its own (a published article's id never changes)"
    )


def test_check_takes_several_sources_and_reports_all_their_problems(tmp_path, capsys, sources):
    article, mini, *_ = sources
    bad = write_source(tmp_path, mini.read_text(encoding="utf-8").replace("2026-01-02", "soon"), "bad.yaml")
    assert run("check", article, mini) == 0
    assert [line.split(": ok:")[0] for line in capsys.readouterr().out.splitlines()] == [str(article), str(mini)]
    assert run("check", bad, mini, tmp_path / "missing.yaml") == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{bad}:3:11: error: 'reviewed' must be a date written YYYY-MM-DD, got 'soon'",
        f"{tmp_path / 'missing.yaml'}: error: no such file",
    ]


def test_the_default_output_folder_is_made_when_missing(tmp_path, monkeypatch, capsys, sources):
    article, *_ = sources
    monkeypatch.chdir(tmp_path)  # "legpain-docs pdf x.yaml" run from another folder
    assert run("pdf", article) == 0
    assert names_in(tmp_path / "output") == [output_name("leg-foot-pain", "handout")]


def test_a_missing_folder_named_with_o_is_still_an_error(tmp_path, capsys, sources):
    article, *_ = sources
    target = tmp_path / "nowhere" / "handout.pdf"
    assert run("pdf", article, "-o", target) == 2
    assert capsys.readouterr().err.strip() == f"{target}: error: cannot write: no such directory '{target.parent}'"
    assert names_in(tmp_path) == []


def test_an_out_dir_is_made_with_its_missing_parents(tmp_path, capsys, sources):
    """`--out-dir a/b` with `a` missing: made, as `mkdir -p` makes it (the README's promise)."""
    _, mini, *_ = sources
    assert run("cards", mini, "--out-dir", tmp_path / "new") == 0
    assert names_in(tmp_path / "new") == [output_name("mini", "cards")]
    deep = tmp_path / "a" / "b"
    assert run("cards", mini, "--out-dir", deep) == 0
    assert names_in(deep) == [output_name("mini", "cards")]


def test_an_out_dir_is_not_made_for_a_broken_source_nor_under_a_file(tmp_path, capsys, sources):
    bad = write_source(tmp_path, "id: x\n", "bad.yaml")
    assert run("cards", bad, "--out-dir", tmp_path / "a" / "b") == 2
    assert not (tmp_path / "a").exists()
    capsys.readouterr()
    (tmp_path / "file").write_text("not a folder")
    _, mini, *_ = sources
    assert run("cards", mini, "--out-dir", tmp_path / "file" / "b") == 2
    assert capsys.readouterr().err == f"{tmp_path / 'file' / 'b'}: error: cannot make the folder: not a directory\n"


@pytest.mark.parametrize(
    "options, kind, variant",
    [
        (["--paper", "a4"], "handout", dict(paper="a4")),
        (["--large-print"], "handout", dict(large=True)),
        (
            ["--paper", "a4", "--large-print", "--clinic", ROOT / "source" / "example.clinic.yaml"],
            "handout",
            dict(paper="a4", large=True, clinic="example.clinic.yaml"),
        ),
    ],
)
def test_pdf_variants_default_to_their_own_names(options, kind, variant, tmp_path, sources):
    _, mini, *_ = sources
    assert run("pdf", mini, "--out-dir", tmp_path, *options) == 0
    assert names_in(tmp_path) == [output_name("mini", kind, **variant)]


def test_cards_variants_default_to_their_own_names(tmp_path, sources):
    _, mini, *_ = sources
    assert run("cards", mini, "--out-dir", tmp_path, "--paper", "a4", "--flip", "short") == 0
    assert names_in(tmp_path) == ["mini-cards-a4-short.pdf"]


def test_version_comes_from_the_package_metadata():
    from importlib.metadata import version

    result = subprocess.run([sys.executable, "-m", "legpain_docs", "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout == f"legpain-docs {version('legpain-docs')}\n"


def test_help_speaks_of_a_patient_education_article_and_several_sources():
    result = subprocess.run([sys.executable, "-m", "legpain_docs", "--help"], capture_output=True, text=True)
    assert "a patient-education article" in " ".join(result.stdout.split())
    assert "leg and foot pain" not in result.stdout
    pdf_help = subprocess.run([sys.executable, "-m", "legpain_docs", "pdf", "--help"], capture_output=True, text=True)
    assert "SOURCE [SOURCE ...]" in pdf_help.stdout and "--out-dir DIR" in pdf_help.stdout


def test_check_checks_the_library_file_too(tmp_path, capsys, sources):
    article, mini, *_ = sources
    library = write_source(tmp_path, "nmae: Clinic Library\n", "library.yaml")
    assert run("check", mini, "--library", library) == 2
    assert capsys.readouterr().err.startswith(f"{library}:1:1: error: unknown key 'nmae' in the library")
    library.write_text("name: Clinic Library\n", encoding="utf-8")
    assert run("check", mini, "--library", library) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"{library}: ok: library 'Clinic Library'"
