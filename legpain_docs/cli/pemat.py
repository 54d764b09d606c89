"""`legpain-docs pemat`: the PEMAT-P self-audit of each article."""

from __future__ import annotations

import argparse

from ..errors import UserError
from .arguments import sources_argument
from .running import loaded


def add_command(commands_: argparse._SubParsersAction) -> None:
    pemat = commands_.add_parser("pemat", help="audit each article against PEMAT-P's 24 print items")
    sources_argument(pemat)
    pemat.add_argument("--summary", action="store_true", help="print only each article's one-line summary")
    pemat.set_defaults(run=run_pemat)


def run_pemat(args: argparse.Namespace) -> None:
    """The audit of each source in turn; a source that does not load is reported as `check` would."""
    from ..load.positions import positions_of
    from ..pemat import audit, report_text, summary_line

    reports: list[str] = []
    articles, problems = loaded(args.sources)
    for source, article in articles:
        measures = audit(article, positions_of(source), grade=not args.summary)
        lines = [summary_line(source, measures)] if args.summary else report_text(source, article, measures)
        reports.append("\n".join(lines))
    if reports:
        print(("\n" if args.summary else "\n\n").join(reports))
    if problems:
        raise UserError(problems)
