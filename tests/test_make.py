"""`make` builds every article of a library once, and again only what a change touches.

One temporary library of three articles (the seed and two fixtures) and a clinic file is
built once for the module; each test then changes one thing and looks at which files moved.
Nothing is written into the checkout: make runs with -C and its folders pointed at tmp.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from conftest import ARTICLE_PATH, DATA, ROOT
from deck_student import Student
from legpain_docs import load_article
from legpain_docs.names import output_name
from legpain_docs.render.deck.record import record_path

ARTICLES = {"leg-foot-pain": ARTICLE_PATH, "mini": DATA / "mini.yaml", "deck-markup": DATA / "deck-markup.yaml"}
CLINIC = ROOT / "source" / "example.clinic.yaml"


def default_set(article_id: str) -> list[str]:
    return [output_name(article_id, kind) for kind in ("handout", "deck", "cards", "html")] + [text_of(article_id + ".apkg")]


def text_of(deck: str) -> str:
    """The deck's tab-separated text, written beside it."""
    return deck.removesuffix(".apkg") + ".tsv"


# Each make here runs as one typed at a shell would, not as a sub-make of `make test` (which
# runs serially): the parallel build, with its once-only check, is what users get.
TOP_LEVEL = {name: value for name, value in os.environ.items() if name not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
LIBRARY_DECK = "library.apkg"
DECKS = sorted(name for deck in [*(output_name(article_id, "deck") for article_id in ARTICLES), LIBRARY_DECK]
               for name in (deck, text_of(deck)))
DEFAULT_SET = sorted([name for article_id in ARTICLES for name in default_set(article_id)] + [LIBRARY_DECK, text_of(LIBRARY_DECK)])


class Library:
    """A source folder of articles, an output folder, and `make` run on them."""

    def __init__(self, folder: Path):
        self.source = folder / "source"
        self.out = folder / "output"
        self.source.mkdir()
        for article_id, path in ARTICLES.items():
            shutil.copy(path, self.source / f"{article_id}.yaml")
        shutil.copy(record_path(ARTICLE_PATH), self.source / "leg-foot-pain.deck-record")
        shutil.copy(CLINIC, self.source / "example.clinic.yaml")  # not an article: never built as one
        (self.source / "library.yaml").write_text("name: Clinic Library\n", encoding="utf-8")  # nor the library file

    def make(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["make", "-C", str(ROOT), f"SOURCE_DIR={self.source}", f"OUT={self.out}", *args],
                              capture_output=True, env=TOP_LEVEL, text=True)

    def files(self) -> list[str]:
        return sorted(p.name for p in self.out.iterdir() if not p.name.startswith("."))

    def mtimes(self) -> dict[str, int]:
        return {p.name: p.stat().st_mtime_ns for p in self.out.iterdir() if not p.name.startswith(".")}

    def changed_since(self, before: dict[str, int]) -> list[str]:
        return sorted(name for name, mtime in self.mtimes().items() if before.get(name) != mtime)

    def edit(self, article_id: str) -> None:
        """Make one source newer than every output, as saving it in an editor would."""
        # Now, not in the future: an output rebuilt a moment later must count as newer.
        stamp = max(time.time_ns(), max(self.mtimes().values()) + 1000)
        os.utime(self.source / f"{article_id}.yaml", ns=(stamp, stamp))


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    lib = Library(tmp_path_factory.mktemp("library"))
    result = lib.make()
    assert result.returncode == 0, result.stderr
    return lib


def test_make_builds_every_article_in_the_source_folder(library):
    assert library.files() == DEFAULT_SET


def test_make_again_rebuilds_nothing(library):
    before = library.mtimes()
    result = library.make()
    assert result.returncode == 0, result.stderr
    assert "wrote" not in result.stdout
    assert library.changed_since(before) == []


def test_a_changed_article_is_rebuilt_alone(library):
    before = library.mtimes()
    decks = {name: (library.out / name).read_bytes() for name in DECKS}
    library.edit("mini")
    result = library.make()
    assert result.returncode == 0, result.stderr
    # One command per kind of output, each given only the changed article; the decks are
    # built together (the library deck needs them all), the others' bytes unchanged.
    assert library.changed_since(before) == sorted(set(default_set("mini")) | set(DECKS))
    assert {name: (library.out / name).read_bytes() for name in DECKS if name != "mini.apkg"} == \
        {name: data for name, data in decks.items() if name != "mini.apkg"}
    assert result.stdout.count("wrote ") == len(set(default_set("mini")) | set(DECKS))


def test_the_library_deck_is_one_parent_deck_with_every_article_as_a_subdeck(library, tmp_path):
    singles = []
    for article_id in ARTICLES:
        (tmp_path / article_id).mkdir()
        student = Student(tmp_path / article_id)
        student.import_deck((library.out / output_name(article_id, "deck")).read_bytes())
        singles.append((student.col.note_count(), student.col.card_count()))
        student.col.close()
    student = Student(tmp_path)
    try:
        student.import_deck((library.out / LIBRARY_DECK).read_bytes())
        decks = {student.col.decks.name(card.did) for card in student.cards()}
        assert decks == {f"Clinic Library::{load_article(path).title}" for path in ARTICLES.values()}
        counts = (student.col.note_count(), student.col.card_count())
        assert counts == tuple(map(sum, zip(*singles)))
        for article_id in ARTICLES:  # the same notes: a single deck imported afterwards adds nothing
            log = student.import_deck((library.out / output_name(article_id, "deck")).read_bytes())
            assert (len(log.new), len(log.updated)) == (0, 0)
        assert (student.col.note_count(), student.col.card_count()) == counts
    finally:
        student.col.close()


def test_variants_have_their_own_names_and_leave_the_default_set_alone(library):
    before = library.mtimes()
    for target in ("handout-a4", "handout-large", "handout-a4-large", "cards-a4", "cards-short"):
        result = library.make(target)
        assert result.returncode == 0, result.stderr
    result = library.make("pdf", f"CLINIC={library.source / 'example.clinic.yaml'}", "PAPER=a4")
    assert result.returncode == 0, result.stderr
    variants = [
        dict(kind="handout", paper="a4"), dict(kind="handout", large=True), dict(kind="handout", paper="a4", large=True),
        dict(kind="cards", paper="a4"), dict(kind="cards", flip="short"),
        dict(kind="handout", paper="a4", clinic="example.clinic.yaml"),
    ]
    expected = {output_name(article_id, **variant) for article_id in ARTICLES for variant in variants}
    assert set(library.files()) == set(DEFAULT_SET) | expected
    assert "leg-foot-pain-handout-a4-example.pdf" in expected  # the rule, spelled out once
    assert library.changed_since(before) == sorted(expected)
    # A plain make after the variants finds the default set up to date.
    after_variants = library.mtimes()
    assert "wrote" not in library.make().stdout
    assert library.changed_since(after_variants) == []
    assert "wrote" not in library.make("handout-large").stdout


def test_source_selects_one_article_or_several(library):
    before = library.mtimes()
    library.edit("mini")
    library.edit("deck-markup")
    one = library.make("pdf", f"SOURCE={library.source / 'mini.yaml'}")
    assert one.returncode == 0, one.stderr
    assert library.changed_since(before) == [output_name("mini", "handout")]
    several = library.make("cards", f"SOURCE={library.source / 'mini.yaml'} {library.source / 'deck-markup.yaml'}")
    assert several.returncode == 0, several.stderr
    assert library.changed_since(before) == sorted([output_name("mini", "handout"), output_name("mini", "cards"),
                                                    output_name("deck-markup", "cards")])
    assert library.make().returncode == 0  # and the rest catches up


def test_a_missing_source_gets_the_tools_own_message(library):
    result = library.make("SOURCE=missing.yaml")
    assert result.returncode != 0
    assert "missing.yaml: error: no such file" in result.stderr
    assert "No rule to make target" not in result.stderr


def test_make_check_checks_every_article_and_clinic_file(library):
    result = library.make("check")
    assert result.returncode == 0, result.stderr
    checked = sorted(line.split(": ok: ")[0] for line in result.stdout.splitlines() if ": ok: " in line)
    assert checked == sorted(str(library.source / name) for name in
                             ["leg-foot-pain.yaml", "mini.yaml", "deck-markup.yaml", "example.clinic.yaml",
                              "library.yaml"])


def test_a_failed_article_keeps_its_earlier_outputs_and_the_others_are_built(library, tmp_path):
    before = library.mtimes()
    originals = {name: (library.out / name).read_bytes() for name in default_set("mini")}
    mini = library.source / "mini.yaml"
    good = mini.read_text(encoding="utf-8")
    try:
        mini.write_text(good.replace("reviewed: 2026-01-02", "reviewed: soon"), encoding="utf-8")
        library.edit("deck-markup")
        result = library.make("-k")  # -k: every kind of output tries, as a compiler would
        assert result.returncode != 0
        # Checked once before the kinds of output run side by side: said once, not by each of them.
        assert result.stderr.count(f"{mini}:3:11: error: 'reviewed' must be a date written YYYY-MM-DD, got 'soon'") == 1
        assert {name: (library.out / name).read_bytes() for name in default_set("mini")} == originals
        # The decks are all or nothing (the library deck needs every article): none was written.
        assert library.changed_since(before) == sorted(set(default_set("deck-markup")) - set(DECKS))
    finally:
        mini.write_text(good, encoding="utf-8")
    library.edit("mini")
    assert library.make().returncode == 0
    assert "wrote" not in library.make().stdout


def test_a_single_article_make_from_scratch(tmp_path):
    """SOURCE= into an empty output folder: the classic one-article build still works."""
    out = tmp_path / "out"
    result = subprocess.run(["make", "-C", str(ROOT), f"SOURCE={ARTICLE_PATH}", f"OUT={out}"], capture_output=True, env=TOP_LEVEL, text=True)
    assert result.returncode == 0, result.stderr
    # SOURCE= is a selection, not the library: no library deck.
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(default_set("leg-foot-pain"))


def test_a_deleted_or_restored_record_rebuilds_the_decks(library):
    record = library.source / "mini.deck-record"
    kept = record.read_bytes()
    record.unlink()
    assert library.make("-q", "anki").returncode == 1
    result = library.make("anki")
    assert result.returncode == 0 and "this build starts a new one" in result.stderr
    assert library.make("-q", "anki").returncode == 0
    deck = library.out / "mini.apkg"
    os.utime(deck, ns=(deck.stat().st_mtime_ns - 10 * 10**9,) * 2)
    record.write_bytes(kept)  # restored, as git checkout would: newer than the deck
    assert library.make("-q", "anki").returncode == 1
    assert library.make("anki").returncode == 0
    assert library.make("-q", "anki").returncode == 0


def test_the_library_decks_name_is_kept_in_a_record_beside_the_library_file(library):
    """Like an article's record: written by the build, and a deleted one rebuilds the decks."""
    record = library.source / "library.deck-record"
    kept = record.read_bytes()
    assert "deck\tClinic Library\n" in kept.decode("utf-8")
    record.unlink()
    assert library.make("-q", "anki").returncode == 1
    result = library.make("anki")
    assert result.returncode == 0 and f"{library.source / 'library.yaml'}: note: there is no deck record" in result.stderr
    assert record.read_bytes() == kept
    assert library.make("-q", "anki").returncode == 0


def test_two_articles_with_one_id_stop_make_before_either_overwrites_the_other(library):
    before = library.mtimes()
    copy = library.source / "a-copy.yaml"  # sorts before the original, as a careless copy may
    shutil.copy(library.source / "mini.yaml", copy)
    try:
        result = library.make()
        assert result.returncode != 0
        assert (f"two articles have the id 'mini' ({copy} {library.source / 'mini.yaml'}), so they would write "
                "the same files: give the newer one an id of its own") in result.stderr
        # A selection of the copy alone is compared with the source folder too: still refused.
        assert "two articles have the id 'mini'" in library.make(f"SOURCE={copy}").stderr
        checked = library.make("check")
        assert "overriding recipe" not in checked.stderr
        assert library.changed_since(before) == []
        checked = library.make("check")
        assert checked.returncode != 0
        assert f"{library.source / 'mini.yaml'}: error: the id 'mini' is also the id of {copy}" in checked.stderr
        assert f"{copy}: ok: " in checked.stdout  # the good files are still reported
    finally:
        copy.unlink()


def test_large_print_0_means_regular_print(library):
    before = library.mtimes()
    library.edit("mini")
    result = library.make("pdf", "LARGE_PRINT=0", f"SOURCE={library.source / 'mini.yaml'}")
    assert result.returncode == 0, result.stderr
    assert library.changed_since(before) == [output_name("mini", "handout")]
    assert library.make().returncode == 0  # and the rest catches up


def test_no_article_is_a_message_not_a_wait(tmp_path):
    """An empty or misspelt source folder, or an empty SOURCE=, is said at once (make once waited
    for its id reader's keyboard input)."""
    for args in ([f"SOURCE_DIR={tmp_path}"], ["SOURCE="], ["check", f"SOURCE_DIR={tmp_path / 'nowhere'}"]):
        result = subprocess.run(["make", "-C", str(ROOT), f"OUT={tmp_path / 'out'}", *args], capture_output=True, env=TOP_LEVEL,
                                text=True, timeout=60, stdin=subprocess.DEVNULL)
        assert result.returncode == 2 and "no article to build" in result.stderr, (args, result.stderr)
    assert not (tmp_path / "out").exists()


def test_the_id_line_is_read_as_yaml_reads_it(library):
    """`id : "x"  # note` is the id x: its outputs are named for it, and a second make does nothing."""
    odd = library.source / "odd.yaml"
    text = (library.source / "mini.yaml").read_text(encoding="utf-8")
    odd.write_text(text.replace("id: mini", 'id : "odd-spacing"  # a comment', 1).replace("title: ", "title: Odd ", 1),
                   encoding="utf-8")
    try:
        assert library.make("cards").returncode == 0
        assert (library.out / output_name("odd-spacing", "cards")).exists()
        assert "wrote" not in library.make("cards").stdout
    finally:
        odd.unlink()
        for name in default_set("odd-spacing"):
            (library.out / name).unlink(missing_ok=True)


def test_a_removed_article_leaves_the_library_deck(library, tmp_path):
    source, record = library.source / "deck-markup.yaml", library.source / "deck-markup.deck-record"
    kept = source.read_bytes(), record.read_bytes()
    source.unlink()
    record.unlink()
    try:
        result = library.make("anki")
        assert result.returncode == 0, result.stderr
        assert "wrote" in result.stdout and LIBRARY_DECK in result.stdout
        student = Student(tmp_path)
        student.import_deck((library.out / LIBRARY_DECK).read_bytes())
        decks = {student.col.decks.name(card.did) for card in student.cards()}
        student.col.close()
        assert load_article(ARTICLES["deck-markup"]).title not in {name.split("::")[-1] for name in decks}
        assert "wrote" not in library.make("anki").stdout
    finally:
        source.write_bytes(kept[0])
        record.write_bytes(kept[1])
        library.edit("deck-markup")
    assert library.make().returncode == 0


def test_a_broken_library_file_stops_the_build_once(library):
    library_file = library.source / "library.yaml"
    kept = library_file.read_text(encoding="utf-8")
    library_file.write_text("name: ''\n", encoding="utf-8")
    before = library.mtimes()
    try:
        result = library.make()
        assert result.returncode == 2
        assert result.stderr.count(f"{library_file}:1:7: error:") == 1
        assert library.changed_since(before) == []
    finally:
        library_file.write_text(kept, encoding="utf-8")
    assert library.make().returncode == 0


def test_an_article_with_more_problems_than_the_limit_stops_only_itself(library):
    """The check's closing "stopped after 50 problems" line names no source: the others still build."""
    lines = ["id: many", "title: Many Problems", "reviewed: 2026-01-02", "sections:"]
    for n in range(60):
        lines += [f"  - id: s{n}", f"    title: Section {n}", "    bogus: 1", "    items:",
                  f"      - term: Term {n}", "        definition: Text."]
    many = library.source / "many.yaml"
    many.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        library.edit("mini")
        before = library.mtimes()
        result = library.make()
        assert result.returncode == 2
        assert "stopped after 50 problems" in result.stderr
        assert set(default_set("mini")) - set(DECKS) <= set(library.changed_since(before))
        assert not any(name.startswith("many") for name in library.files())
    finally:
        many.unlink()
    assert library.make().returncode == 0
