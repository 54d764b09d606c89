"""The arguments several commands share: the sources, where their outputs go, the library file."""

from __future__ import annotations

import argparse


def library_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--library",
        metavar="LIBRARY.yaml",
        help="the library file, whose review_interval_months dates the next review of an article "
        "without its own review_due",
    )


def sources_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument("sources", nargs="+", metavar="SOURCE", help="an article's YAML source (one or several)")


def sources_and_output(command: argparse.ArgumentParser, names: str) -> None:
    """SOURCE..., and where the outputs go: -o for one source, else a name of its own in a folder."""
    sources_argument(command)
    where = command.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="OUT", help="where to write (one source only)")
    where.add_argument(
        "--out-dir",
        metavar="DIR",
        default="output",
        help=f"the folder for each source's output, named {names} (default: output, made when missing)",
    )
