"""`legpain-docs build`: a library's every output, and again only what a change touches.

A temporary library of three articles (the seed and two fixtures), a clinic file and a library
file is built once for the module; each test changes one thing, builds again, and looks at which
files were written. The build runs as users run it: a real process, with its pool of processes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from legpain_docs.build import manifest as manifest_module
from legpain_docs.build.manifest import MANIFEST, RECENT_NS, Manifest, code_digest, file_digest, stat_key
from legpain_docs.build.registry import DEFAULT_KINDS, KINDS, LIBRARY_DECK, Options
from legpain_docs.names import output_name
from legpain_docs.render.deck.record import record_path

from tests.conftest import ARTICLE_PATH, DATA, ROOT

ARTICLES = {"leg-foot-pain": ARTICLE_PATH, "mini": DATA / "mini.yaml", "deck-markup": DATA / "deck-markup.yaml"}
CLINIC = ROOT / "source" / "example.clinic.yaml"
ENVIRONMENT = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1790000000"}


def default_set(article_id: str) -> list[str]:
    """An article's outputs: handout, deck (and its .tsv text), cards, web page."""
    return [output_name(article_id, kind) for kind in ("handout", "deck", "cards", "html")] + [f"{article_id}.tsv"]


DECKS = sorted(
    name
    for deck in [*(output_name(article_id, "deck") for article_id in ARTICLES), LIBRARY_DECK]
    for name in (deck, deck.removesuffix(".apkg") + ".tsv")
)  # each deck with its .tsv text
DEFAULT_SET = sorted(
    [name for article_id in ARTICLES for name in default_set(article_id)] + [LIBRARY_DECK, "library.tsv"]
)


