"""`legpain-docs fhir`: each article's handouts in a FHIR R4 bundle an EHR can file."""

from __future__ import annotations

import argparse

from ..build.epoch import build_epoch
from ..names import output_name
from .arguments import library_option, sources_and_output
from .running import clinic_of, for_each_article, library_of, output_path, write_output

# The model is imported when an article is read: a build with nothing to do never is. (typing's
# TYPE_CHECKING would cost that build 2 ms to import; checkers read any TYPE_CHECKING as True.)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..model import Article


def add_command(commands_: argparse._SubParsersAction) -> None:
    fhir = commands_.add_parser(
        "fhir", help="write each article's FHIR R4 bundle: a DocumentReference carrying its handout PDF and web page"
    )
    sources_and_output(fhir, "<id>.fhir.json, <id>-a4-<clinic>.fhir.json, ...")
    fhir.add_argument(
        "--paper",
        choices=["letter", "a4"],
        default="letter",
        help="the paper of the handout it carries (default: letter)",
    )
    fhir.add_argument("--clinic", metavar="CLINIC.yaml", help="carry this clinic's handout and web page")
    library_option(fhir)
    fhir.set_defaults(run=run_fhir)


def run_fhir(args: argparse.Namespace) -> None:
    """Render the handout and the web page as `pdf` and `html` would (same bytes), then file them in a bundle."""
    clinic, library = clinic_of(args), library_of(args)
    from ..render.fhir import Attached, render_fhir
    from ..render.handout import render_handout
    from ..render.web import render_web
    from ..review import scheduled
    from ..words import words_for

    def build(article: Article) -> None:
        article = scheduled(article, library)
        out = output_path(args, output_name(article.id, "fhir", paper=args.paper, clinic=args.clinic), article.id)
        handout = render_handout(article, paper=args.paper, clinic=clinic, epoch=build_epoch(article))
        attached = [
            Attached(
                output_name(article.id, "handout", paper=args.paper, clinic=args.clinic), "application/pdf", handout
            ),
            Attached(
                output_name(article.id, "html", clinic=args.clinic),
                "text/html;charset=utf-8",
                render_web(article, clinic=clinic),
            ),
        ]
        write_output(out, render_fhir(article, attached, subject=words_for(article.language).handout_subject))

    for_each_article(args.sources, build, clinic=args.clinic)
