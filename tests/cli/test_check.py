"""`check`: the article passes, and every broken fixture gets exactly its expected messages."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from legpain_docs.cli import main

from tests.conftest import ARTICLE_PATH, DATA, ROOT, run_measured, write_source

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
    assert (
        capsys.readouterr().err == f"{big}: error: the file is 5,000,000 bytes; a source may have at most 1,048,576\n"
    )


def test_python_tags_never_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(DATA / "bad" / "python-tag.yaml")]) == 2
    assert not (tmp_path / "pwned").exists()


def test_the_real_command_exits_2_without_a_traceback():
    """The installed entry point, as an editor runs it: one line per problem, status 2."""
    result = subprocess.run(
        [sys.executable, "-m", "legpain_docs", "check", str(DATA / "bad" / "unknown-key.yaml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
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
    assert (
        capsys.readouterr().out.splitlines()[1]
        == f"{ROOT / 'source' / 'example.clinic.yaml'}: ok: clinic 'Riverside Family Practice'"
    )
    assert main(["check", str(DATA / "bad" / "dates.yaml"), "--clinic", str(clinic)]) == 2
    assert capsys.readouterr().err.splitlines() == [  # the source first, as on the command line
        f"{DATA / 'bad' / 'dates.yaml'}:4:11: error: 'reviewed' is 2026-02-30, which is not a day of the calendar",
        f"{clinic}:2:7: error: 'phone' is empty: give it a value or delete the line",
    ]


# Hostile sources: every one ends within 3 s and 300 MB with exit 2 and GNU-style lines, in a real
# process (a segmentation fault or a hang shows there, not in-process), with nothing written.
HEAD = "id: mini\ntitle: Mini\nreviewed: 2026-01-01\nsections:\n  - id: one\n    title: One\n    items:\n"


def run_hostile(tmp_path: Path, *args: str) -> tuple[int, list[str], float, int]:
    """Exit status, stderr lines, seconds and peak memory (MB) of `legpain-docs ARGS`."""
    out, err = tmp_path / "stdout", tmp_path / "stderr"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        code, elapsed, megabytes = run_measured(
            [sys.executable, "-m", "legpain_docs", *args],
            timeout=20,
            stdout=stdout,
            stderr=stderr,
            stdin=subprocess.DEVNULL,
            cwd=tmp_path,
        )
    return code, err.read_text(encoding="utf-8", errors="replace").splitlines(), elapsed, int(megabytes)


def assert_refused_quickly(result, first_line: str, budget: float = 3.0) -> None:
    code, lines, elapsed, megabytes = result
    assert code == 2, (code, lines[:3])
    assert lines and lines[0] == first_line, lines[:3]
    assert not any("Traceback" in line for line in lines)
    assert elapsed < budget, f"took {elapsed:.2f} s"
    assert megabytes < 300, f"used {megabytes} MB"


@pytest.mark.parametrize(
    "nesting, where",
    [
        ("note: " + "[" * 30_000, "1:70"),  # the 64th [ is the 65th level with the mapping around it
        ("note: " + "{a: " * 30_000, "1:259"),  # flow mappings
        ("".join(" " * i + "a:\n" for i in range(1000)), "65:65"),  # block mappings, one more space a line
        ("- " * 30_000 + "x\n", "1:129"),  # block lists on one line
    ],
    ids=["flow-lists", "flow-mappings", "block-mappings", "block-lists"],
)
def test_deep_nesting_is_refused_at_its_place_without_a_crash(tmp_path, nesting, where):
    source = write_source(tmp_path, nesting)
    assert_refused_quickly(
        run_hostile(tmp_path, "check", str(source)),
        f"{source}:{where}: error: lists or mappings nested more than 64 deep; an article nests five",
    )


def test_sources_that_are_not_regular_files_are_refused_without_reading(tmp_path):
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    zero_link = tmp_path / "zero.yaml"
    zero_link.symlink_to("/dev/zero")
    for path, kind in [(fifo, "a named pipe"), (Path("/dev/zero"), "a device"), (zero_link, "a device")]:
        assert_refused_quickly(
            run_hostile(tmp_path, "check", str(path)),
            f"{path}: error: is {kind}, not a source file: give the path of a YAML file",
        )
    article = tmp_path / "article.yaml"
    article.write_bytes(ARTICLE_PATH.read_bytes())
    assert_refused_quickly(
        run_hostile(tmp_path, "check", str(article), "--clinic", str(fifo)),
        f"{fifo}: error: is a named pipe, not a source file: give the path of a YAML file",
    )


@pytest.mark.parametrize("command", ["pdf", "anki", "cards"])
def test_a_hostile_source_writes_nothing_with_any_command(tmp_path, command, capsys):
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    deep = write_source(tmp_path, "note: " + "[" * 30_000, "deep.yaml")
    for source in (fifo, deep, Path("/dev/zero")):
        assert main([command, str(source), "-o", str(tmp_path / "out")]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep.yaml", "fifo.yaml"]
    assert len(capsys.readouterr().err.splitlines()) == 3


def test_many_problems_stop_at_the_error_limit(tmp_path):
    """50,000 unknown keys: the first 50 and a line saying the check stopped, fast and lean."""
    source = write_source(tmp_path, HEAD + "      - term: x\n" + "".join(f"        k{i}: v\n" for i in range(50_000)))
    code, lines, elapsed, megabytes = result = run_hostile(tmp_path, "check", str(source))
    assert_refused_quickly(
        result,
        f"{source}:9:9: error: unknown key 'k0' in the item (expected one of: term, definition, key, reverse, sentence, figure)",
    )
    assert len(lines) == 51 and "stopped after 50 problems" in lines[-1]


def test_a_hundred_thousand_keys_stop_at_the_value_limit(tmp_path):
    """As many keys as a source may hold (short ones: hexadecimal numbers): the value limit stops them."""
    source = write_source(tmp_path, HEAD + "      - term: x\n" + "".join(f"{i:x}: v\n" for i in range(110_000)))
    code, lines, elapsed, megabytes = result = run_hostile(tmp_path, "check", str(source))
    assert_refused_quickly(result, f"{source}:99999:8: error: more than 200,000 values: far more than an article holds")
    assert len(lines) == 1


def test_a_huge_term_of_many_distinct_characters_is_scanned_in_linear_time(tmp_path):
    """800,000 letters, then 55,000 distinct characters: each character is looked at once."""
    allowed = (c for c in range(0x4E00, 0x20000) if not 0xD800 <= c < 0xE000 and c & 0xFFFE != 0xFFFE)
    distinct = "".join(map(chr, allowed))[:55_000]
    source = write_source(tmp_path, HEAD + "      - term: " + "a" * 800_000 + distinct + "\n")
    code, lines, elapsed, megabytes = result = run_hostile(tmp_path, "check", str(source))
    assert_refused_quickly(
        result,
        f"{source}:8:800015: error: a character the handout font cannot show: "
        "U+4E00 CJK UNIFIED IDEOGRAPH-4E00 in 'term'",
    )
    assert len(lines) == 51


def test_line_separators_inside_quotes_do_not_shift_later_lines(tmp_path, capsys):
    """YAML breaks lines at NEL, U+2028 and U+2029; an editor does not, and the numbers are the editor's."""
    source = write_source(
        tmp_path,
        'id: mini\ntitle: "Mini\u2028x\x85y\u2029z"\nreviewed: 2026-01-01\nsections:\n'
        "  - id: one\n    title: One\n    items:\n      - term: x\n        defintion: y\n",
    )
    assert main(["check", str(source)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{source}:2:13: error: a character the handout font cannot show: U+2028 LINE SEPARATOR in 'title'",
        f"{source}:2:17: error: a character the handout font cannot show: U+2029 PARAGRAPH SEPARATOR in 'title'",
        f"{source}:9:9: error: unknown key 'defintion' in the item (did you mean 'definition'?)",
    ]


def test_every_kind_of_line_ending_counts_as_an_editor_counts(tmp_path, capsys):
    body = HEAD + "      - term: x\n        defintion: y\n"
    for ending in ("\n", "\r\n", "\r"):
        source = tmp_path / f"{len(ending)}{'cr' if ending == chr(13) else ''}.yaml"
        source.write_bytes(body.replace("\n", ending).encode())
        assert main(["check", str(source)]) == 2
        assert (
            capsys.readouterr().err
            == f"{source}:9:9: error: unknown key 'defintion' in the item (did you mean 'definition'?)\n"
        )


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_millions_of_line_breaks_are_counted_fast_and_lean(tmp_path, ending):
    """A problem on the last of a million blank lines: no table of line starts is built."""
    source = tmp_path / "article.yaml"
    source.write_bytes((ending * (1_000_000 // len(ending)) + "x: y" + ending).encode())
    line = 1_000_000 // len(ending) + 1
    assert_refused_quickly(
        run_hostile(tmp_path, "check", str(source)),
        f"{source}:{line}:1: error: unknown key 'x' in the article (expected one of: "
        "id, title, language, reviewed, review_due, source, intro, figure, sections, outro, codes, translation_of)",
    )


def test_an_article_given_as_the_clinic_file_is_named_for_what_it_is(capsys):
    """The mirror of the fixtures clinic.yaml and library.yaml: one message, at the first key."""
    assert main(["check", str(DATA / "mini.yaml"), "--clinic", str(DATA / "mini.yaml")]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{DATA / 'mini.yaml'}:1:1: error: this looks like an article, not a clinic file: an article is given as a "
        "source (legpain-docs check FILE, or make SOURCE=FILE)"
    ]


def test_a_suggested_id_is_never_a_reserved_one(tmp_path, capsys):
    """An article in a file named library.yaml, a section titled Retired: the ids a missing `id`
    would be given from the name and the title are reserved, so the suggestion is another."""
    source = write_source(
        tmp_path,
        "title: T\nreviewed: 2026-01-02\nsections:\n  - title: Retired\n    items:\n      - term: A\n",
        "library.yaml",
    )
    assert main(["check", str(source)]) == 2
    assert [line.split("add ")[1].split(" (")[0] for line in capsys.readouterr().err.splitlines()] == [
        "'id: library-article'",
        "'id: retired-section'",
    ]


@pytest.mark.parametrize(
    "website", ["www.riverside.example.org", "riverside.example.org/contact", "ftp://riverside.example.org"]
)
def test_a_clinic_website_without_https_is_refused_with_the_address_to_write(tmp_path, website, capsys):
    """Printed as plain text, it could not be followed: the fix, with the address to write."""
    clinic = write_source(tmp_path, f"name: Riverside\nphone: 555-0100\nwebsite: {website}\n", "riverside.clinic.yaml")
    assert main(["check", str(ARTICLE_PATH), "-q", "--clinic", str(clinic)]) == 2
    bare = website.split("://")[-1]
    assert capsys.readouterr().err.splitlines() == [
        f"{clinic}:3:10: error: 'website' must be a whole web address starting with https://, so that the handout "
        f"and the web page can link to it: write 'website: https://{bare}'"
    ]


def test_each_file_s_messages_stand_where_the_file_is_named(tmp_path):
    """On a terminal, stdout and stderr meet: each file's `ok` line or its errors, in the order named."""
    bad = DATA / "bad" / "dates.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "legpain_docs", "check", str(ARTICLE_PATH), str(bad), str(DATA / "mini.yaml")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 2
    assert [line.split(": ")[0].split(":")[0] for line in result.stdout.splitlines()] == [
        str(ARTICLE_PATH),
        str(bad),
        str(DATA / "mini.yaml"),
    ]


@pytest.mark.parametrize(
    "command, option", [("pdf", ["--paper", "A4"]), ("cards", ["--paper", "A4", "--flip", "Short"])]
)
def test_paper_and_flip_are_taken_in_any_case(command, option, tmp_path, capsys):
    assert main([command, str(DATA / "mini.yaml"), "--out-dir", str(tmp_path), *option]) == 0
    assert [p.name for p in tmp_path.iterdir()] == [
        f"mini-{command if command == 'cards' else 'handout'}-a4{'-short' if command == 'cards' else ''}.pdf"
    ]


def test_a_file_name_with_a_line_break_or_an_escape_is_still_one_line_per_problem(tmp_path, capsys):
    """The path is written as the message is: a file named with a line break once split each
    problem over two lines, and an escape in its name reached the terminal."""
    path = tmp_path / "new\nline\x1b[2J.yaml"
    path.write_text("id: Bad\n", encoding="utf-8")
    assert main(["check", str(path)]) == 2
    lines = capsys.readouterr().err.splitlines()
    shown = str(tmp_path) + "/new\\x0aline\\x1b[2J.yaml"
    assert lines and all(line.startswith(shown + ":1:") for line in lines), lines