class Library:
    """A source folder of articles, an output folder, and `legpain-docs build` run on them."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.source = folder / "source"
        self.out = folder / "output"
        self.source.mkdir()
        for article_id, path in ARTICLES.items():
            shutil.copy(path, self.source / f"{article_id}.yaml")
        shutil.copy(record_path(ARTICLE_PATH), self.source / "leg-foot-pain.deck-record")
        shutil.copy(CLINIC, self.source / "example.clinic.yaml")  # not an article: never built as one
        (self.source / "library.yaml").write_text("name: Clinic Library\n", encoding="utf-8")  # nor the library file

    def build(self, *args: str, jobs: str = "2") -> subprocess.CompletedProcess:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "legpain_docs",
                "build",
                "--source-dir",
                str(self.source),
                "--out-dir",
                str(self.out),
                "--jobs",
                jobs,
                *args,
            ],
            capture_output=True,
            env=ENVIRONMENT,
            text=True,
            cwd=self.folder,
            timeout=300,
        )

    def files(self) -> list[str]:
        return sorted(p.name for p in self.out.iterdir() if not p.name.startswith("."))

    def snapshot(self) -> dict[str, tuple[int, bytes]]:
        return {
            p.name: (p.stat().st_mtime_ns, p.read_bytes())
            for p in self.out.iterdir()
            if not p.name.startswith(".") and p.is_file()
        }

    def written_since(self, before: dict[str, tuple[int, bytes]]) -> list[str]:
        return sorted(name for name, (mtime, _) in self.snapshot().items() if before.get(name, (None,))[0] != mtime)


def wrote(result: subprocess.CompletedProcess) -> list[str]:
    """The files the build says it wrote, by name."""
    return sorted(Path(line.split()[1]).name for line in result.stdout.splitlines() if line.startswith("wrote "))


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    lib = Library(tmp_path_factory.mktemp("library"))
    result = lib.build()
    assert result.returncode == 0, result.stderr
    return lib


def test_build_writes_every_kind_of_every_article_and_the_library_deck(library):
    assert library.files() == DEFAULT_SET
    assert DEFAULT_KINDS == ("handout", "cards", "html", "deck")  # what the default set is made of


def test_a_second_build_writes_nothing(library):
    before = library.snapshot()
    result = library.build()
    assert result.returncode == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "")
    assert library.written_since(before) == []


def test_a_changed_article_rebuilds_its_outputs_its_deck_and_the_library_deck(library):
    mini = library.source / "mini.yaml"
    kept = mini.read_bytes()
    before = library.snapshot()
    try:
        mini.write_text(kept.decode().replace("The first letter.", "The first letter, changed."), encoding="utf-8")
        result = library.build()
        assert result.returncode == 0, result.stderr
        assert wrote(result) == sorted(default_set("mini") + [LIBRARY_DECK, "library.tsv"])
        assert library.written_since(before) == sorted(default_set("mini") + [LIBRARY_DECK, "library.tsv"])
        assert f"updated {library.source / 'mini.deck-record'}" in result.stdout
    finally:
        mini.write_bytes(kept)
    assert library.build().returncode == 0


def test_a_changed_article_whose_library_deck_cannot_be_written_publishes_no_deck(tmp_path):
    """The decks of one changed article and the library deck are published together: a library
    deck that cannot be written leaves the article's deck and record as they were (its other
    outputs are built)."""
    library = Library(tmp_path)
    assert library.build().returncode == 0
    mini, record = library.source / "mini.yaml", library.source / "mini.deck-record"
    mini.write_text(
        mini.read_text(encoding="utf-8").replace("The first letter.", "The first letter, changed."), encoding="utf-8"
    )
    (library.out / LIBRARY_DECK).unlink()
    (library.out / LIBRARY_DECK).mkdir()  # a folder in its place
    before, record_before = library.snapshot(), record.read_bytes()
    result = library.build()
    assert result.returncode == 2
    assert f"{library.out / LIBRARY_DECK}: error: " in result.stderr
    assert record.read_bytes() == record_before
    written = library.written_since(before)
    assert "mini.apkg" not in written and "mini.tsv" not in written and "library.tsv" not in written
    assert "mini-handout.pdf" in written


def test_a_touched_but_unchanged_article_rebuilds_nothing(library):
    """Content, not time: a checkout that touches a file without changing it costs nothing."""
    before = library.snapshot()
    os.utime(library.source / "mini.yaml")
    result = library.build()
    assert result.returncode == 0, result.stderr
    assert wrote(result) == [] and library.written_since(before) == []


def test_an_article_changed_behind_its_old_size_and_time_is_rebuilt(library):
    """A build reads again only a source whose size, times and inode changed: a change that keeps
    the size and sets the old modification time back (`cp -p` of an older copy) still moves its
    change time, and is rebuilt."""
    mini = library.source / "mini.yaml"
    kept, info = mini.read_bytes(), mini.stat()
    before = library.snapshot()
    try:
        with open(mini, "r+b") as file:  # the same file, the same size, one letter changed
            file.write(kept.replace(b"The first letter.", b"The first lettre."))
        os.utime(mini, ns=(info.st_atime_ns, info.st_mtime_ns))
        assert (mini.stat().st_size, mini.stat().st_mtime_ns, mini.stat().st_ino) == (
            info.st_size,
            info.st_mtime_ns,
            info.st_ino,
        )
        result = library.build()
        assert result.returncode == 0, result.stderr
        assert library.written_since(before) == sorted(default_set("mini") + [LIBRARY_DECK, "library.tsv"])
    finally:
        mini.write_bytes(kept)
    assert library.build().returncode == 0


def test_a_source_is_read_again_unless_its_size_times_and_inode_are_those_it_was_read_with(tmp_path):
    source = tmp_path / "a.yaml"
    source.write_bytes(b"title: one\n")
    info = source.stat()
    read = {str(source): ["its digest", "a", stat_key(info)]}
    assert (
        Manifest(tmp_path, sources=read, written_ns=info.st_ctime_ns + 2 * RECENT_NS).known_digest(str(source), info)
        == "its digest"
    )
    # Written just after the manifest's reading of it: perhaps changed within the clock's tick.
    assert (
        Manifest(tmp_path, sources=read, written_ns=info.st_ctime_ns + RECENT_NS // 2).known_digest(str(source), info)
        is None
    )
    time.sleep(0.05)  # past a coarse clock's tick
    with open(source, "r+b") as file:  # the same size, its modification time set back
        file.write(b"title: two\n")
    os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert (
        Manifest(tmp_path, sources=read, written_ns=info.st_ctime_ns + 2 * RECENT_NS).known_digest(
            str(source), source.stat()
        )
        is None
    )


def test_a_record_digest_is_kept_while_the_file_is_the_one_read(tmp_path, monkeypatch):
    record = tmp_path / "a.deck-record"
    record.write_bytes(b"one\n")
    manifest = Manifest(tmp_path)
    # Changed just now: perhaps changed again within the clock's tick, so never kept.
    assert manifest.file_digest(str(record)) == file_digest(record)
    assert manifest.files == {} and not manifest.changed
    monkeypatch.setattr(manifest_module, "RECENT_NS", 10_000_000)  # 10 ms, not a second
    time.sleep(0.05)
    assert manifest.file_digest(str(record)) == file_digest(record)
    assert manifest.files == {str(record): [file_digest(record), stat_key(record.stat())]} and manifest.changed
    manifest.files[str(record)][0] = "kept"
    assert manifest.file_digest(str(record)) == "kept"  # the stat alone answers: the file is not read
    info = record.stat()
    with open(record, "r+b") as file:  # the same size, its modification time set back: its change time moves
        file.write(b"two\n")
    os.utime(record, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert manifest.file_digest(str(record)) == file_digest(record) != "kept"
    assert str(record) not in manifest.files  # changed just now: no longer kept
    record.unlink()
    assert manifest.file_digest(str(record)) == file_digest(record)  # a missing file is named, not kept


def test_the_code_digest_is_kept_while_every_file_of_the_package_is_the_one_read(tmp_path, monkeypatch):
    (tmp_path / "render").mkdir()
    (tmp_path / "a.py").write_text("A = 1\n")
    (tmp_path / "render" / "style.css").write_text("p {}\n")
    monkeypatch.setattr(manifest_module, "PACKAGE", tmp_path)
    monkeypatch.setattr(manifest_module, "RECENT_NS", 10_000_000)
    time.sleep(0.05)
    manifest = Manifest(tmp_path)
    first = code_digest(manifest)
    assert first == code_digest() and manifest.code[1] == first
    manifest.code[1] = "kept"
    assert code_digest(manifest) == "kept"  # every file's stat is the one read: none is read again
    (tmp_path / "render" / "style.css").write_text("q {}\n")  # the same size
    assert code_digest(manifest) == code_digest() != first
    (tmp_path / "b.py").write_text("")
    assert code_digest(manifest) == code_digest() not in (first, "kept")


def test_a_damaged_manifest_keeps_only_its_well_made_digests(tmp_path):
    record = [64 * "0", [1, 2, 3, 4, 5]]
    damaged = {"format": 1, "outputs": {}, "sources": {}, "files": {"a": record, "b": 3, "c": ["x", ["y"]]}, "code": 5}
    (tmp_path / MANIFEST).write_text(json.dumps(damaged))
    manifest = Manifest.read(tmp_path)
    assert manifest.files == {"a": record} and manifest.code == []
    outputs = {"a.pdf": {"made_from": "m"}}
    (tmp_path / MANIFEST).write_text(json.dumps({**damaged, "outputs": outputs, "files": None}))
    manifest = Manifest.read(tmp_path)  # the digests' table alone is lost, not what the outputs were made from
    assert manifest.files == {} and manifest.outputs == outputs


def test_a_whole_librarys_build_forgets_the_digests_of_files_no_article_has(tmp_path, monkeypatch):
    kept, gone = tmp_path / "a.deck-record", tmp_path / "gone.deck-record"
    for path in (kept, gone):
        path.write_bytes(b"record\n")
    monkeypatch.setattr(manifest_module, "RECENT_NS", 10_000_000)
    time.sleep(0.05)
    manifest = Manifest(tmp_path)
    for path in (kept, gone):
        manifest.file_digest(str(path))
    manifest = Manifest(tmp_path, files=dict(manifest.files))  # the next build: asked for `kept` alone
    manifest.file_digest(str(kept))
    assert sorted(manifest.files) == sorted([str(kept), str(gone)]) and not manifest.changed
    manifest.forget_unasked()
    assert manifest.files == {str(kept): [file_digest(kept), stat_key(kept.stat())]} and manifest.changed
    manifest.forget_unasked()
    assert list(manifest.files) == [str(kept)]


def test_a_deleted_or_edited_output_is_rebuilt_alone(library):
    cards = library.out / output_name("deck-markup", "cards")
    good = cards.read_bytes()
    cards.unlink()
    html = library.out / output_name("mini", "html")
    html.write_text("edited by hand", encoding="utf-8")
    result = library.build()
    assert result.returncode == 0, result.stderr
    assert wrote(result) == sorted([cards.name, html.name])
    assert cards.read_bytes() == good


def test_a_changed_clinic_file_rebuilds_only_the_clinics_outputs(library):
    clinic = library.source / "example.clinic.yaml"
    result = library.build("--clinic", str(clinic))
    assert result.returncode == 0, result.stderr
    clinics = sorted(output_name(a, kind, clinic=clinic) for a in ARTICLES for kind in ("handout", "html"))
    assert wrote(result) == clinics  # the default set, the cards and the decks are up to date already
    kept = clinic.read_bytes()
    before = library.snapshot()
    try:
        clinic.write_text(kept.decode().replace("Riverside", "Riverbank"), encoding="utf-8")
        result = library.build("--clinic", str(clinic))
        assert result.returncode == 0, result.stderr
        assert library.written_since(before) == clinics
        assert wrote(library.build()) == []  # the default set does not use the clinic file
    finally:
        clinic.write_bytes(kept)
    assert library.build("--clinic", str(clinic)).returncode == 0


def test_a_changed_library_file_rebuilds_what_reads_it(library):
    """The library deck (its name), the handouts and web pages (its review interval dates the next
    review); not the cards nor the articles' decks."""
    library_file = library.source / "library.yaml"
    before = library.snapshot()
    try:
        library_file.write_text("name: Another Name\n", encoding="utf-8")
        result = library.build()
        assert result.returncode == 0, result.stderr
        readers = sorted(
            [LIBRARY_DECK, "library.tsv"] + [output_name(a, kind) for a in ARTICLES for kind in ("handout", "html")]
        )
        assert wrote(result) == readers
        assert "Clinic Library" in result.stderr  # the recorded name is kept, and the note says so
        assert {n: library.snapshot()[n][1] for n in readers} == {n: before[n][1] for n in readers}
    finally:
        library_file.write_text("name: Clinic Library\n", encoding="utf-8")
    assert library.build().returncode == 0


