"""`make`: every target is one call of `legpain-docs build`, and nothing a source holds reaches a shell.

The build's own behaviour (what is rebuilt, broken and duplicate articles) is tested in
test_build.py; here each target of the Makefile is run as a user runs it, on a temporary
library, and the hostile cases of issue 19 that lived in make: ids and file names that a shell
would run, make's word splitting, 1,000 articles, variables left in the environment. Nothing is
written into the checkout: make runs with -C and its folders pointed at tmp.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
from pathlib import Path

import pytest

from legpain_docs.build.registry import LIBRARY_DECK
from legpain_docs.names import output_name
from legpain_docs.render.deck.record import record_path

from tests.conftest import ARTICLE_PATH, DATA, ROOT

ARTICLES = {"leg-foot-pain": ARTICLE_PATH, "mini": DATA / "mini.yaml", "deck-markup": DATA / "deck-markup.yaml"}
CLINIC = ROOT / "source" / "example.clinic.yaml"
MINI = (DATA / "mini.yaml").read_text(encoding="utf-8")
# Each make here runs as one typed at a shell would, not as a sub-make of `make test`.
TOP_LEVEL = {name: value for name, value in os.environ.items() if name not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}


def default_set(article_id: str) -> list[str]:
    """An article's outputs: handout, deck (and its .tsv text), cards, web page."""
    return [output_name(article_id, kind) for kind in ("handout", "deck", "cards", "html")] + [f"{article_id}.tsv"]


DEFAULT_SET = sorted(
    [name for article_id in ARTICLES for name in default_set(article_id)] + [LIBRARY_DECK, "library.tsv"]
)


def make(*args: str, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), *args],
        capture_output=True,
        text=True,
        env=env or TOP_LEVEL,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def mini(article_id: str, title: str = "Mini Article", id_line: str | None = None) -> str:
    """The mini fixture under another id (written as `id_line` when given) and title."""
    return MINI.replace("id: mini", id_line or f"id: {article_id}", 1).replace("Mini Article", title, 1)


