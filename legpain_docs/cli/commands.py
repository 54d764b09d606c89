"""The `legpain-docs` command: parses arguments, calls the loader and a renderer, reports.

Renderers are imported inside their subcommand, so `check` and `schema` never pay for
reportlab or genanki. Every subcommand takes several sources and renders them in one
process, so a library of articles pays for Python and the imports once.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from ..errors import MAX_PROBLEMS, ContentError, Problem, UserError
from ..load.walk import load_article, load_clinic
from ..model import Article, Clinic
from ..names import output_name
from ..output import check_target, write_atomically

# The last second a PDF date (four-digit year) can hold: 9999-12-31T23:59:59Z.
LATEST_EPOCH = 253_402_300_799


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    # A terminated build unwinds like an interrupted one, so no temporary file is left behind.
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        if getattr(args, "output", None) is not None and len(args.sources) > 1:
            raise UserError.at("legpain-docs", f"-o names one file, but {len(args.sources)} sources were given: "
                                               "leave it out (each source gets its own name in output/) or use --out-dir DIR")
        return args.run(args) or 0
    except UserError as err:
        _report(err)
        return 2
    except KeyboardInterrupt:
        print("legpain-docs: interrupted; no output was changed", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of stdout stopped reading (`legpain-docs schema | head`): what it read is
        # what it wanted. Point stdout at nothing so that Python's final flush fails quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)


def _report(err: UserError) -> None:
    """Every file's problems, at most MAX_PROBLEMS of each (the rest are mostly echoes)."""
    shown: dict[str, int] = {}
    for problem in err.problems:
        shown[problem.path] = shown.get(problem.path, 0) + 1
        if shown[problem.path] <= MAX_PROBLEMS:
            print(problem, file=sys.stderr)
    if err.stopped or max(shown.values(), default=0) > MAX_PROBLEMS:
        print(f"legpain-docs: error: stopped after {MAX_PROBLEMS} problems; fix these and run again", file=sys.stderr)


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_check(args: argparse.Namespace) -> None:
    """Check every source, and the clinic files when given: every problem of all in one run."""
    problems, lines, stopped, seen, articles = [], [], False, {}, []
    for source in args.sources:
        try:
            article = _load_once(source, seen)
            articles.append((source, article))
            items = sum(len(s.items) for s in article.sections)
            lines.append(f"{source}: ok: '{article.title}', {len(article.sections)} sections, {items} items")
        except UserError as err:
            problems, stopped = problems + err.problems, stopped or err.stopped
    for path in args.clinic:
        try:
            lines.append(f"{path}: ok: clinic '{load_clinic(path).name}'")
        except UserError as err:
            problems, stopped = problems + err.problems, stopped or err.stopped
    library = None
    if args.library:
        from ..load.walk import load_library

        try:
            library = load_library(args.library)
            lines.append(f"{args.library}: ok: library '{library.name}'")
        except UserError as err:
            problems, stopped = problems + err.problems, stopped or err.stopped
    try:  # two decks of one name: Anki would merge them (the anki command refuses them too)
        _refuse_one_deck_name_twice(_deck_names(articles))
    except UserError as err:
        problems += err.problems
    if lines and not args.quiet:  # the good files too, so one bad file hides nothing
        print("\n".join(lines))
    problems += _check_reviews(args, articles, library)
    if problems:
        raise UserError(problems, stopped=stopped)


def _check_reviews(args: argparse.Namespace, articles: list[tuple[str, Article]], library) -> list[Problem]:
    """Warn of each review overdue or due soon, then, with --summary, print the review and PEMAT-P
    summaries of the articles checked; return the overdue reviews as problems under --strict."""
    from ..review import review_problem, scheduled, standing, summary, today

    day = today(args.today)
    articles = [(source, scheduled(article, library)) for source, article in articles]
    found = [problem for source, article in articles if (problem := review_problem(source, article, day, args.strict))]
    for problem in found:
        if problem.severity == "warning":
            print(problem, file=sys.stderr)
    if articles and args.summary and not args.quiet:  # the library's standing, as `make check` shows it
        print(summary([standing(article, day) for _, article in articles]))
        print(_pemat_summary(articles))
    return [problem for problem in found if problem.severity == "error"]