def test_a_deleted_record_rebuilds_that_articles_deck_and_the_library_deck(library):
    record = library.source / "deck-markup.deck-record"
    kept = record.read_bytes()
    record.unlink()
    result = library.build()
    assert result.returncode == 0, result.stderr
    assert wrote(result) == sorted([output_name("deck-markup", "deck"), "deck-markup.tsv", LIBRARY_DECK, "library.tsv"])
    assert "this build starts a new one" in result.stderr
    assert record.read_bytes() == kept  # SOURCE_DATE_EPOCH: the same times as the first build gave
    assert wrote(library.build()) == []


def test_a_broken_article_is_reported_once_and_the_others_are_built(library):
    mini, markup = library.source / "mini.yaml", library.source / "deck-markup.yaml"
    kept = mini.read_bytes(), markup.read_bytes()
    before = library.snapshot()
    try:
        mini.write_text(kept[0].decode().replace("reviewed: 2026-01-02", "reviewed: soon"), encoding="utf-8")
        markup.write_text(kept[1].decode() + "\n", encoding="utf-8")  # changed, still good
        result = library.build()
        assert result.returncode == 2
        line = f"{mini}:3:11: error: 'reviewed' must be a date written YYYY-MM-DD, got 'soon'"
        assert result.stderr.count(line) == 1 and "Traceback" not in result.stderr
        assert "no deck was built" in result.stderr  # the library deck holds every article
        # The broken article's earlier outputs are byte-identical; the good one's handout, cards and page are built.
        assert library.written_since(before) == sorted(set(default_set("deck-markup")) - set(DECKS))
        assert {n: library.snapshot()[n][1] for n in default_set("mini")} == {
            n: before[n][1] for n in default_set("mini")
        }
        assert library.build().returncode == 2  # still broken: said again, still nothing of it written
    finally:
        mini.write_bytes(kept[0])
        markup.write_bytes(kept[1])
    assert library.build().returncode == 0


