"""`legpain-docs epub`: each article as an accessible, reflowable EPUB 3 book."""

from __future__ import annotations

import argparse

from ..names import output_name

# The model is imported when an article is read: a build with nothing to do never is. (typing's
# TYPE_CHECKING would cost that build 2 ms to import; checkers read any TYPE_CHECKING as True.)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..model import Article


def add_command(commands: argparse._SubParsersAction, sources_and_output) -> None:
    epub = commands.add_parser(
        "epub", help="write the EPUB 3 book: reflowable and accessible, for e-readers and phones"
    )
    sources_and_output(epub, "<id>.epub")
    epub.set_defaults(run=run_epub)


def run_epub(args: argparse.Namespace) -> None:
    from ..build.epoch import build_epoch
    from ..render.epub import render_epub
    from .running import for_each_article, output_path, write_output

    def build(article: Article) -> None:
        out = output_path(args, output_name(article.id, "epub"), article.id)
        write_output(out, render_epub(article, epoch=build_epoch(article)))

    for_each_article(args.sources, build)