def _pemat_summary(articles: list[tuple[str, Article]]) -> str:
    """One line for the library: what the PEMAT-P rules found (the reading grade aside, which `readability` gives)."""
    from ..load.positions import positions_of
    from ..pemat import audit

    found = [audit(article, positions_of(source), grade=False).findings for source, article in articles]
    flagged = sum(bool(findings) for findings in found)
    return (f"PEMAT-P: {sum(map(len, found))} finding(s) to look at in {flagged} of {len(found)} article(s): "
            "`legpain-docs pemat SOURCE` for the audit")


def run_readability(args: argparse.Namespace) -> int:
    """The reading-level report of each source; status 3 when any is above the target grade."""
    from ..load.positions import positions_of
    from ..readability.report import report

    problems, articles = [], []
    for source in args.sources:
        try:
            articles.append((source, load_article(source)))
        except UserError as err:
            problems += err.problems
    if problems:
        raise UserError(problems)
    above = False
    for source, article in articles:
        lines, verdict, over = report(source, article, positions_of(source), args.max_grade)
        print(verdict if args.summary else "\n".join(lines))
        above |= over
    return 3 if above else 0


def run_schema(args: argparse.Namespace) -> None:
    from ..load.schema import schema_text

    sys.stdout.write(schema_text(args.which))


def run_pdf(args: argparse.Namespace) -> None:
    clinic, library = _clinic(args), _library(args)
    from ..render.handout import render_handout
    from ..review import scheduled

    def build(article: Article) -> None:
        article = scheduled(article, library)
        name = output_name(article.id, "handout", paper=args.paper, large=args.large_print, clinic=args.clinic)
        out = _target(args, name)
        _write(out, render_handout(article, paper=args.paper, large_print=args.large_print, clinic=clinic,
                                   epoch=build_epoch(article)))

    for_each_article(args.sources, build, clinic=args.clinic)


def run_anki(args: argparse.Namespace) -> None:
    """Each article's deck beside its updated record, and the library's deck when asked for."""
    from ..render.deck.record import format_record, read_record, record_path

    # All or nothing, unlike the other commands: the library deck needs every article.
    articles = _load_all(args.sources)
    epoch = deck_epoch()
    from ..render.deck import notes_in, package_article, publish, went_back

    _refuse_one_deck_name_twice(_deck_names(list(zip(args.sources, articles))))
    publications = [_content(source, lambda: publish(article, read_record(record_path(source)), epoch=epoch))
                    for source, article in zip(args.sources, articles)]
    if args.library_deck and args.library:  # a record that cannot be written is refused before any deck is
        check_target(record_path(args.library))
    decks, notes, records = [], [], []
    for source, article, publication in zip(args.sources, articles, publications):
        record = record_path(source)
        out = _target(args, output_name(article.id, "deck"))
        _refuse_a_record_behind(record, out, publication, notes_in, went_back)
        decks.append((out, _content(source, lambda: package_article(publication))))
        notes.append((source, _new_record_notes(record) + publication.notes))
        records.append((record, format_record(publication.record, Path(source).name)))
    if args.library_deck:
        library_deck, library_notes, library_record = _library_deck(args, publications, [out for out, _ in decks])
        notes += library_notes
        records += library_record
    for out, data in decks:
        _write(out, data)
    for source, lines in notes:
        for line in lines:
            print(f"{source}: {line}", file=sys.stderr)
    for record, text in records:
        if not record.exists() or record.read_text(encoding="utf-8") != text:
            write_atomically(record, text.encode("utf-8"))
            print(f"updated {record}: commit it with the source")
    if args.library_deck:
        _write(*library_deck)


