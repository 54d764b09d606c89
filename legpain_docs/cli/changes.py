"""`legpain-docs changes SOURCE...`: print the deck's release notes, what each revision changed for students."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UserError


def add_changes_command(commands: argparse._SubParsersAction) -> None:
    changes = commands.add_parser("changes", help="print the release notes of each source's deck (newest first)")
    changes.add_argument("sources", nargs="+", metavar="SOURCE", help="an article's YAML source (one or several)")
    changes.set_defaults(run=run_changes)


def run_changes(args: argparse.Namespace) -> None:
    """Each source's release notes as `make anki` keeps them; a source whose deck has none says so."""
    from ..names import changes_path
    from ..render.deck.changes import format_changes, read_changes

    for source in args.sources:
        if not Path(source).is_file():
            raise UserError.at(source, "no such file")
        releases = read_changes(changes_path(source))
        if len(args.sources) > 1:
            print(f"==> {source} <==")
        if releases:
            sys.stdout.write(format_changes(releases, Path(source).name))
        else:
            print(
                f"{source}: no release notes yet: `legpain-docs anki` (make anki) writes "
                f"{changes_path(source)} when a build changes the deck"
            )
