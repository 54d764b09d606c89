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
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from ..build.epoch import build_epoch, deck_epoch, source_date_epoch  # noqa: F401 (tests import them from here)
from ..build.problems import content_problem, duplicate_id_problem
from ..errors import MAX_PROBLEMS, ContentError, Problem, UserError
from ..names import output_name
from ..output import check_target, write_atomically
from ..render.pdf.library import defer_slow_patterns
from .changes import add_changes_command

# The model is imported when an article is read: a build with nothing to do never is. (typing's
# TYPE_CHECKING would cost that build 2 ms to import; checkers read any TYPE_CHECKING as True.)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..model import Article, Clinic


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


def load_article(path: str) -> Article:
    """The article at `path`; YAML is imported only when a command reads a source."""
    from ..load.walk import load_article as load

    return load(path)


def load_clinic(path: str) -> Clinic:
    from ..load.walk import load_clinic as load

    return load(path)


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


def run_check(args: argparse.Namespace) -> int:
    """Check every source, and the clinic files when given: every problem of all in one run,
    and everything a build of each article (alone or with each clinic) would refuse."""
    problems, lines, stopped, seen, articles, clinics = [], [], False, {}, [], {}
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
            clinics[path] = load_clinic(path)
            lines.append(f"{path}: ok: clinic '{clinics[path].name}'")
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
        from ..render.deck.publishing import ArticleDeck, deck_names, refuse_one_deck_name_twice

        with _deck_errors():
            refuse_one_deck_name_twice(
                deck_names([ArticleDeck(source, article, Path()) for source, article in articles])
            )
    except UserError as err:
        problems += err.problems
    try:  # a published deck in another language: its students would stop getting updates
        from ..render.deck.publishing import refuse_a_new_deck_language

        with _deck_errors():
            refuse_a_new_deck_language([ArticleDeck(source, article, Path()) for source, article in articles])
    except UserError as err:
        problems += err.problems
    problems += _refusals(articles, clinics)
    named = [*args.sources, *args.clinic, *([args.library] if args.library else [])]
    status = _in_file_order(
        named, lines if not args.quiet else [], UserError(list(dict.fromkeys(problems)), stopped=stopped)
    )
    overdue = [
        *_check_reviews(args, articles, library),
        *_check_translations(args, articles),
        *_check_braille(args, articles),
    ]
    if overdue:
        print("\n".join(map(str, overdue)), file=sys.stderr)
    return 2 if overdue else status


def _in_file_order(named: list[str], lines: list[str], found: UserError) -> int:
    """Each file's `ok` line or its problems, in the order the files were named, so that on a
    terminal (where stdout and stderr meet) each message stands where its file does; then any
    problem of no file named. Status 2 when there is a problem."""
    oks = {line.split(": ok: ")[0]: line for line in lines}
    failed = {problem.path for problem in found.problems}
    over = False
    for path in dict.fromkeys([*named, *(problem.path for problem in found.problems)]):
        if path in failed:
            sys.stdout.flush()
            mine = [problem for problem in found.problems if problem.path == path]
            print("\n".join(map(str, mine[:MAX_PROBLEMS])), file=sys.stderr, flush=True)
            over |= len(mine) > MAX_PROBLEMS
        elif path in oks:
            print(oks[path], flush=True)
    if found.stopped or over:
        print(f"legpain-docs: error: stopped after {MAX_PROBLEMS} problems; fix these and run again", file=sys.stderr)
    return 2 if found.problems else 0


def _refusals(articles: list[tuple[str, Article]], clinics: dict[str, Clinic]) -> list[Problem]:
    """What the outputs' renderers would refuse of each valid article, at the line:col to change."""
    from ..fit.outputs import refusals

    return [
        content_problem(err, source, clinic)
        for source, article in articles
        for err, clinic in refusals(article, clinics)
    ]


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


def _check_translations(args: argparse.Namespace, articles: list[tuple[str, Article]]) -> list[Problem]:
    """Warn of each translated item behind its original; return them as problems under --strict."""
    if not any(article.translation_of for _, article in articles):
        return []
    from ..translation.report import translation_problems

    found = translation_problems(articles, args.strict)
    for problem in found:
        if problem.severity == "warning":
            print(problem, file=sys.stderr)
    return [problem for problem in found if problem.severity == "error"]


def _check_braille(args: argparse.Namespace, articles: list[tuple[str, Article]]) -> list[Problem]:
    """Warn of a character the braille edition would refuse (an error under --strict); only where
    liblouis is installed, and only for articles with a character beyond ASCII, so `check` stays quick."""
    import dataclasses

    wanted = [(source, article) for source, article in articles if not _all_ascii(article)]
    if not wanted:
        return []
    from ..render.braille import braille_problem

    found = []
    for source, article in wanted:
        try:
            problem = braille_problem(article)
        except UserError:  # no liblouis here: the braille command says what to install
            return found
        if problem is not None:
            found.append(
                dataclasses.replace(content_problem(problem, source), severity="error" if args.strict else "warning")
            )
    for problem in found:
        if problem.severity == "warning":
            print(problem, file=sys.stderr)
    return [problem for problem in found if problem.severity == "error"]


