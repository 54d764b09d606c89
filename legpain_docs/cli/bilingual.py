"""`legpain-docs pdf|html ORIGINAL --with TRANSLATION`: the bilingual handout (PDF) or web page,
refused while the translation lags behind its original unless asked to print anyway."""

from __future__ import annotations

import argparse
import sys

from ..errors import ContentError, Problem, UserError


def add_options(command: argparse.ArgumentParser) -> None:
    command.set_defaults(command=command.prog.split()[-1])
    command.add_argument(
        "--with",
        dest="translation",
        metavar="TRANSLATION.yaml",
        help="print this translation beside the article, side by side (one source only)",
    )
    command.add_argument(
        "--print-stale",
        action="store_true",
        help="with --with: print even when the translation lags behind the article (it says where)",
    )


def run_bilingual(args: argparse.Namespace) -> None:
    from ..build.epoch import build_epoch
    from ..build.problems import content_problem
    from ..build.problems import field_problem as _field_problem
    from ..load.walk import load_article
    from ..names import output_name
    from ..render.bilingual import render_bilingual, render_bilingual_web
    from ..translation.stale import findings
    from .running import output_path, write_output

    if len(args.sources) != 1:
        raise UserError.at(
            "legpain-docs",
            f"--with prints one article beside its translation, but {len(args.sources)} "
            "sources were given: give the original alone",
        )
    if args.clinic:
        raise UserError.at("legpain-docs", "the bilingual handout has no clinic header yet: leave out --clinic")
    problems, pair = [], []
    for path in (args.sources[0], args.translation):
        try:
            pair.append(load_article(path))
        except UserError as err:
            problems += err.problems
    if problems:
        raise UserError(problems)
    original, translation = pair
    if translation.id == original.id:
        raise UserError(
            _field_problem(
                args.translation,
                ("id",),
                (
                    f"this is the article itself (id '{original.id}'), not a translation of it: give its translation with --with"
                ),
            )
        )
    if translation.translation_of != original.id:
        field = ("translation_of",) if translation.translation_of else ()
        raise UserError(
            _field_problem(
                args.translation,
                field,
                (
                    f"this article is not a translation of '{original.id}' ({args.sources[0]}): it needs "
                    f"'translation_of: {original.id}'"
                ),
            )
        )
    stale = [
        _field_problem(args.translation, finding.field, finding.message)
        for finding in findings(translation, args.translation, original)
    ]
    if stale and not args.print_stale:
        raise UserError(
            [
                *stale,
                Problem(
                    "legpain-docs",
                    None,
                    None,
                    (
                        f"the translation lags behind its original in {len(stale)} place(s), so the two columns would not say "
                        "the same: bring it up to date, or print it as it is with --print-stale (make bilingual PRINT_STALE=1)"
                    ),
                ),
            ]
        )
    for problem in stale:
        print(str(problem).replace(": error: ", ": warning: ", 1), file=sys.stderr)
    if args.command == "html":
        write_output(
            output_path(args, output_name(original.id, "html", translation=translation.language)),
            render_bilingual_web(original, translation),
        )
        return
    name = output_name(
        original.id, "handout", paper=args.paper, large=args.large_print, translation=translation.language
    )
    out = output_path(args, name)
    epoch = max(build_epoch(original), build_epoch(translation))  # the later review dates the pair
    try:
        data = render_bilingual(original, translation, paper=args.paper, large_print=args.large_print, epoch=epoch)
    except ContentError as err:  # at the text too long, in the original or in its translation
        source = args.translation if err.input == "translation" else args.sources[0]
        raise UserError(content_problem(err, str(source))) from None
    write_output(out, data)
