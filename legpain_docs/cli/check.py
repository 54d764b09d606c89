"""`check` and `readability`: every problem a build of the sources would refuse, and the reading grade."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..build.problems import content_problem
from ..errors import MAX_PROBLEMS, Problem, UserError
from .running import deck_errors, load_article, load_clinic, load_once

# The model is imported when an article is read (typing's TYPE_CHECKING would cost 2 ms to
# import; checkers read any TYPE_CHECKING as True).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..model import Article, Clinic


def run_check(args: argparse.Namespace) -> int:
    """Check every source, and the clinic files when given: every problem of all in one run,
    and everything a build of each article (alone or with each clinic) would refuse."""
    problems, lines, stopped, seen, articles, clinics = [], [], False, {}, [], {}
    for source in args.sources:
        try:
            article = load_once(source, seen)
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

        with deck_errors():
            refuse_one_deck_name_twice(
                deck_names([ArticleDeck(source, article, Path()) for source, article in articles])
            )
    except UserError as err:
        problems += err.problems
    try:  # a published deck in another language: its students would stop getting updates
        from ..render.deck.publishing import refuse_a_new_deck_language

        with deck_errors():
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