def _library_deck(args: argparse.Namespace, publications: list, article_decks: list[Path]) -> tuple:
    """The library deck as (path, bytes), its notes as [(file, lines)], and its record as [(path, text)].

    Its name is kept in a record beside the library file, like an article deck's: a new `name:`
    would split students' decks. A library file not written yet is no error: the deck then has
    the default name (or the one a record kept), and no record is written until a library file
    names the deck, so that the first `name:` a clinic writes is the one its students get.
    """
    from ..load.walk import load_library
    from ..model import Library
    from ..render.deck.record import LIBRARY_HEADER, Published, format_record, read_record, record_path
    from ..render.deck import build_library, name_library

    out = check_target(args.library_deck, inputs=_inputs(args))
    for deck in article_decks:
        if out.resolve() == deck.resolve():
            raise UserError.at(str(out), f"the library deck would overwrite the deck of an article, {deck}: "
                                         "write the library deck under another name")
    record = record_path(args.library) if args.library else None
    if record is None or not Path(args.library).exists():  # the default name, or the one a record kept
        named = name_library(Library(), read_record(record) if record else Published())
        return (out, _content("library", lambda: build_library(named.name, publications))), [], []
    library = load_library(args.library)
    named = name_library(library, read_record(record))
    data = _content(args.library, lambda: build_library(named.name, publications))
    notes = [(args.library, _new_record_notes(record) + named.notes)]
    return (out, data), notes, [(record, format_record(named.record, Path(args.library).name, LIBRARY_HEADER))]


def _new_record_notes(record: Path) -> tuple[str, ...]:
    from ..render.deck.record import NEW_RECORD_NOTE

    return () if record.exists() else (NEW_RECORD_NOTE.format(record=record),)


class _DeckName(NamedTuple):
    source: str
    name: str  # the name the article's deck is published under: the one its record keeps, else its title
    published: bool  # whether a record keeps it


def _deck_names(articles: list[tuple[str, Article]]) -> list[_DeckName]:
    from ..render.deck.record import deck_name, read_record, record_path

    kept = [(source, read_record(record_path(source)).deck, article) for source, article in articles]
    return [_DeckName(source, name or deck_name(article.title), name is not None) for source, name, article in kept]


def _refuse_one_deck_name_twice(names: list[_DeckName]) -> None:
    """Exit 2 when two articles' decks would have one name: Anki would merge them into one deck
    (and give the library's subdecks made-up names). The error is at a title that can still
    change: a published deck keeps its name, whatever its title."""
    from ..render.deck.record import deck_key

    first: dict[str, _DeckName] = {}
    for this in names:
        other = first.setdefault(deck_key(this.name), this)
        if other is this:
            continue
        if this.published and not other.published:  # only the other's title can still change its deck's name
            this, other = other, this
        fix = ("both decks were published under it: give this one another name in the `deck` line of its "
               ".deck-record file (students then rename theirs in Anki to match)" if this.published else
               "give the article a title of its own")
        raise UserError(_field_problem(this.source, ("title",), (
            f"the deck of this article would be named '{this.name}', like the deck of {other.source}: Anki would "
            f"put the two articles in one deck; {fix}")))


def _refuse_a_record_behind(record: Path, out: Path, publication, notes_in, went_back) -> None:
    """Exit 2 before writing anything when the deck about to be replaced is newer than the record."""
    try:
        earlier = notes_in(out.read_bytes()) if out.is_file() else {}
    except OSError:  # unreadable: nothing to compare with, and writing it will say why
        return
    terms = went_back(publication, earlier)
    if terms:
        raise UserError.at(str(record), (
            f"this deck record is older than {out}: {len(terms)} note(s) (first '{terms[0]}') would get an older "
            f"time than that deck gives them, with other text, and students who imported it would keep that text. "
            f"Was the record reverted or taken from an older commit? Restore its newest version from git; to undo "
            f"a change, edit the source back instead. Delete {out} only if it never reached students."))


