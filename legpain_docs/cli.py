"""The `legpain-docs` command: parses arguments, calls the loader and a renderer, reports.

Renderers are imported inside their subcommand, so `check` and `schema` never pay for
reportlab or genanki.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

from .errors import MAX_PROBLEMS, ContentError, Problem, UserError
from .load import load_article, load_clinic
from .model import Article
from .output import check_target, write_atomically

# The last second a PDF date (four-digit year) can hold: 9999-12-31T23:59:59Z.
LATEST_EPOCH = 253_402_300_799


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    # A terminated build unwinds like an interrupted one, so no temporary file is left behind.
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return args.run(args) or 0
    except UserError as err:
        for problem in err.problems[:MAX_PROBLEMS]:
            print(problem, file=sys.stderr)
        if err.stopped or len(err.problems) > MAX_PROBLEMS:
            print(f"legpain-docs: error: stopped after {MAX_PROBLEMS} problems; fix these and run again", file=sys.stderr)
        return 2
    except ContentError as err:
        print(Problem(str(args.source), None, None, str(err)), file=sys.stderr)
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


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_check(args: argparse.Namespace) -> None:
    """Check the source, and the clinic file when given: every problem of both in one run."""
    problems, lines, stopped = [], [], False
    try:
        article = load_article(args.source)
        items = sum(len(s.items) for s in article.sections)
        lines.append(f"{args.source}: ok: '{article.title}', {len(article.sections)} sections, {items} items")
    except UserError as err:
        problems, stopped = problems + err.problems, err.stopped
    if args.clinic:
        try:
            clinic = load_clinic(args.clinic)
            lines.append(f"{args.clinic}: ok: clinic '{clinic.name}'")
        except UserError as err:
            problems, stopped = problems + err.problems, stopped or err.stopped
    if problems:
        raise UserError(problems, stopped=stopped)
    if not args.quiet:
        print("\n".join(lines))


def run_readability(args: argparse.Namespace) -> int:
    """The reading-level report of each source; status 3 when any is above the target grade."""
    from .positions import positions_of
    from .readability_report import report

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
    from .schema import schema_text

    sys.stdout.write(schema_text(args.which))


def run_pdf(args: argparse.Namespace) -> None:
    article = load_article(args.source)
    clinic = load_clinic(args.clinic) if args.clinic else None
    out = _target(args, f"{article.id}-handout.pdf")
    from .render.handout import render_handout

    _write(out, render_handout(article, paper=args.paper, large_print=args.large_print, clinic=clinic, epoch=build_epoch(article)))


def run_anki(args: argparse.Namespace) -> None:
    """Each article's deck beside its updated record, and the library's deck when asked for."""
    from .load import load_library
    from .model import Library
    from .published import NEW_RECORD_NOTE, format_record, read_record, record_path

    if args.output and len(args.source) > 1:
        raise UserError.at("legpain-docs anki", f"-o names one file, but {len(args.source)} sources were given: "
                                                "leave -o out to write output/<id>.apkg for each")
    articles = _load_all(args.source)
    # No library file yet is no error: the library deck then has the default name.
    library = load_library(args.library) if args.library and Path(args.library).exists() else Library()
    epoch = deck_epoch()
    from .render.deck import build_library, notes_in, package_article, publish, went_back

    decks, records, publications = [], [], []
    for source, article in zip(args.source, articles):
        record = record_path(source)
        publication = _content(source, lambda: publish(article, read_record(record), epoch=epoch))
        publications.append(publication)
        out = _target(args, f"{article.id}.apkg", make_folder=True)
        _refuse_a_record_behind(record, out, publication, notes_in, went_back)
        notes = publication.notes if record.exists() else (NEW_RECORD_NOTE.format(record=record), *publication.notes)
        decks.append((out, _content(source, lambda: package_article(publication)), notes, source))
        records.append((record, format_record(publication.record, Path(source).name)))
    if args.library_deck:
        library_out = check_target(args.library_deck)
        library_data = _content(args.library or "library", lambda: build_library(library, publications))
    for out, data, notes, source in decks:
        _write(out, data)
        for line in notes:
            print(f"{source}: {line}", file=sys.stderr)
    for record, text in records:
        if not record.exists() or record.read_text(encoding="utf-8") != text:
            write_atomically(record, text.encode("utf-8"))
            print(f"updated {record}: commit it with the source")
    if args.library_deck:
        _write(library_out, library_data)


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
    articles, problems = [], []
    for source in sources:
        try:
            articles.append(load_article(source))
        except UserError as err:
            problems += err.problems
    if problems:
        raise UserError(problems)
    return articles


def _content(source: str, build):
    """A renderer's result; a ContentError it raises becomes an error at the source."""
    try:
        return build()
    except ContentError as err:
        raise UserError.at(str(source), str(err)) from None