class Library:
    """A source folder of articles, an output folder, and `make` run on them."""

    def __init__(self, folder: Path, articles: dict[str, Path] = ARTICLES):
        self.folder = folder
        self.source = folder / "source"
        self.out = folder / "output"
        self.source.mkdir(parents=True)
        for article_id, path in articles.items():
            shutil.copy(path, self.source / f"{article_id}.yaml")
        if "leg-foot-pain" in articles:
            shutil.copy(record_path(ARTICLE_PATH), self.source / "leg-foot-pain.deck-record")
        shutil.copy(CLINIC, self.source / "example.clinic.yaml")  # not an article: never built as one
        (self.source / "library.yaml").write_text("name: Clinic Library\n", encoding="utf-8")  # nor the library file

    def make(self, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        return make(f"SOURCE_DIR={self.source}", f"OUT={self.out}", *args, env=env)

    def files(self) -> list[str]:
        return sorted(p.name for p in self.out.iterdir() if not p.name.startswith(".")) if self.out.exists() else []

    def mtimes(self) -> dict[str, int]:
        return {p.name: p.stat().st_mtime_ns for p in self.out.iterdir() if not p.name.startswith(".")}

    def changed_since(self, before: dict[str, int]) -> list[str]:
        return sorted(name for name, mtime in self.mtimes().items() if before.get(name) != mtime)


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    lib = Library(tmp_path_factory.mktemp("library"))
    result = lib.make()
    assert result.returncode == 0, result.stderr
    return lib


def test_make_builds_every_article_and_again_nothing(library):
    assert library.files() == DEFAULT_SET
    before = library.mtimes()
    result = library.make()
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and library.changed_since(before) == []


@pytest.mark.parametrize(
    ("target", "variant"),
    [
        ("pdf", {"kind": "handout"}),
        ("cards", {"kind": "cards"}),
        ("html", {"kind": "html"}),
        ("anki", {"kind": "deck"}),
        ("handout-a4", {"kind": "handout", "paper": "a4"}),
        ("handout-large", {"kind": "handout", "large": True}),
        ("handout-a4-large", {"kind": "handout", "paper": "a4", "large": True}),
        ("cards-a4", {"kind": "cards", "paper": "a4"}),
        ("cards-short", {"kind": "cards", "flip": "short"}),
        ("cards-a4-short", {"kind": "cards", "paper": "a4", "flip": "short"}),
    ],
)
def test_each_build_target_builds_its_kind_and_variant(tmp_path, target, variant):
    lib = Library(tmp_path, {"mini": DATA / "mini.yaml"})
    result = lib.make(target)
    assert result.returncode == 0, result.stderr
    decks = [LIBRARY_DECK, "mini.tsv", "library.tsv"]  # each deck with its .tsv text
    assert lib.files() == sorted([output_name("mini", **variant)] + (decks if target == "anki" else []))


def test_variants_and_make_variables_name_their_files(library):
    result = library.make("variants")
    assert result.returncode == 0, result.stderr
    result = library.make("pdf", f"CLINIC={library.source / 'example.clinic.yaml'}", "PAPER=a4", "LARGE_PRINT=0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("wrote ") == len(ARTICLES)
    assert (library.out / "leg-foot-pain-handout-a4-example.pdf").is_file()
    before = library.mtimes()
    assert library.make("variants").stdout == "" and library.make().stdout == ""
    assert library.changed_since(before) == []


def test_source_selects_articles_separated_by_spaces_or_newlines(tmp_path):
    lib = Library(tmp_path)
    result = lib.make("html", f"SOURCE={lib.source / 'mini.yaml'}\n{lib.source / 'deck-markup.yaml'}")
    assert result.returncode == 0, result.stderr
    assert lib.files() == sorted([output_name("mini", "html"), output_name("deck-markup", "html")])
    result = lib.make("cards", f"SOURCE={lib.source / 'mini.yaml'} {lib.source / 'deck-markup.yaml'}")
    assert result.returncode == 0, result.stderr
    assert output_name("deck-markup", "cards") in lib.files()


def test_make_check_checks_every_article_and_clinic_file(library):
    result = library.make("check")
    assert result.returncode == 0, result.stderr
    checked = sorted(line.split(": ok: ")[0] for line in result.stdout.splitlines() if ": ok: " in line)
    assert checked == sorted(
        str(library.source / name)
        for name in ["leg-foot-pain.yaml", "mini.yaml", "deck-markup.yaml", "example.clinic.yaml", "library.yaml"]
    )
    assert result.stdout.count("reading grade") == len(ARTICLES)


def test_make_readability_fails_above_max_grade(library):
    assert library.make("readability", "MAX_GRADE=20").returncode == 0
    assert (
        library.make("readability", "MAX_GRADE=2").returncode == 2
    )  # the status 3 of the command, as make reports any failure


def test_make_clean_removes_the_outputs_and_nothing_else(tmp_path):
    lib = Library(tmp_path, {"mini": DATA / "mini.yaml"})
    assert lib.make("html").returncode == 0
    (lib.out / "keep-me.txt").write_text("mine", encoding="utf-8")
    result = lib.make("clean")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in lib.out.iterdir()) == ["keep-me.txt"]


def test_a_missing_source_gets_the_tools_own_message(library):
    result = library.make("SOURCE=missing.yaml")
    assert result.returncode == 2
    assert "missing.yaml: error: no such file" in result.stderr
    assert "No rule to make target" not in result.stderr


def test_no_article_is_a_message_not_a_wait(tmp_path):
    for args in ([f"SOURCE_DIR={tmp_path}"], ["check", f"SOURCE_DIR={tmp_path / 'nowhere'}"]):
        result = make(f"OUT={tmp_path / 'out'}", *args, timeout=60)
        assert result.returncode == 2 and ("no article" in result.stderr or "no such folder" in result.stderr), (
            result.stderr
        )
    assert not (tmp_path / "out").exists()


def test_make_help_lists_the_targets():
    result = make("help")
    assert result.returncode == 0
    for target in ("make test", "make check", "variants", "handout-a4", "cards-a4-short", "make schema"):
        assert target in result.stdout


def test_make_bilingual_prints_a_stale_pair_only_with_print_stale(tmp_path):
    """The refusal names the make variable as well as the option, and PRINT_STALE=1 passes it on."""
    for path in (DATA / "pair").iterdir():
        shutil.copy(path, tmp_path / path.name)
    original, translation = tmp_path / "leg-pain-en.yaml", tmp_path / "leg-pain-es.yaml"
    original.write_text(original.read_text(encoding="utf-8").replace("heavy labor", "hard labor"), encoding="utf-8")
    pair = [f"SOURCE={original}", f"BILINGUAL={translation}", f"OUT={tmp_path / 'out'}"]
    refused = make("bilingual", *pair, "PRINT_STALE=0")
    assert refused.returncode == 2 and "(make bilingual PRINT_STALE=1)" in refused.stderr
    assert not (tmp_path / "out").exists()
    printed = make("bilingual", *pair, "PRINT_STALE=1")
    assert printed.returncode == 0, printed.stderr
    assert ": warning: the original item 'Occupations' changed" in printed.stderr
    assert (tmp_path / "out" / "leg-pain-en-handout-es.pdf").exists()


# Issue 19: nothing in a source, nor any file name or make variable, is run by a shell.

INJECTED_ID = "id: x;touch${IFS}PWNED"


@pytest.mark.parametrize("goal", [[], ["check"], ["-n"], ["clean"], ["anki"], ["readability"]])
def test_an_id_that_a_shell_would_run_is_only_an_invalid_id(tmp_path, goal):
    lib = Library(tmp_path, {"mini": DATA / "mini.yaml"})
    (lib.source / "evil.yaml").write_text(mini("", "Evil", INJECTED_ID), encoding="utf-8")
    result = lib.make(*goal)
    for folder in (ROOT, tmp_path, lib.source, lib.out):
        assert not (folder / "PWNED").exists(), (goal, result.stderr)
    if goal in ([], ["check"], ["anki"]):
        assert result.returncode == 2
        assert (
            f"{lib.source / 'evil.yaml'}:1:5: error: 'id' must be a slug: lowercase letters, digits and single "
            "hyphens (like 'leg-foot-pain'), got 'x;touch${IFS}PWNED'"
        ) in result.stderr
    if goal == []:  # the good article is still built
        assert set(default_set("mini")) - {output_name("mini", "deck"), "mini.tsv"} <= set(lib.files())


def test_a_file_name_that_a_shell_would_run_is_only_a_name(tmp_path):
    lib = Library(tmp_path, {})
    (lib.source / "$(touch PWNED); `touch PWNED` 'x'.yaml").write_text(mini("odd-name"), encoding="utf-8")
    result = lib.make()
    assert result.returncode == 0, result.stderr
    assert not (ROOT / "PWNED").exists() and not (lib.source / "PWNED").exists()
    assert lib.files() == sorted(default_set("odd-name") + [LIBRARY_DECK, "library.tsv"])


def test_a_block_scalar_id_is_read_as_yaml_reads_it(tmp_path):
    lib = Library(tmp_path, {})
    (lib.source / "block.yaml").write_text(mini("", id_line="id: >-\n  block-id"), encoding="utf-8")
    result = lib.make()
    assert result.returncode == 0, result.stderr
    assert lib.files() == sorted(default_set("block-id") + [LIBRARY_DECK, "library.tsv"])
    assert not (ROOT / "-").exists()


def everything_in(folder: Path) -> dict[str, bytes]:
    """Every file in the folder and below it (the build's hidden manifest and deck parts too)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("id_line", ["id: !!str shared-id", "id:\n  shared-id", "'id' : \"shared-id\"  # a comment"])
def test_an_id_in_another_yaml_form_still_meets_the_duplicate_guard(tmp_path, id_line):
    lib = Library(tmp_path, {})
    (lib.source / "original.yaml").write_text(mini("shared-id"), encoding="utf-8")
    assert lib.make().returncode == 0
    before = everything_in(lib.out)
    copy = lib.source / "copy.yaml"
    copy.write_text(mini("", "A Copy", id_line), encoding="utf-8")
    for args in ([], [f"SOURCE={copy}"], ["anki"]):
        result = lib.make(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert (f"{lib.source / 'original.yaml'}: error: the id 'shared-id' is also the id of {copy}") in result.stderr
    assert everything_in(lib.out) == before


def test_an_output_folder_with_a_space_is_one_folder(tmp_path):
    lib = Library(tmp_path, {"mini": DATA / "mini.yaml"})
    out = tmp_path / "web pages"
    result = make(f"SOURCE_DIR={lib.source}", f"OUT={out}", "html")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [output_name("mini", "html")]
    assert not (tmp_path / "web").exists() and not (ROOT / "pages").exists()


def test_variables_left_in_the_environment_change_nothing(tmp_path):
    lib = Library(tmp_path, {"mini": DATA / "mini.yaml"})
    env = {
        **TOP_LEVEL,
        "SOURCE": str(tmp_path / "nothing.yaml"),
        "PAPER": "a4",
        "CLINIC": str(CLINIC),
        "FLIP": "short",
        "LARGE_PRINT": "1",
        "OUT": str(tmp_path / "elsewhere"),
    }
    result = lib.make("html", "cards", "pdf", env=env)
    assert result.returncode == 0, result.stderr
    assert lib.files() == sorted(output_name("mini", kind) for kind in ("handout", "cards", "html"))
    assert not (tmp_path / "elsewhere").exists()


def test_make_n_runs_nothing(tmp_path):
    lib = Library(tmp_path, {"mini": DATA / "mini.yaml"})
    result = lib.make("-n")
    assert result.returncode == 0 and "legpain-docs build" in result.stdout
    assert not lib.out.exists()


def test_a_thousand_articles_in_a_long_folder_path_build_and_then_cost_little(tmp_path):
    """No argument list: make hands the folder, not its files, to the build (and a no-op within 2 s of CPU)."""
    folder = tmp_path
    for part in "abcd":
        folder = folder / (part * 200)
    lib = Library(folder, {})
    for n in range(1000):
        (lib.source / f"article-{n:04}.yaml").write_text(mini(f"article-{n:04}", f"Article {n}"), encoding="utf-8")
    result = lib.make("html")
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(lib.files()) == 1000
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = lib.make("html")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert result.returncode == 0 and result.stdout == ""
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    assert cpu < 2.0, f"a make with nothing to do took {cpu:.2f} s of CPU"  # CPU: a busy machine moves wall time
    result = lib.make("check")
    assert result.returncode == 0 and result.stdout.count(": ok: ") == 1002  # and the clinic and library files


def test_make_check_fails_on_what_a_build_would_refuse(tmp_path):
    lib = Library(tmp_path, {})
    shutil.copy(DATA / "refused" / "refused-card-term.yaml", lib.source / "long.yaml")
    result = lib.make("check")
    assert result.returncode == 2 and f"{lib.source / 'long.yaml'}:12:15: error: card 2 " in result.stderr, (
        result.stderr
    )


def test_paper_and_flip_are_taken_in_any_case(tmp_path):
    lib = Library(tmp_path, {"mini": DATA / "mini.yaml"})
    result = lib.make("pdf", "cards", "PAPER=A4", "FLIP=Short")
    assert result.returncode == 0, result.stderr
    assert lib.files() == sorted(
        [output_name("mini", "handout", paper="a4"), output_name("mini", "cards", paper="a4", flip="short")]
    )


def test_a_wrong_chromium_is_found_before_the_tests_run(tmp_path):
    """After a first `make test` has installed everything, a CHROMIUM= that names nothing stops at once."""
    result = make("test", f"CHROMIUM={tmp_path / 'no-chrome'}", timeout=120)
    # Said by the test target itself, or by the install stamp's rule when that is being remade.
    assert result.returncode != 0 and str(tmp_path / "no-chrome") in result.stderr.splitlines()[0], result.stderr
    assert "pytest" not in result.stdout