def test_two_articles_with_one_id_are_refused_before_anything_is_written(library):
    copy = library.source / "a-copy.yaml"  # sorts before the original, as a careless copy may
    shutil.copy(library.source / "mini.yaml", copy)
    before = library.snapshot()
    try:
        for args in ([], [str(copy)]):  # a selection of the copy alone is compared with the folder too
            result = library.build(*args)
            assert result.returncode == 2
            assert result.stderr == (
                f"{library.source / 'mini.yaml'}: error: the id 'mini' is also the id of {copy}: the "
                "two would write the same files; give the new article an id of its own (a "
                "published article's id never changes)\n"
            )
        assert library.written_since(before) == []
    finally:
        copy.unlink()


def test_a_name_with_spaces_and_quotes_builds(library, tmp_path):
    odd = Library(tmp_path)
    for path in odd.source.glob("*.yaml"):
        if path.name not in ("mini.yaml", "library.yaml"):
            path.unlink()
    (odd.source / "mini.yaml").rename(odd.source / "my mini; 'article' $(x).yaml")
    result = odd.build()
    assert result.returncode == 0, result.stderr
    assert odd.files() == sorted(default_set("mini") + [LIBRARY_DECK, "library.tsv"])
    assert (odd.source / "my mini; 'article' $(x).deck-record").is_file()


