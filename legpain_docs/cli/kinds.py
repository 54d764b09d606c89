"""The commands that render one kind for each source: `pdf`, `anki`, `cards`, `html`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from ..build.epoch import build_epoch, deck_epoch
from ..names import output_name
from ..output import check_target
from .running import (
    clinic_of,
    deck_errors,
    for_each_article,
    inputs_of,
    library_of,
    load_all,
    output_path,
    refuse_a_foreign_ending,
    render_at_source,
    sources_of,
    write_output,
)

# The model is imported when an article is read (typing's TYPE_CHECKING would cost 2 ms to
# import; checkers read any TYPE_CHECKING as True).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..model import Article, Clinic


def run_pdf(args: argparse.Namespace) -> None:
    def write(article: Article, clinic: Clinic | None) -> None:
        from ..render.handout import render_handout

        name = output_name(article.id, "handout", paper=args.paper, large=args.large_print, clinic=args.clinic)
        handout = render_handout(
            article, paper=args.paper, large_print=args.large_print, clinic=clinic, epoch=build_epoch(article)
        )
        write_output(output_path(args, name, article.id), handout)

    _each_scheduled(args, write)


def _each_scheduled(args: argparse.Namespace, write: Callable[[Article, Clinic | None], None]) -> None:
    """`pdf` and `html`: with a translation, the bilingual page; else each article, its next
    review dated by the library file, with the clinic (an error in the clinic's text is placed there)."""
    if args.translation:
        from .bilingual import run_bilingual

        return run_bilingual(args)
    clinic, library = clinic_of(args), library_of(args)
    from ..review import scheduled

    for_each_article(args.sources, lambda article: write(scheduled(article, library), clinic), clinic=args.clinic)


def run_anki(args: argparse.Namespace) -> None:
    """Each article's deck beside its updated record, and the library's deck when asked for."""
    from ..render.deck.publishing import ArticleDeck, LibraryDeck, prepare, publish_release

    if args.library_deck:  # refused before any work, as -o is
        refuse_a_foreign_ending(args.library_deck, output_name("library", "deck"))
    # All or nothing, unlike the other commands: the library deck needs every article.
    articles = load_all(args.sources)
    epoch = deck_epoch()
    if args.library_deck and args.library:  # refused before the output folder is made
        from ..render.deck.record import record_path

        check_target(record_path(args.library), inputs=sources_of(args))
    names = [output_name(article.id, "deck") for article in articles]
    for source, article, name in zip(args.sources, articles, names):  # at the id, as check reports it
        render_at_source(source, lambda: args.output is None and _target_name(article.id, name))
    # Where each deck goes; the folder is made only once the publication is known to be good.
    planned = [Path(args.output) if args.output is not None else Path(args.out_dir) / name for name in names]
    entries = [ArticleDeck(source, article, out) for source, article, out in zip(args.sources, articles, planned)]
    library = None
    if args.library_deck:
        library = LibraryDeck(Path(args.library_deck), args.library, _library_naming(args.library))
    with deck_errors():
        # -o names the one file to write; in a folder, each deck's text goes beside it (for other apps)
        release = prepare(entries, epoch=epoch, library=library, inputs=inputs_of(args), texts=args.output is None)
    for name, article in zip(names, articles):
        output_path(args, name, article.id)
    publish_release(release)


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


def run_cards(args: argparse.Namespace) -> None:
    from ..render.cards import render_cards

    def build(article: Article) -> None:
        out = output_path(args, output_name(article.id, "cards", paper=args.paper, flip=args.flip), article.id)
        write_output(out, render_cards(article, paper=args.paper, flip=args.flip, epoch=build_epoch(article)))

    for_each_article(args.sources, build)


def run_html(args: argparse.Namespace) -> None:
    def write(article: Article, clinic: Clinic | None) -> None:
        from ..render.web import render_web

        out = output_path(args, output_name(article.id, "html", clinic=args.clinic), article.id)
        write_output(out, render_web(article, clinic=clinic))

    _each_scheduled(args, write)
