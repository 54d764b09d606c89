"""What the commands share: each source loaded once, a renderer's error placed at its source,
each output's path refused before any work when it cannot be written, and each output written whole."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from ..build.problems import content_problem, duplicate_id_problem
from ..errors import ContentError, Problem, UserError
from ..output import check_target, write_atomically

# The model is imported when an article is read (typing's TYPE_CHECKING would cost 2 ms to
# import; checkers read any TYPE_CHECKING as True).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..model import Article, Clinic


def load_article(path: str) -> Article:
    """The article at `path`; YAML is imported only when a command reads a source."""
    from ..load.walk import load_article as load

    return load(path)


def load_clinic(path: str) -> Clinic:
    from ..load.walk import load_clinic as load

    return load(path)


def refuse_a_foreign_ending(output: str, default_name: str) -> None:
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


@contextmanager
def deck_errors():
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


def load_all(sources: list[str]) -> list[Article]:
    """Every source's article, or every problem of every source."""
    articles, problems, seen, stopped = [], [], {}, False
    for source in sources:
        try:
            articles.append(load_once(source, seen))
        except UserError as err:
            problems, stopped = problems + err.problems, stopped or err.stopped
    if problems:
        raise UserError(problems, stopped=stopped)
    return articles


def render_at_source(source: str, build):
    """A renderer's result; a ContentError it raises becomes an error at the source."""
    try:
        return build()
    except ContentError as err:
        raise UserError(content_problem(err, str(source))) from None


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
            article = load_once(source, seen)
            build(article)
            built.append(article)
        except UserError as err:
            problems, stopped = problems + err.problems, stopped or err.stopped
        except ContentError as err:
            problems.append(content_problem(err, source, clinic))
    if problems:
        raise UserError(problems, stopped=stopped)
    return built


def load_once(source: str, seen: dict[str, str]) -> Article:
    """The source's article, refused when an earlier source (in `seen`: id -> source) has its id:
    the two would write the same files."""
    article = load_article(source)
    if article.id in seen:
        raise UserError(duplicate_id_problem(source, article.id, seen[article.id]))
    seen[article.id] = source
    return article


def clinic_of(args: argparse.Namespace) -> Clinic | None:
    return load_clinic(args.clinic) if args.clinic else None


def library_of(args: argparse.Namespace):
    """The library file's settings (its review interval) when --library names one, else None."""
    from ..load.walk import load_library

    return load_library(args.library) if getattr(args, "library", None) else None


def output_path(args: argparse.Namespace, default_name: str, article_id: str | None = None) -> Path:
    """The output path (-o, else DIR/NAME), refused before rendering if it cannot be written.

    The default name comes from the article id, a checked slug, so it cannot leave the folder.
    The folder is made when missing, with its parents, as `mkdir -p` makes it: `--out-dir
    site/handouts` in a fresh checkout is what a user asks for. It is made only once an article
    has loaded, so a broken source makes no folder. A missing folder named with -o stays an error.
    """
    if args.output is not None:  # even '': check_target refuses it by name
        refuse_a_foreign_ending(args.output, default_name)
        return check_target(args.output, inputs=inputs_of(args))
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
    return check_target(folder / default_name, inputs=inputs_of(args))


def sources_of(args: argparse.Namespace) -> list[str]:
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


def inputs_of(args: argparse.Namespace) -> list[str]:
    """Every file the command reads, and the deck records beside them: an output may never replace one of them
    (nor take a record's name: the next `anki` would read a deck as a record)."""
    from ..names import record_path

    files = sources_of(args)
    return files + [str(record_path(p)) for p in files if p not in (getattr(args, "clinic", None),)]


def write_output(path: str | Path, data: bytes) -> None:
    write_atomically(path, data)
    print(f"wrote {path} ({len(data):,} bytes)")