def _all_ascii(article: Article) -> bool:
    from ..render.braille.blocks import article_texts

    return all(text.isascii() for _, text in article_texts(article))


def _pemat_summary(articles: list[tuple[str, Article]]) -> str:
    """One line for the library: what the PEMAT-P rules found (the reading grade aside, which `readability` gives)."""
    from ..load.positions import positions_of
    from ..pemat import audit

    found = [audit(article, positions_of(source), grade=False).findings for source, article in articles]
    flagged = sum(bool(findings) for findings in found)
    return (
        f"PEMAT-P: {sum(map(len, found))} finding(s) to look at in {flagged} of {len(found)} article(s): "
        "`legpain-docs pemat SOURCE` for the audit"
    )


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
    if args.translation:
        from .bilingual import run_bilingual

        return run_bilingual(args)
    clinic, library = _clinic(args), _library(args)
    from ..render.handout import render_handout
    from ..review import scheduled

    def build(article: Article) -> None:
        article = scheduled(article, library)
        name = output_name(article.id, "handout", paper=args.paper, large=args.large_print, clinic=args.clinic)
        out = _target(args, name, article.id)
        _write(
            out,
            render_handout(
                article, paper=args.paper, large_print=args.large_print, clinic=clinic, epoch=build_epoch(article)
            ),
        )

    for_each_article(args.sources, build, clinic=args.clinic)


def run_anki(args: argparse.Namespace) -> None:
    """Each article's deck beside its updated record, and the library's deck when asked for."""
    from ..render.deck.publishing import ArticleDeck, LibraryDeck, prepare, publish_release

    if args.library_deck:  # refused before any work, as -o is
        _refuse_a_foreign_ending(args.library_deck, output_name("library", "deck"))
    # All or nothing, unlike the other commands: the library deck needs every article.
    articles = _load_all(args.sources)
    epoch = deck_epoch()
    if args.library_deck and args.library:  # refused before the output folder is made
        from ..render.deck.record import record_path

        check_target(record_path(args.library), inputs=_sources_of(args))
    names = [output_name(article.id, "deck") for article in articles]
    for source, article, name in zip(args.sources, articles, names):  # at the id, as check reports it
        _content(source, lambda: args.output is None and _target_name(article.id, name))
    # Where each deck goes; the folder is made only once the publication is known to be good.
    planned = [Path(args.output) if args.output is not None else Path(args.out_dir) / name for name in names]
    entries = [ArticleDeck(source, article, out) for source, article, out in zip(args.sources, articles, planned)]
    library = None
    if args.library_deck:
        library = LibraryDeck(Path(args.library_deck), args.library, _library_naming(args.library))
    with _deck_errors():
        # -o names the one file to write; in a folder, each deck's text goes beside it (for other apps)
        release = prepare(entries, epoch=epoch, library=library, inputs=_inputs(args), texts=args.output is None)
    for name, article in zip(names, articles):
        _target(args, name, article.id)
    publish_release(release)


def _refuse_a_foreign_ending(output: str, default_name: str) -> None:
    """A UserError when a name given on the command line (-o, --library-deck) ends as another kind
    of the project's files: `--library-deck other.yaml` would write a deck over an article."""
    from ..names import foreign_ending, own_ending

    ending = foreign_ending(output, default_name)
    if ending is not None:
        raise UserError.at(
            str(output),
            f"cannot write: a file ending in {ending} is another kind of file than this one; "
            f"name a file ending in {own_ending(default_name)}",
        )


def _target_name(article_id: str, name: str) -> None:
    """Raise the ContentError at the id when `name`, made from it, is too long for a file name."""
    from ..fit.outputs import name_refusal

    refused = name_refusal(article_id, name)
    if refused:
        raise refused


def _library_naming(path: str | None):
    """The library file's model naming the library deck; None when it is not named or not written
    yet (the default name)."""
    if not path or not Path(path).exists():
        return None
    from ..load.walk import load_library

    return load_library(path)


@contextmanager
def _deck_errors():
    """A DeckError becomes a UserError at the line:col of the field it names."""
    from ..render.deck.publishing import DeckError

    try:
        yield
    except DeckError as err:
        raise UserError(content_problem(err, err.path)) from None


def loaded(sources: list[str]) -> tuple[list[tuple[str, Article]], list[Problem]]:
    """Each source that loads, with its article, and the problems of those that do not."""
    articles, problems = [], []
    for source in sources:
        try:
            articles.append((source, load_article(source)))
        except UserError as err:
            problems += err.problems
    return articles, problems


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


def run_cards(args: argparse.Namespace) -> None:
    from ..render.cards import render_cards

    def build(article: Article) -> None:
        out = _target(args, output_name(article.id, "cards", paper=args.paper, flip=args.flip), article.id)
        _write(out, render_cards(article, paper=args.paper, flip=args.flip, epoch=build_epoch(article)))

    for_each_article(args.sources, build)


