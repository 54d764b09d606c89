"""`legpain-docs preview`: serve every view of the articles on loopback, rebuilt on each save."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UserError


def add_parser(commands) -> None:
    preview = commands.add_parser("preview", help="show every view of the articles in a browser, rebuilt on each save")
    preview.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help="an article's YAML source (one or several; default: every article of --source-dir)",
    )
    preview.add_argument(
        "--source-dir",
        metavar="DIR",
        default="source",
        help="the library's folder, when no SOURCE is named (default: source)",
    )
    preview.add_argument("--port", type=int, default=0, help="the port on 127.0.0.1 (default: a free one)")
    preview.add_argument(
        "--paper",
        type=str.lower,
        choices=["letter", "a4"],
        default="letter",
        help="the handout variant shown beside Letter, and the cards' paper (default: letter)",
    )
    preview.add_argument("--large-print", action="store_true", help="show the large-print handout too")
    preview.add_argument(
        "--flip",
        type=str.lower,
        choices=["long", "short"],
        default="long",
        help="the cards' duplex flip edge (default: long)",
    )
    preview.add_argument("--clinic", metavar="CLINIC.yaml", help="show the handouts and web page with this clinic")
    preview.add_argument("--library", metavar="LIBRARY.yaml", help="watch the library file too")
    preview.set_defaults(run=run_preview)


def run_preview(args: argparse.Namespace) -> int:
    """Build, serve, print the address, then rebuild on every save until Ctrl-C."""
    import tempfile

    from ..build.sources import articles_in, library_file
    from ..preview.server import HOST, serve
    from ..preview.state import Preview
    from ..preview.views import Options
    from ..preview.watch import stamps, watch, watched

    sources = args.sources or articles_in(args.source_dir)
    if not sources:
        raise UserError.at(
            args.source_dir,
            "no article to preview: the folder holds no article (a *.yaml file other "
            "than *.clinic.yaml and library.yaml)",
        )
    library = args.library or (library_file(args.source_dir) if not args.sources else None)
    options = Options(
        args.paper, args.large_print, args.flip, args.clinic, library if library and Path(library).exists() else None
    )
    with tempfile.TemporaryDirectory(prefix="legpain-docs-preview-") as folder:  # never output/ nor source/
        preview = Preview(list(sources), options, Path(folder))
        since = stamps(watched(preview))  # before the first build: a save during it is seen
        preview.rebuild()
        _report(preview)
        server = serve(preview, args.port)
        print(f"preview: http://{HOST}:{server.server_address[1]}/ (Ctrl-C stops it)", flush=True)
        try:
            watch(preview, since, _report)
        except KeyboardInterrupt:
            pass
        finally:
            preview.stop()
            server.shutdown()
            server.server_close()
    print("preview: stopped", flush=True)
    return 0


def _report(preview) -> None:
    """Each article's state on the terminal too: its problems, or how long its views took."""
    for shown in preview.shown:
        for problem in shown.problems:
            print(problem, file=sys.stderr, flush=True)
        if not shown.problems:
            print(f"{shown.source}: views rebuilt in {shown.seconds * 1000:.0f} ms", flush=True)