def deck_epoch(environ: os._Environ | dict = os.environ) -> int:
    """When changed notes are dated: SOURCE_DATE_EPOCH when set, else now.

    Not `reviewed`: a note revised without a new review date must still be newer than the
    copy students have, and the record, not the clock, keeps unchanged notes' times.
    """
    fixed = source_date_epoch(environ)
    return int(time.time()) if fixed is None else fixed


def _load_all(sources: list[str]) -> list[Article]:
    """Every source's article, or every problem of every source."""
    articles, problems, seen, stopped = [], [], {}, False
    for source in sources:
        try:
            articles.append(_load_once(source, seen))
        except UserError as err:
            problems, stopped = problems + err.problems, stopped or err.stopped
    if problems:
        raise UserError(problems, stopped=stopped)
    return articles


def _content(source: str, build):
    """A renderer's result; a ContentError it raises becomes an error at the source."""
    try:
        return build()
    except ContentError as err:
        raise UserError(content_problem(err, str(source))) from None


def content_problem(err: ContentError, source: str, clinic: str | None = None) -> Problem:
    """A renderer's error at the file it concerns (the source, or the clinic file), at the
    line:col of the field it names, or at the file alone when it names none."""
    path = clinic if err.input == "clinic" and clinic else source
    if not err.field:
        return Problem(path, None, None, str(err))
    return _field_problem(path, err.field, str(err))


def _field_problem(path: str, field: tuple, message: str) -> Problem:
    """A problem at the line:col of a field of a checked source, or at the file when it has no such field."""
    from ..load.positions import positions_of

    positions = positions_of(path)
    span = positions.spans.get(field)
    return Problem(path, *(positions.line_col(span[0]) if span else (None, None)), message)


def run_cards(args: argparse.Namespace) -> None:
    from ..render.cards import render_cards

    def build(article: Article) -> None:
        out = _target(args, output_name(article.id, "cards", paper=args.paper, flip=args.flip))
        _write(out, render_cards(article, paper=args.paper, flip=args.flip, epoch=build_epoch(article)))

    for_each_article(args.sources, build)


def run_html(args: argparse.Namespace) -> None:
    clinic, library = _clinic(args), _library(args)
    from ..render.web import render_web
    from ..review import scheduled

    def build(article: Article) -> None:
        article = scheduled(article, library)
        out = _target(args, output_name(article.id, "html", clinic=args.clinic))
        _write(out, render_web(article, clinic=clinic))

    for_each_article(args.sources, build)


def for_each_article(sources: list[str], build: Callable[[Article], None], clinic: str | None = None) -> list[Article]:
    """Load and build each source in turn, like a compiler: build what can be built.

    A source with problems writes nothing (its earlier output stays as it was) and the others
    are still built; the problems of every source are then reported together, exit status 2.
    Two sources with the same id would write the same files, so the second is refused.
    A renderer's error about the clinic's text is reported at `clinic`, the clinic file.
    Returns the articles that were built.
    """
    problems: list[Problem] = []
    built: list[Article] = []
    seen: dict[str, str] = {}
    stopped = False
    for source in sources:
        try:
            article = _load_once(source, seen)
            build(article)
            built.append(article)
        except UserError as err:
            problems, stopped = problems + err.problems, stopped or err.stopped
        except ContentError as err:
            problems.append(content_problem(err, source, clinic))
    if problems:
        raise UserError(problems, stopped=stopped)
    return built


def _load_once(source: str, seen: dict[str, str]) -> Article:
    """The source's article, refused when an earlier source (in `seen`: id -> source) has its id:
    the two would write the same files."""
    article = load_article(source)
    if article.id in seen:
        raise UserError.at(source, f"the id '{article.id}' is also the id of {seen[article.id]}: the two would write the same "
                                     "files; give the new article an id of its own (a published article's id never changes)")
    seen[article.id] = source
    return article
def build_epoch(article: Article, environ: os._Environ | dict = os.environ) -> int:
    """The one timestamp every output carries: SOURCE_DATE_EPOCH when set, else `reviewed`."""
    fixed = source_date_epoch(environ)
    return article.reviewed_epoch if fixed is None else fixed