def test_a_selection_builds_those_articles_and_no_library_deck(tmp_path):
    lib = Library(tmp_path)
    result = lib.build(str(lib.source / "mini.yaml"), "--kind", "handout", "--kind", "deck")
    assert result.returncode == 0, result.stderr
    assert lib.files() == sorted([output_name("mini", "handout"), output_name("mini", "deck"), "mini.tsv"])


def test_every_variant_has_its_own_name_and_the_default_set_is_left_alone(library):
    before = library.snapshot()
    result = library.build("--all-variants")
    assert result.returncode == 0, result.stderr
    variants = [
        dict(kind="handout", paper="a4"),
        dict(kind="handout", large=True),
        dict(kind="handout", paper="a4", large=True),
        dict(kind="cards", paper="a4"),
        dict(kind="cards", flip="short"),
        dict(kind="cards", paper="a4", flip="short"),
    ]
    expected = sorted(output_name(article_id, **variant) for article_id in ARTICLES for variant in variants)
    assert wrote(result) == expected
    assert library.written_since(before) == expected
    assert wrote(library.build("--all-variants")) == [] and wrote(library.build()) == []


def test_outputs_are_those_of_the_single_commands_and_the_same_with_one_job_or_several(tmp_path):
    """The build adds no byte of its own: each file is what `pdf`, `cards`, `html` and `anki` write."""
    for name in ("alone", "serial", "parallel"):
        (tmp_path / name).mkdir()
    alone = Library(tmp_path / "alone")
    sources = [str(alone.source / f"{a}.yaml") for a in sorted(ARTICLES)]
    for command in (
        ["pdf"],
        ["cards"],
        ["html"],
        ["anki", "--library-deck", str(alone.out / LIBRARY_DECK), "--library", str(alone.source / "library.yaml")],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "legpain_docs", command[0], *sources, "--out-dir", str(alone.out), *command[1:]],
            capture_output=True,
            env=ENVIRONMENT,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
    serial, parallel = Library(tmp_path / "serial"), Library(tmp_path / "parallel")
    assert serial.build(jobs="1").returncode == 0 and parallel.build(jobs="3").returncode == 0
    for name in DEFAULT_SET:
        assert (
            (alone.out / name).read_bytes() == (serial.out / name).read_bytes() == (parallel.out / name).read_bytes()
        ), name


def test_an_output_name_the_file_system_refuses_is_reported_before_any_work(library, tmp_path):
    clinic = tmp_path / ("x" * 235 + ".clinic.yaml")  # a name that fits; the handout's, 261 bytes, does not
    shutil.copy(CLINIC, clinic)
    before = library.snapshot()
    result = library.build("--clinic", str(clinic))
    assert result.returncode == 2
    assert "cannot write: the file name is" in result.stderr and "Traceback" not in result.stderr
    assert library.written_since(before) == []


def test_an_output_that_cannot_be_written_stops_the_build_before_any_work(library):
    before = library.snapshot()
    mini = library.source / "mini.yaml"
    kept = mini.read_bytes()
    blocked = library.out / output_name("mini", "html")
    blocked.unlink()
    blocked.mkdir()  # a folder where the page goes
    try:
        mini.write_bytes(kept + b"\n")
        result = library.build()
        assert result.returncode == 2
        assert result.stderr == f"{blocked}: error: cannot write: is a directory\n"
        assert {n: library.snapshot()[n][1] for n in before if n != blocked.name} == {
            n: data for n, (_, data) in before.items() if n != blocked.name
        }
    finally:
        blocked.rmdir()
        mini.write_bytes(kept)
    assert library.build().returncode == 0


def test_check_finds_what_a_build_would_refuse_and_writes_nothing(tmp_path):
    lib = Library(tmp_path)
    shutil.copy(lib.source / "mini.yaml", lib.source / "a-copy.yaml")
    result = lib.build("--check")
    assert result.returncode == 2
    assert (
        f"{lib.source / 'mini.yaml'}: error: the id 'mini' is also the id of {lib.source / 'a-copy.yaml'}"
        in result.stderr
    )
    assert f"{lib.source / 'example.clinic.yaml'}: ok: clinic" in result.stdout
    assert f"{lib.source / 'library.yaml'}: ok: library" in result.stdout
    assert not lib.out.exists()


