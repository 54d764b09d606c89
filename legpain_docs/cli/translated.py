"""`legpain-docs translated`: record that a translation now follows its original as it stands."""

from __future__ import annotations

import argparse
import os

from ..errors import UserError
from .running import loaded


def add_command(commands: argparse._SubParsersAction) -> None:
    translated = commands.add_parser(
        "translated", help="record that each translation follows its original as it is now (its .translation-record)"
    )
    translated.add_argument(
        "sources", nargs="+", metavar="SOURCE", help="a translation's YAML source (an article with 'translation_of:')"
    )
    translated.set_defaults(run=run_translated)


def run_translated(args: argparse.Namespace) -> None:
    from ..build.problems import field_problem as _field_problem
    from ..load.read import read_bytes
    from ..output import write_atomically
    from ..translation.record import RECORD, follows, format_record, record_path
    from ..translation.report import find_original

    records = []
    articles, problems = loaded(args.sources)
    for source, article in articles:
        if article.translation_of is None:
            problems.append(
                UserError.at(
                    source,
                    "this article names no original: add 'translation_of: <the original's "
                    "id>' to record which article it translates",
                ).problems[0]
            )
            continue
        original, why = find_original(source, article)
        if original is None:
            problems.append(_field_problem(source, ("translation_of",), why))
            continue
        records.append((record_path(source), format_record(original.id, follows(article, original))))
    if problems:  # all or nothing: a record is written only when every source could be compared
        raise UserError(problems)
    for path, text in records:
        if not os.path.lexists(path) or read_bytes(str(path), RECORD) != text.encode("utf-8"):
            made = "updated" if os.path.lexists(path) else "wrote"  # a first record is not an update of one
            write_atomically(path, text.encode("utf-8"))
            print(f"{made} {path}: commit it with the translation")
        else:
            print(f"{path}: up to date")