def run_html(args: argparse.Namespace) -> None:
    if args.translation:
        from .bilingual import run_bilingual

        return run_bilingual(args)
    clinic, library = _clinic(args), _library(args)
    from ..render.web import render_web
    from ..review import scheduled

    def build(article: Article) -> None:
        article = scheduled(article, library)
        out = _target(args, output_name(article.id, "html", clinic=args.clinic), article.id)
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
        raise UserError(duplicate_id_problem(source, article.id, seen[article.id]))
    seen[article.id] = source
    return article


def _clinic(args: argparse.Namespace) -> Clinic | None:
    return load_clinic(args.clinic) if args.clinic else None


def _library(args: argparse.Namespace):
    """The library file's settings (its review interval) when --library names one, else None."""
    from ..load.walk import load_library

    return load_library(args.library) if getattr(args, "library", None) else None


def _target(args: argparse.Namespace, default_name: str, article_id: str | None = None) -> Path:
    """The output path (-o, else DIR/NAME), refused before rendering if it cannot be written.

    The default name comes from the article id, a checked slug, so it cannot leave the folder.
    The folder is made when missing, with its parents, as `mkdir -p` makes it: `--out-dir
    site/handouts` in a fresh checkout is what a user asks for. It is made only once an article
    has loaded, so a broken source makes no folder. A missing folder named with -o stays an error.
    """
    if args.output is not None:  # even '': check_target refuses it by name
        _refuse_a_foreign_ending(args.output, default_name)
        return check_target(args.output, inputs=_inputs(args))
    from ..fit.outputs import name_refusal

    refused = article_id and name_refusal(
        article_id, default_name
    )  # at the id, the text to change, as check reports it
    if refused:
        raise refused
    folder = Path(args.out_dir)
    if not folder.is_dir():
        try:
            folder.mkdir(parents=True, exist_ok=True)  # exist_ok: another build may have made it a moment ago
        except OSError as err:
            raise UserError.at(str(folder), f"cannot make the folder: {(err.strerror or str(err)).lower()}") from None
    return check_target(folder / default_name, inputs=_inputs(args))


def _sources_of(args: argparse.Namespace) -> list[str]:
    """Every source, clinic, library and translation file the command reads."""
    return [
        p
        for p in (
            *args.sources,
            getattr(args, "clinic", None),
            getattr(args, "library", None),
            getattr(args, "translation", None),
        )
        if p
    ]


def _inputs(args: argparse.Namespace) -> list[str]:
    """Every file the command reads, and the deck records beside them: an output may never replace one of them
    (nor take a record's name: the next `anki` would read a deck as a record)."""
    from ..names import record_path

    files = _sources_of(args)
    return files + [str(record_path(p)) for p in files if p not in (getattr(args, "clinic", None),)]


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
    _sources(check)
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
    _sources_and_output(pdf, "<id>-handout.pdf, <id>-handout-a4-large.pdf, ...")
    pdf.add_argument(
        "--paper", type=str.lower, choices=["letter", "a4"], default="letter", help="paper size (default: letter)"
    )
    pdf.add_argument("--large-print", action="store_true", help="18 pt body text and larger headings")
    pdf.add_argument(
        "--clinic", metavar="CLINIC.yaml", help="print this clinic's name and contact details in the header"
    )
    _library_option(pdf)
    from . import bilingual

    bilingual.add_options(pdf)
    pdf.set_defaults(run=run_pdf)

    anki = commands.add_parser("anki", help="build the Anki decks (.apkg) and update each source's deck record")
    _sources_and_output(anki, "<id>.apkg")
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
    _sources_and_output(cards, "<id>-cards.pdf, <id>-cards-a4-short.pdf, ...")
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
    _sources_and_output(html, "<id>.html, <id>-<clinic>.html")
    html.add_argument("--clinic", metavar="CLINIC.yaml", help="show this clinic's name and contact details")
    _library_option(html)
    bilingual.add_options(html)
    html.set_defaults(run=run_html)

    from . import braille, epub, fhir, pemat, translated  # each newer command in a module of its own
    from .build import add_build_command

    fhir.add_command(commands)
    pemat.add_command(commands)
    add_build_command(commands)
    braille.add_command(commands, _sources_and_output)
    epub.add_command(commands, _sources_and_output)
    translated.add_command(commands)

    from .preview import add_parser as add_preview

    add_preview(commands)
    return parser, command is None or commands.found


def _library_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--library",
        metavar="LIBRARY.yaml",
        help="the library file, whose review_interval_months dates the next review of an article "
        "without its own review_due",
    )


def _sources(command: argparse.ArgumentParser) -> None:
    command.add_argument("sources", nargs="+", metavar="SOURCE", help="an article's YAML source (one or several)")


def _sources_and_output(command: argparse.ArgumentParser, names: str) -> None:
    """SOURCE..., and where the outputs go: -o for one source, else a name of its own in a folder."""
    _sources(command)
    where = command.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="OUT", help="where to write (one source only)")
    where.add_argument(
        "--out-dir",
        metavar="DIR",
        default="output",
        help=f"the folder for each source's output, named {names} (default: output, made when missing)",
    )
