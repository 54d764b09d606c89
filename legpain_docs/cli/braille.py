"""`legpain-docs braille`: each article's .brf for an embosser, with a guide to embossing it."""

from __future__ import annotations

import argparse

from ..names import output_name

# The model is imported when an article is read: a build with nothing to do never is. (typing's
# TYPE_CHECKING would cost that build 2 ms to import; checkers read any TYPE_CHECKING as True.)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..model import Article

MIN_CELLS, MAX_CELLS = 20, 60  # narrower than 20 cells no heading fits; no embosser is wider than 60 cells
MIN_LINES, MAX_LINES = 10, 50


def add_command(commands: argparse._SubParsersAction, sources_and_output) -> None:
    braille = commands.add_parser("braille", help="write the braille edition (.brf) and a guide to embossing it")
    sources_and_output(braille, "<id>.brf and <id>-emboss.txt (<id>-CELLSxLINES.brf for another page size)")
    braille.add_argument(
        "--cells",
        type=_within(MIN_CELLS, MAX_CELLS),
        default=40,
        metavar="N",
        help=f"cells per line (default: 40; {MIN_CELLS} to {MAX_CELLS})",
    )
    braille.add_argument(
        "--lines",
        type=_within(MIN_LINES, MAX_LINES),
        default=25,
        metavar="N",
        help=f"lines per page, the page number's line included (default: 25; {MIN_LINES} to {MAX_LINES})",
    )
    braille.set_defaults(run=run_braille)


def run_braille(args: argparse.Namespace) -> None:
    from ..output import check_target
    from ..render.braille import PageFormat, page_count, render_braille, render_emboss_guide
    from .running import for_each_article, inputs_of, output_path, write_output

    page = PageFormat(cells=args.cells, lines=args.lines)

    def build(article: Article) -> None:
        out = output_path(args, output_name(article.id, "braille", cells=page.cells, lines=page.lines), article.id)
        guide = out.with_name(output_name(article.id, "emboss-guide", cells=page.cells, lines=page.lines))
        if args.output is not None:  # -o names the .brf; its guide goes beside it
            guide = out.with_name(out.stem + "-emboss.txt")
        guide = check_target(guide, inputs=inputs_of(args))  # refused, as the .brf's path is, before either is written
        brf = render_braille(article, page)
        text = render_emboss_guide(article, out.name, page_count(brf), page)
        write_output(out, brf)
        write_output(guide, text)

    for_each_article(args.sources, build)


def _within(low: int, high: int):
    def number(value: str) -> int:
        if not (value.isascii() and value.isdigit()) or not low <= int(value) <= high:
            raise argparse.ArgumentTypeError(f"must be a whole number from {low} to {high}, got '{value}'")
        return int(value)

    number.__name__ = "number"
    return number