def source_date_epoch(environ: os._Environ | dict = os.environ) -> int | None:
    """SOURCE_DATE_EPOCH as seconds, None when unset; a value no output could hold is a UserError."""
    value = environ.get("SOURCE_DATE_EPOCH")
    if value is None or value == "":
        return None
    # ASCII digits only ('²'.isdigit() is true), and short enough to be a date an output can hold.
    digits = value.lstrip("0")  # leading zeros change nothing: 0001700000000 is 2023
    if not (value.isascii() and value.isdigit()) or not digits:
        raise UserError.at("SOURCE_DATE_EPOCH", f"must be a positive whole number of seconds, got '{value[:40]}'")
    if len(digits) > 12 or int(digits) > LATEST_EPOCH:
        raise UserError.at("SOURCE_DATE_EPOCH", f"{value[:40]} seconds is after the year 9999, the last a PDF date can hold")
    return int(digits)


def _clinic(args: argparse.Namespace) -> Clinic | None:
    return load_clinic(args.clinic) if args.clinic else None


def _library(args: argparse.Namespace):
    """The library file's settings (its review interval) when --library names one, else None."""
    from ..load.walk import load_library

    return load_library(args.library) if getattr(args, "library", None) else None


def _target(args: argparse.Namespace, default_name: str) -> Path:
    """The output path (-o, else DIR/NAME), refused before rendering if it cannot be written.

    The default name comes from the article id, a checked slug, so it cannot leave the folder.
    The folder itself is made when missing (not its parents: a mistyped path stays an error);
    a missing folder named with -o stays an error too.
    """
    if args.output is not None:  # even '': check_target refuses it by name
        return check_target(args.output, inputs=_inputs(args))
    folder = Path(args.out_dir)
    if not folder.exists() and folder.parent.is_dir():
        try:
            folder.mkdir()
        except FileExistsError:  # another build made it a moment ago
            pass
        except OSError as err:
            raise UserError.at(str(folder), f"cannot make the folder: {(err.strerror or str(err)).lower()}") from None
    return check_target(folder / default_name, inputs=_inputs(args))


def _inputs(args: argparse.Namespace) -> list[str]:
    """Every file the command reads: an output may never replace one of them."""
    return [p for p in (*args.sources, getattr(args, "clinic", None), getattr(args, "library", None)) if p]


