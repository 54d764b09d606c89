"""`legpain-docs build`: a library's outputs, or a check of what a build would refuse, or a clean."""

from __future__ import annotations

import argparse
import sys

from ..errors import UserError


def add_build_command(commands: argparse._SubParsersAction) -> None:
    build = commands.add_parser(
        "build",
        help="build every article of a library (or the sources named): every kind of output, only what changed",
        description="Build every article of the source folder (or the SOURCEs named) into the output folder: each "
        "kind of output asked for, in each variant asked for. Only the outputs whose inputs changed (the "
        "source, the clinic or library file, the deck record, the code) are built again; a broken article "
        "is reported and the others are built; with SOURCEs no library deck is written.",
    )
    if not isinstance(build, argparse.ArgumentParser):  # another command was typed: the kinds need not be loaded
        return
    build.add_argument(
        "sources", nargs="*", metavar="SOURCE", help="these articles only (default: every article of --source-dir)"
    )
    build.add_argument(
        "--source-dir",
        metavar="DIR",
        default="source",
        help="the library's folder: every *.yaml but *.clinic.yaml and library.yaml is an article (default: source)",
    )
    build.add_argument(
        "--out-dir", metavar="DIR", default="output", help="where the outputs go (default: output, made when missing)"
    )
    build.add_argument(
        "--kind",
        action="append",
        dest="kinds",
        metavar="KIND",
        choices=_kind_names(),
        help=f"build only this kind of output ({', '.join(_kind_names())}); may be given more than once "
        "(default: every kind)",
    )
    build.add_argument(
        "--paper",
        type=str.lower,
        choices=["letter", "a4"],
        default="letter",
        help="the handout's and cards' paper (default: letter)",
    )
    build.add_argument("--large-print", action="store_true", help="the large-print handout")
    build.add_argument(
        "--flip",
        type=str.lower,
        choices=["long", "short"],
        default="long",
        help="the cards' duplex flip edge (default: long)",
    )
    build.add_argument(
        "--all-variants",
        action="store_true",
        help="every print variant: Letter and A4, regular and large print, long- and short-edge flip",
    )
    build.add_argument("--clinic", metavar="CLINIC.yaml", help="the clinic's version of the handout and web page")
    build.add_argument(
        "--library",
        metavar="LIBRARY.yaml",
        help="the library file naming the library deck (default: library.yaml in --source-dir)",
    )
    build.add_argument(
        "-j", "--jobs", type=_jobs, default=0, metavar="N", help="build N outputs side by side (default: one per core)"
    )
    mode = build.add_mutually_exclusive_group()
    mode.add_argument(
        "--check",
        action="store_true",
        help="write nothing: check every article, clinic file and the library file, and print each reading grade",
    )
    mode.add_argument(
        "--readability",
        type=float,
        metavar="MAX_GRADE",
        help="write nothing: the reading-level report of each article; status 3 when one is above MAX_GRADE",
    )
    mode.add_argument("--pemat", action="store_true", help="write nothing: the PEMAT-P self-audit of each article")
    mode.add_argument("--clean", action="store_true", help="remove every output a build wrote in the output folder")
    build.set_defaults(run=run_build)


def run_build(args: argparse.Namespace) -> int:
    if args.check:
        return _check(args)
    if args.readability is not None:
        return _readability(args)
    if args.pemat:
        from .pemat import run_pemat

        run_pemat(argparse.Namespace(sources=_sources(args), summary=False))
        return 0
    if args.clean:
        from ..build.clean import clean

        clean(args.out_dir, print)
        return 0
    from ..build.library import Request, build
    from ..build.registry import DEFAULT_KINDS, Options

    options = Options(
        paper=args.paper, large=args.large_print, flip=args.flip, clinic=args.clinic, every=args.all_variants
    )
    request = Request(
        tuple(args.sources),
        args.source_dir,
        args.out_dir,
        tuple(args.kinds or DEFAULT_KINDS),
        options,
        args.library,
        args.jobs,
    )
    build(request)
    return 0


def _check(args: argparse.Namespace) -> int:
    """`check` over what the build would build: the articles, the clinic files, the library file."""
    import os

    from ..build.sources import clinics_in, library_file
    from .check import run_check, run_readability

    sources = _sources(args)
    clinics = [args.clinic] if args.clinic else clinics_in(args.source_dir) if os.path.isdir(args.source_dir) else []
    library = args.library or library_file(args.source_dir)
    status = run_check(
        argparse.Namespace(
            sources=sources,
            clinic=clinics,
            library=library if os.path.exists(library) else None,
            quiet=False,
            strict=False,
            summary=True,
            today=None,
        )
    )
    if status:  # its problems are printed, each where its file is named
        return status
    sys.stdout.flush()
    run_readability(argparse.Namespace(sources=sources, max_grade=8, summary=True))  # reported, never failing
    return 0


def _readability(args: argparse.Namespace) -> int:
    from .check import run_readability

    return run_readability(argparse.Namespace(sources=_sources(args), max_grade=args.readability, summary=False))


def _sources(args: argparse.Namespace) -> list[str]:
    """The SOURCEs named, else every article of the source folder (refused when it holds none)."""
    from ..build.sources import articles_in

    sources = args.sources or articles_in(args.source_dir)
    if not sources:
        raise UserError.at(
            args.source_dir,
            "no article to check: the folder holds no article (a *.yaml file other "
            "than *.clinic.yaml and library.yaml)",
        )
    return sources


def _kind_names() -> list[str]:
    from ..build.registry import KINDS

    return list(KINDS)


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of processes, 1 or more, got '{value}'")
    return int(value)