def test_clean_removes_the_built_files_and_nothing_else(tmp_path):
    lib = Library(tmp_path)
    assert lib.build("--kind", "html").returncode == 0
    (lib.out / "notes.txt").write_text("mine", encoding="utf-8")
    result = lib.build("--clean")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in lib.out.iterdir()) == ["notes.txt"]
    assert lib.build("--clean").returncode == 0  # nothing left to remove is no error


def test_a_kinds_variants_are_the_combinations_of_what_it_varies_by():
    every = Options(every=True)
    assert len(KINDS["handout"].variants(every)) == 4 and len(KINDS["cards"].variants(every)) == 4
    assert len(KINDS["html"].variants(every)) == 1 and len(KINDS["deck"].variants(every)) == 1


def test_the_manifest_is_hidden_in_the_output_folder(library):
    assert (library.out / MANIFEST).is_file() and MANIFEST.startswith(".")


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_and_variant_in_the_registry_is_reproducible(tmp_path, kind):
    """The one reproducibility test: it walks the registry, so a kind added there is checked here
    with no test of its own. Two processes that share nothing (hash seed, time zone), with no
    SOURCE_DATE_EPOCH, as a clinic builds: each output is dated by its article's review."""
    lib = Library(tmp_path)
    outputs = []
    quiet = {name: value for name, value in ENVIRONMENT.items() if name != "SOURCE_DATE_EPOCH"}
    for out, seed, zone in (("first", "1", "UTC"), ("second", "4242", "Pacific/Kiritimati")):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "legpain_docs",
                "build",
                "--source-dir",
                str(lib.source),
                "--out-dir",
                str(tmp_path / out),
                "--kind",
                kind,
                "--all-variants",
                "--clinic",
                str(CLINIC),
            ],
            capture_output=True,
            env=quiet | {"PYTHONHASHSEED": seed, "TZ": zone},
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        outputs.append({p.name: p.read_bytes() for p in (tmp_path / out).iterdir() if not p.name.startswith(".")})
    assert outputs[0] == outputs[1]
    # The decks: each article's and the library's, each with its .tsv text.
    per_output = 2 if KINDS[kind].publishes else 1
    assert len(outputs[0]) == per_output * (
        len(ARTICLES) * len(KINDS[kind].variants(Options(every=True, clinic=str(CLINIC))))
        + (1 if KINDS[kind].publishes else 0)
    )


@pytest.mark.parametrize("kind", ["pipe", "device"])
def test_a_manifest_that_is_not_a_file_is_refused_not_waited_on(tmp_path, kind):
    """The manifest is read as a source is: a named pipe in its place once hung the build for ever,
    and a link to /dev/zero filled the memory until the kernel killed it."""
    lib = Library(tmp_path)
    lib.out.mkdir()
    manifest = lib.out / MANIFEST
    os.mkfifo(manifest) if kind == "pipe" else manifest.symlink_to("/dev/zero")
    result = lib.build("--kind", "html")
    what = "a named pipe" if kind == "pipe" else "a device"
    assert result.returncode == 2 and result.stderr.splitlines() == [
        f"{manifest}: error: cannot write: is {what}, not a regular file; name a new file"
    ]
    assert sorted(p.name for p in lib.out.iterdir()) == [MANIFEST]  # refused before any work: nothing written


def test_a_new_liblouis_rebuilds_the_braille_and_nothing_else(tmp_path, monkeypatch):
    """liblouis is Debian's, outside the pinned libraries: its version is part of what the braille
    is made from, so an upgrade (here, a version said otherwise) rebuilds the braille editions."""
    from dataclasses import replace

    from legpain_docs.build.library import Request, build
    from legpain_docs.render.braille.louis import version

    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(ARTICLE_PATH, source / ARTICLE_PATH.name)
    request = Request(source_dir=str(source), out_dir=str(tmp_path / "out"), kinds=("braille", "emboss-guide", "html"))
    assert KINDS["braille"].environment() == f"liblouis {version()}"
    assert build(request, say=lambda line: None) == 3
    assert build(request, say=lambda line: None) == 0
    for name in ("braille", "emboss-guide"):
        monkeypatch.setitem(KINDS, name, replace(KINDS[name], environment=lambda: "liblouis 99.0.0"))
    written: list[str] = []
    assert build(request, say=written.append) == 2
    assert sorted(Path(line.split()[1]).name for line in written) == ["leg-foot-pain-emboss.txt", "leg-foot-pain.brf"]