class _Version(argparse.Action):
    """--version from the installed package's metadata, read only when asked for (it is slow to import)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("legpain-docs")
        except PackageNotFoundError:  # run from a checkout that was never installed
            number = "unknown (not installed)"
        print(f"legpain-docs {number}")
        parser.exit()


def _write(path: str | Path, data: bytes) -> None:
    write_atomically(path, data)
    print(f"wrote {path} ({len(data):,} bytes)")


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, told the terminal's width so that it never imports shutil
    (and with it zlib, bz2 and lzma): argparse builds one for every argument it adds."""

    def __init__(self, prog: str):
        try:
            columns = int(os.environ.get("COLUMNS") or os.get_terminal_size(sys.__stdout__.fileno()).columns)
        except (AttributeError, ValueError, OSError):
            columns = 80
        super().__init__(prog, width=columns - 2)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, formatter_class=_Formatter, **kwargs)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="legpain-docs",
        description="Render a patient-education article (a YAML source) as a handout PDF, an Anki deck, "
                    "printable flashcards and a web page. Every command takes one source or several.",
        epilog="Invalid input is reported as FILE:LINE:COL: error: ... with exit status 2. "
               "With several sources, every good source is still built (but anki, whose library deck needs "
               "them all, builds nothing) and the problems of the others are reported together (exit "
               "status 2); a source with problems writes nothing.",
    )
    parser.add_argument("--version", action=_Version, help="print the version and exit")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND", parser_class=_Parser)

    check = commands.add_parser("check", help="validate source files and report every problem")
    _sources(check)
    check.add_argument("--clinic", metavar="CLINIC.yaml", action="append", default=[],
                       help="check this clinic file too (may be given more than once)")
    check.add_argument("--library", metavar="LIBRARY.yaml", help="check the library file too")
    check.add_argument("-q", "--quiet", action="store_true", help="print nothing when the files are valid")
    check.add_argument("--strict", action="store_true", help="make an overdue review an error (exit status 2)")
    check.add_argument("--summary", action="store_true",
                       help="end with one line on the articles' reviews and one on their PEMAT-P audit")
    check.add_argument("--today", metavar="YYYY-MM-DD",
                       help="judge reviews as on this day (default: LEGPAIN_TODAY when set, else today)")
    check.set_defaults(run=run_check)

    readability = commands.add_parser("readability", help="report the reading grade; status 3 above the target")
    readability.add_argument("sources", nargs="+", metavar="SOURCE", help="the articles' YAML sources")
    readability.add_argument("--max-grade", type=float, default=8, metavar="N", help="the target school grade (default: 8)")
    readability.add_argument("--summary", action="store_true", help="print only the one-line verdict per article")
    readability.set_defaults(run=run_readability)

    schema = commands.add_parser("schema", help="print the JSON Schema of a source file")
    schema.add_argument("which", nargs="?", choices=["article", "clinic"], default="article",
                        help="which kind of file (default: article)")
    schema.set_defaults(run=run_schema)

    pdf = commands.add_parser("pdf", help="render the patient handout PDF")
    _sources_and_output(pdf, "<id>-handout.pdf, <id>-handout-a4-large.pdf, ...")
    pdf.add_argument("--paper", choices=["letter", "a4"], default="letter", help="paper size (default: letter)")
    pdf.add_argument("--large-print", action="store_true", help="18 pt body text and larger headings")
    pdf.add_argument("--clinic", metavar="CLINIC.yaml", help="print this clinic's name and contact details in the header")
    _library_option(pdf)
    pdf.set_defaults(run=run_pdf)

    anki = commands.add_parser("anki", help="build the Anki decks (.apkg) and update each source's deck record")
    _sources_and_output(anki, "<id>.apkg")
    anki.add_argument("--library-deck", metavar="OUT.apkg", help="also write one deck with every article as a subdeck")
    anki.add_argument("--library", metavar="LIBRARY.yaml",
                      help="the library file naming that deck (the default name while it does not exist); the name "
                           "first published is kept in LIBRARY.deck-record beside it")
    anki.set_defaults(run=run_anki)

    cards = commands.add_parser("cards", help="render printable double-sided flashcards")
    _sources_and_output(cards, "<id>-cards.pdf, <id>-cards-a4-short.pdf, ...")
    cards.add_argument("--paper", choices=["letter", "a4"], default="letter", help="paper size (default: letter)")
    cards.add_argument("--flip", choices=["long", "short"], default="long",
                       help="the printer's duplex flip edge (default: long)")
    cards.set_defaults(run=run_cards)

    html = commands.add_parser("html", help="render the web handout: one self-contained HTML page")
    _sources_and_output(html, "<id>.html, <id>-<clinic>.html")
    html.add_argument("--clinic", metavar="CLINIC.yaml", help="show this clinic's name and contact details")
    _library_option(html)
    html.set_defaults(run=run_html)

    from . import fhir, pemat

    fhir.add_command(commands)
    pemat.add_command(commands)
    return parser


def _library_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--library", metavar="LIBRARY.yaml",
                         help="the library file, whose review_interval_months dates the next review of an article "
                              "without its own review_due")


def _sources(command: argparse.ArgumentParser) -> None:
    command.add_argument("sources", nargs="+", metavar="SOURCE", help="an article's YAML source (one or several)")


def _sources_and_output(command: argparse.ArgumentParser, names: str) -> None:
    """SOURCE..., and where the outputs go: -o for one source, else a name of its own in a folder."""
    _sources(command)
    where = command.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="OUT", help="where to write (one source only)")
    where.add_argument("--out-dir", metavar="DIR", default="output",
                       help=f"the folder for each source's output, named {names} (default: output, made when missing)")