def run_cards(args: argparse.Namespace) -> None:
    article = load_article(args.source)
    out = _target(args, f"{article.id}-cards.pdf")
    from .render.cards import render_cards

    _write(out, render_cards(article, paper=args.paper, flip=args.flip, epoch=build_epoch(article)))


def run_html(args: argparse.Namespace) -> None:
    article = load_article(args.source)
    clinic = load_clinic(args.clinic) if args.clinic else None
    out = _target(args, f"{article.id}.html")
    from .render.web import render_web

    _write(out, render_web(article, clinic=clinic))


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


def _target(args: argparse.Namespace, default_name: str, make_folder: bool = False) -> Path:
    """The output path (-o, else output/NAME), refused before rendering if it cannot be written.

    The default name comes from the article id, a checked slug, so it cannot leave output/.
    """
    if args.output is None:
        if make_folder:
            Path("output").mkdir(exist_ok=True)
        return check_target(Path("output") / default_name, inputs=_inputs(args))
    return check_target(args.output, inputs=_inputs(args))


def _inputs(args: argparse.Namespace) -> list[str]:
    """Every file the command reads: an output may never replace one of them."""
    sources = args.source if isinstance(args.source, list) else [args.source]
    return [p for p in (*sources, getattr(args, "clinic", None), getattr(args, "library", None)) if p]


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
        description="Render the leg and foot pain article as a handout PDF, an Anki deck, printable cards and a web page.",
        epilog="Invalid input is reported as FILE:LINE:COL: error: ... with exit status 2.",
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND", parser_class=_Parser)

    check = commands.add_parser("check", help="validate a source file and report every problem")
    check.add_argument("source", metavar="SOURCE", help="the article's YAML source")
    check.add_argument("--clinic", metavar="CLINIC.yaml", help="check this clinic file too")
    check.add_argument("-q", "--quiet", action="store_true", help="print nothing when the files are valid")
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
    _source_and_output(pdf, "output/<id>-handout.pdf")
    pdf.add_argument("--paper", choices=["letter", "a4"], default="letter", help="paper size (default: letter)")
    pdf.add_argument("--large-print", action="store_true", help="18 pt body text and larger headings")
    pdf.add_argument("--clinic", metavar="CLINIC.yaml", help="print this clinic's name and contact details in the header")
    pdf.set_defaults(run=run_pdf)

    anki = commands.add_parser("anki", help="build the Anki decks (.apkg) and update each source's deck record")
    anki.add_argument("source", metavar="SOURCE", nargs="+", help="the articles' YAML sources")
    anki.add_argument("-o", "--output", metavar="OUT", help="where to write, with one SOURCE (default: output/<id>.apkg)")
    anki.add_argument("--library-deck", metavar="OUT.apkg", help="also write one deck with every article as a subdeck")
    anki.add_argument("--library", metavar="LIBRARY.yaml", help="the library file naming that deck (default name when absent)")
    anki.set_defaults(run=run_anki)

    cards = commands.add_parser("cards", help="render printable double-sided flashcards")
    _source_and_output(cards, "output/<id>-cards.pdf")
    cards.add_argument("--paper", choices=["letter", "a4"], default="letter", help="paper size (default: letter)")
    cards.add_argument("--flip", choices=["long", "short"], default="long",
                       help="the printer's duplex flip edge (default: long)")
    cards.set_defaults(run=run_cards)

    html = commands.add_parser("html", help="render the web handout: one self-contained HTML page")
    _source_and_output(html, "output/<id>.html")
    html.add_argument("--clinic", metavar="CLINIC.yaml", help="show this clinic's name and contact details")
    html.set_defaults(run=run_html)
    return parser


def _source_and_output(command: argparse.ArgumentParser, default: str) -> None:
    command.add_argument("source", metavar="SOURCE", help="the article's YAML source")
    command.add_argument("-o", "--output", metavar="OUT", help=f"where to write (default: {default})")
