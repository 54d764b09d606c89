"""The `legpain-docs` command: its parser (only the command typed is built), and `main`, which
runs that command and turns its outcome into an exit status and one line per problem.

The commands live beside this module (check.py, kinds.py, and one module per newer command),
and what they share in running.py and arguments.py. Renderers are imported inside their
command, so `check` and `schema` never pay for reportlab or genanki. Every command takes
several sources and renders them in one process, so a library of articles pays for Python
and the imports once.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Callable

from ..errors import MAX_PROBLEMS, UserError
from ..render.pdf.library import defer_slow_patterns
from .arguments import library_option, sources_and_output, sources_argument
from .changes import add_changes_command
from .check import run_check, run_readability
from .kinds import run_anki, run_cards, run_html, run_pdf


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    defer_slow_patterns()  # before any command imports reportlab: 20 ms of every PDF's process
    parser = _parser(argv[0] if argv else None)
    args = parser.parse_args(argv)
    # A terminated build unwinds like an interrupted one, so no temporary file is left behind.
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        if getattr(args, "output", None) is not None and len(args.sources) > 1:
            raise UserError.at(
                "legpain-docs",
                f"-o names one file, but {len(args.sources)} sources were given: "
                "leave it out (each source gets its own name in output/) or use --out-dir DIR",
            )
        return args.run(args) or 0
    except UserError as err:
        _report(err)
        return 2
    except BrokenPipeError:
        # The reader of stdout stopped reading (`legpain-docs schema | head`): what it read is
        # what it wanted. Point stdout at nothing so that Python's final flush fails quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except BaseException as err:
        from ..errors import interrupted

        if not interrupted(err):  # a bug: raised as it is, with its traceback
            raise
        from ..output import interrupted_line

        print(interrupted_line(), file=sys.stderr)
        return 130
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


def run_schema(args: argparse.Namespace) -> None:
    from ..load.schema import schema_text

    sys.stdout.write(schema_text(args.which))


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


class _OneCommand:
    """The parser's commands, told only the one that was typed: argparse makes a parser for
    every command it is told of, 16 of which cost a build with nothing to do 4 ms."""

    def __init__(self, commands: argparse._SubParsersAction, wanted: str):
        self.commands, self.wanted, self.found = commands, wanted, False

    def add_parser(self, name: str, **kwargs: object) -> argparse.ArgumentParser | _Unwanted:
        if name != self.wanted:
            return _Unwanted(f"legpain-docs {name}")
        self.found = True
        return self.commands.add_parser(name, **kwargs)


class _Unwanted:
    """Another command's parser, which takes its arguments and keeps none."""

    def __init__(self, prog: str):
        self.prog = prog

    def __getattr__(self, name: str) -> Callable[..., _Unwanted]:
        return lambda *args, **kwargs: self


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with `command`, one with only that command when it is one
    (else, for `--help`, a typo or `--version`, every command)."""
    if command is not None and not command.startswith("-"):
        parser, found = _parser_for(command)
        if found:
            return parser
    return _parser_for(None)[0]


def _parser_for(command: str | None) -> tuple[argparse.ArgumentParser, bool]:
    """The parser with every command (None) or only `command`, and whether it is one."""
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
    if command is not None:
        commands = _OneCommand(commands, command)

    check = commands.add_parser("check", help="validate source files and report every problem")
    sources_argument(check)
    check.add_argument(
        "--clinic",
        metavar="CLINIC.yaml",
        action="append",
        default=[],
        help="check this clinic file too (may be given more than once)",
    )
    check.add_argument("--library", metavar="LIBRARY.yaml", help="check the library file too")
    check.add_argument("-q", "--quiet", action="store_true", help="print nothing when the files are valid")
    check.add_argument(
        "--strict",
        action="store_true",
        help="make an overdue review and a translation behind its original errors (exit status 2)",
    )
    check.add_argument(
        "--summary",
        action="store_true",
        help="end with one line on the articles' reviews and one on their PEMAT-P audit",
    )
    check.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        help="judge reviews as on this day (default: LEGPAIN_TODAY when set, else today)",
    )
    check.set_defaults(run=run_check)

    readability = commands.add_parser("readability", help="report the reading grade; status 3 above the target")
    readability.add_argument("sources", nargs="+", metavar="SOURCE", help="the articles' YAML sources")
    readability.add_argument(
        "--max-grade", type=float, default=8, metavar="N", help="the target school grade (default: 8)"
    )
    readability.add_argument("--summary", action="store_true", help="print only the one-line verdict per article")
    readability.set_defaults(run=run_readability)

    schema = commands.add_parser("schema", help="print the JSON Schema of a source file")
    schema.add_argument(
        "which",
        nargs="?",
        choices=["article", "clinic"],
        default="article",
        help="which kind of file (default: article)",
    )
    schema.set_defaults(run=run_schema)

    pdf = commands.add_parser("pdf", help="render the patient handout PDF")
    sources_and_output(pdf, "<id>-handout.pdf, <id>-handout-a4-large.pdf, ...")
    pdf.add_argument(
        "--paper", type=str.lower, choices=["letter", "a4"], default="letter", help="paper size (default: letter)"
    )
    pdf.add_argument("--large-print", action="store_true", help="18 pt body text and larger headings")
    pdf.add_argument(
        "--clinic", metavar="CLINIC.yaml", help="print this clinic's name and contact details in the header"
    )
    library_option(pdf)
    from . import bilingual

    bilingual.add_options(pdf)
    pdf.set_defaults(run=run_pdf)

    anki = commands.add_parser("anki", help="build the Anki decks (.apkg) and update each source's deck record")
    sources_and_output(anki, "<id>.apkg")
    anki.add_argument("--library-deck", metavar="OUT.apkg", help="also write one deck with every article as a subdeck")
    anki.add_argument(
        "--library",
        metavar="LIBRARY.yaml",
        help="the library file naming that deck (the default name while it does not exist); the name "
        "first published is kept in LIBRARY.deck-record beside it",
    )
    anki.set_defaults(run=run_anki)

    add_changes_command(commands)

    cards = commands.add_parser("cards", help="render printable double-sided flashcards")
    sources_and_output(cards, "<id>-cards.pdf, <id>-cards-a4-short.pdf, ...")
    cards.add_argument(
        "--paper", type=str.lower, choices=["letter", "a4"], default="letter", help="paper size (default: letter)"
    )
    cards.add_argument(
        "--flip",
        type=str.lower,
        choices=["long", "short"],
        default="long",
        help="the printer's duplex flip edge (default: long)",
    )
    cards.set_defaults(run=run_cards)

    html = commands.add_parser("html", help="render the web handout: one self-contained HTML page")
    sources_and_output(html, "<id>.html, <id>-<clinic>.html")
    html.add_argument("--clinic", metavar="CLINIC.yaml", help="show this clinic's name and contact details")
    library_option(html)
    bilingual.add_options(html)
    html.set_defaults(run=run_html)

    from . import braille, epub, fhir, pemat, translated  # each newer command in a module of its own
    from .build import add_build_command

    fhir.add_command(commands)
    pemat.add_command(commands)
    add_build_command(commands)
    braille.add_command(commands, sources_and_output)
    epub.add_command(commands, sources_and_output)
    translated.add_command(commands)

    from .preview import add_parser as add_preview

    add_preview(commands)
    return parser, command is None or commands.found
