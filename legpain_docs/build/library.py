"""`legpain-docs build`: every article of a library (or the sources named), every kind and
variant asked for, into one output folder, redoing only the outputs whose inputs changed.

Like a compiler it keeps going: a broken article is reported once, at its line:col, writes
nothing (its earlier outputs stay as they were), and the others are built. What would spoil
every output (two articles with one id, a broken clinic or library file, an output name the
file system refuses) is refused before anything is written.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, UserError
from ..names import output_name
from ..output import Inputs, check_target, write_atomically
from .decks import (
    NO_DECK,
    DeckInputs,
    deck_made_from,
    keep_parts,
    kept_parts,
    library_deck,
    library_made_from,
    prepare_decks,
    read_beside,
    stale_decks,
)
from .epoch import build_epoch, source_date_epoch
from .manifest import MANIFEST, Manifest, code_digest, digest, file_digest, hashed
from .plan import Source, duplicate_ids, identify, unique
from .registry import DEFAULT_KINDS, KINDS, LIBRARY_DECK, Options
from .sources import articles_in, library_file
from .work import Task, default_jobs, problems_of, run_all

TYPE_CHECKING = False  # (typing's costs a build with nothing to do 2 ms; checkers read any as True)
if TYPE_CHECKING:
    from concurrent.futures import Future


WRITERS = 4  # threads writing outputs


@dataclass(frozen=True)
class Request:
    """What to build: `sources` (none: every article of `source_dir`), which kinds, which variants."""

    sources: tuple[str, ...] = ()
    source_dir: str = "source"
    out_dir: str = "output"
    kinds: tuple[str, ...] = DEFAULT_KINDS
    options: Options = Options()
    library: str | None = None  # the library file; default: library.yaml in source_dir
    jobs: int = 0  # 0: one per core


@dataclass
class Build:
    """One build under way: its sources, its manifest, what it wrote and what went wrong."""

    request: Request
    out: Path
    manifest: Manifest
    code: str
    sources: list[Source]
    problems: list[Problem] = field(default_factory=list)
    written: int = 0
    writers: object = None  # the threads writing outputs to the disk
    writing: list[tuple[Future, str, str, bytes]] = field(default_factory=list)  # (write, name, made_from, bytes)
    say: Callable[[str], None] = print

    def fail(self, problems: list[Problem]) -> None:
        self.problems += [p for p in problems if p not in self.problems]  # one line per mistake, whoever met it

    def start_writers(self) -> None:
        """The threads that write the outputs: each is written (to the disk: fsync) while the next
        is made, side by side, so that the disk's journal commits several at once. Made when the
        first result comes (the decks', often, which this pool does not write), not before: the
        import of concurrent.futures (3.6 ms) then falls while the processes work, not before the
        first is forked."""
        if self.writers is None:
            from concurrent.futures import ThreadPoolExecutor

            self.writers = ThreadPoolExecutor(WRITERS)

    def write(self, name: str, made_from: str, data: bytes) -> None:
        """Write an output in a thread (`settle` records it once written)."""
        self.writing.append((self.writers.submit(write_atomically, self.out / name, data), name, made_from, data))

    def settle(self, wait: bool) -> None:
        """Record the outputs written, in the order they were made (with `wait`, all of them)."""
        while self.writing and (wait or self.writing[0][0].done()):
            written, name, made_from, data = self.writing.pop(0)
            try:
                written.result()
            except UserError as err:
                self.fail(err.problems)
                continue
            self.manifest.wrote(name, made_from, data)
            self.written += 1
            self.say(f"wrote {self.out / name} ({len(data):,} bytes)")


def build(request: Request, say: Callable[[str], None] = print) -> int:
    """Build what is out of date; the number of files written. UserError when anything failed
    (everything else was still built)."""
    source_date_epoch()  # a bad SOURCE_DATE_EPOCH is refused before any work
    selected, folder = _paths(request)
    out = Path(request.out_dir)
    if os.path.lexists(out / MANIFEST):  # a pipe or a device in its place: refused before any work, not after
        check_target(out / MANIFEST)
    manifest = Manifest.read(out)
    walked: dict[str, str | None] = {}  # each folder's pictures, read once
    by_path = {path: identify(path, manifest, walked) for path in unique(folder + selected)}
    sources = [by_path[path] for path in unique(selected) if path in by_path]
    problems = [p for s in sources for p in s.problems]
    duplicates = duplicate_ids([s for s in by_path.values() if s.ok or s.path in selected])
    if duplicates:  # refused before anything is written
        raise UserError(problems + duplicates)
    job = Build(request, out, manifest, code_digest(manifest), sources, say=say)
    job.fail(problems)
    tasks, after = _plan(job, say)
    if tasks:
        outcomes = run_all(tasks, request.jobs or default_jobs())
        # closing: an interrupt stops the processes at once, not when the collector finds the work
        try:
            with contextlib.closing(outcomes):
                for task, outcome in outcomes:
                    job.start_writers()
                    job.fail(problems_of(outcome))
                    if outcome[0] == "ok":
                        after[id(task)](outcome[1])
                    job.settle(wait=False)
        finally:
            if job.writers is not None:
                job.writers.shutdown(wait=True)  # the files under way are written, or removed
        job.settle(wait=True)
    _save(job)
    if job.problems:
        raise UserError(job.problems)
    return job.written


def _paths(request: Request) -> tuple[list[str], list[str]]:
    """The sources to build, and the articles of the source folder (whose ids they must not repeat)."""
    if request.sources:
        folder = articles_in(request.source_dir) if os.path.isdir(request.source_dir) else []
        return list(request.sources), folder
    folder = articles_in(request.source_dir)
    if not folder:
        raise UserError.at(
            request.source_dir,
            "no article to build: the folder holds no article (a *.yaml file "
            "other than *.clinic.yaml and library.yaml)",
        )
    return folder, folder


def _plan(job: Build, say: Callable[[str], None]) -> tuple[list[Task], dict]:
    """Every task out of date, and what to do with each result; refusals made before any work."""
    request, options = job.request, job.request.options
    clinic_digest = file_digest(options.clinic) if options.clinic else None
    library_path = _library_file(request)
    library_digest = file_digest(library_path) if library_path else None
    setting = os.environ.get("SOURCE_DATE_EPOCH") or None
    planned: list[tuple[Source, object, object, str, str]] = []
    # What every output of a kind and variant is made from, its source aside: hashed once.
    outputs = [
        (
            kind,
            variant,
            hashed(
                job.code,
                kind.name,
                variant.paper,
                str(variant.large),
                variant.flip,
                clinic_digest if kind.reads_clinic else None,
                library_digest if kind.reads_library else None,
                kind.environment() if kind.environment else None,
            ),
        )
        for kind in [KINDS[name] for name in request.kinds if not KINDS[name].publishes]
        for variant in kind.variants(options)
    ]
    for source in [s for s in job.sources if s.ok]:
        for kind, variant, common in outputs:
            name = kind.file_name(source.article_id, variant)
            made_from = digest(source.digest, setting, after=common)
            if not job.manifest.up_to_date(name, made_from):
                planned.append((source, kind, variant, name, made_from))
    decks = _plan_decks(job, setting) if "deck" in request.kinds else None
    if not planned and decks is None:
        return [], {}
    clinic = _clinic(options.clinic) if options.clinic and any(k.reads_clinic for _, k, *_ in planned) else None
    library = _library(library_path) if library_path and any(k.reads_library for _, k, *_ in planned) else None
    for source, *_ in planned:
        source.load()
    job.fail([p for s, *_ in planned for p in s.problems])
    planned = [entry for entry in planned if entry[0].article is not None]
    _make_folder(job.out)
    inputs = Inputs(_inputs(job))
    for *_, name, _ in planned:
        check_target(job.out / name, inputs=inputs)
    from ..review import scheduled  # here: a build with nothing to do never needs it

    tasks, after = [], {}
    if decks is not None:
        tasks.append(decks[0])
        after[id(decks[0])] = decks[1]
    for source, kind, variant, name, made_from in planned:
        article = scheduled(source.article, library) if kind.reads_library else source.article
        task = Task(
            kind.render, (article, variant, clinic, build_epoch(article)), source.path, options.clinic, (kind.module,)
        )
        tasks.append(task)
        after[id(task)] = _writer(job, name, made_from)
    return tasks, after


def _writer(job: Build, name: str, made_from: str) -> Callable[[bytes], None]:
    def write(data: bytes) -> None:
        job.write(name, made_from, data)

    return write


def _library_file(request: Request) -> str | None:
    """The library file: the one named, else the source folder's when it has one."""
    if request.library:
        return request.library
    path = library_file(request.source_dir)
    return path if os.path.exists(path) else None


def _library(path: str):
    from ..load.walk import load_library

    return load_library(path)


def _plan_decks(job: Build, setting: str | None):
    """The decks' task and what to do with its release; None when every deck is up to date."""
    whole = not job.request.sources
    library_path = (job.request.library or library_file(job.request.source_dir)) if whole else None
    inputs = DeckInputs(job.code, setting, library_path)
    good = [s for s in job.sources if s.ok]
    before = read_beside(good, job.manifest)  # each record and release notes read once, for every question
    if whole:
        job.manifest.forget_unasked()  # the whole library asked: the digests of files no article has now go
    stale, library_stale, up_to_date = stale_decks(inputs, good, job.manifest, before)
    if not stale and not library_stale:
        return None
    # An article whose deck is up to date gives the library deck the part the last build kept.
    parts = kept_parts(job.out, up_to_date) if library_stale and whole else {}
    for source in good:
        if source.path not in parts:
            source.load()
    if any(not s.ok for s in job.sources):
        job.fail([Problem("legpain-docs", None, None, NO_DECK)])
        return None
    library = library_deck(job.out, library_path) if library_stale else None
    entries = [(s.path, None if s.path in parts else s.article, parts.get(s.path)) for s in job.sources]
    task = Task(
        prepare_decks,
        (entries, job.out, stale, library, _inputs(job, records=False)),
        job.sources[0].path,
        modules=(KINDS["deck"].module,),
    )

    def publish(release) -> None:
        from ..render.deck.publishing import publish_release

        try:
            publish_release(release)
        except UserError as err:
            job.fail(err.problems)
            return
        job.written += len(release.decks) + len(release.records) + bool(release.library_deck)
        # Now that the records are written: those of the articles published again (a kept part's are as they were).
        read = {**before, **read_beside([s for s in job.sources if s.path not in parts], job.manifest)}
        for path, data in [*release.decks, *([release.library_deck] if release.library_deck else [])]:
            name = Path(path).name
            deck = name.removesuffix(".tsv") + ".apkg" if name.endswith(".tsv") else name  # a deck's text: as its deck
            made_from = (
                library_made_from(inputs, job.sources, read)
                if deck == LIBRARY_DECK and whole
                else deck_made_from(
                    inputs, next(s for s in job.sources if output_name(s.article_id, "deck") == deck), read
                )
            )
            job.manifest.wrote(name, made_from, data)
        if whole and release.library_deck:  # keyed by what each deck is made from now that its record is written
            sources = {s.path: s for s in job.sources}
            made = {deck_made_from(inputs, sources[path], read): data for path, data in release.parts}
            keep_parts(job.out, made, set(up_to_date.values()))

    return task, publish


def _clinic(path: str):
    from ..load.walk import load_clinic

    return load_clinic(path)


def _inputs(job: Build, records: bool = True) -> list[str]:
    """Every file the build reads: no output may replace one (nor a deck record, but the decks' own)."""
    from ..names import record_path

    files = [s.path for s in job.sources] + [str(record_path(s.path)) for s in job.sources if records]
    return files + [p for p in (job.request.options.clinic, job.request.library) if p]


def _make_folder(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UserError.at(str(out), f"cannot make the output folder: {(err.strerror or str(err)).lower()}") from None


def _save(job: Build) -> None:
    """The manifest, with each built source's id (so that the next build need not read it)."""
    if not job.out.is_dir():
        return
    for source in job.sources:
        if source.ok:
            job.manifest.knew(source.path, source.digest, source.article_id, source.stat)
    if job.manifest.read_as and not job.manifest.changed:  # nothing to say: not even written out
        return
    text = job.manifest.text()
    if text == job.manifest.read_as:
        return
    try:
        # Not synced: after a crash, an old manifest only has the outputs it does not describe
        # rebuilt (their bytes are not those it recorded), and an empty one all of them.
        write_atomically(job.out / MANIFEST, text, sync=False)
    except UserError as err:
        job.fail(err.problems)
