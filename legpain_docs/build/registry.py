"""The kinds of output, declared once: each kind's renderer, file name rule and variants.

A new output is one renderer package under render/ plus one `Kind` in KINDS: the build, the
manifest, `make` and the tests take their list of kinds from here (docs/development.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import product

from ..names import output_name

# The model is imported when an article is read: a build with nothing to do never is. (typing's
# TYPE_CHECKING would cost that build 2 ms to import; checkers read any TYPE_CHECKING as True.)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..model import Article, Clinic

PAPERS = ("letter", "a4")
FLIPS = ("long", "short")
LIBRARY_DECK = "library.apkg"  # the library deck's name in the output folder (the id `library` is taken)


@dataclass(frozen=True)
class Variant:
    """One print variant: the options a kind's renderer takes (a kind ignores those it has no use for)."""

    paper: str = "letter"
    large: bool = False
    flip: str = "long"
    clinic: str | None = None  # the clinic file's path, when the clinic's version is asked for


@dataclass(frozen=True)
class Options:
    """What a build asks for: one variant, or every print variant (`every`), and the clinic's version."""

    paper: str = "letter"
    large: bool = False
    flip: str = "long"
    clinic: str | None = None
    every: bool = False


Render = Callable[["Article", Variant, "Clinic | None", int], bytes]


@dataclass(frozen=True)
class Kind:
    """An output kind: `render(article, variant, clinic, epoch)` gives its bytes, named by `file_name`.

    `varies` names the Variant fields the kind uses: its variants are every combination of
    those asked for, so a kind that varies by nothing is built once per article.
    A kind that `publishes` (the deck) is built for all articles together by its own module.
    """

    name: str
    varies: tuple[str, ...]
    module: str  # what the renderer imports: loaded once, before the work is shared out among processes
    render: Render | None = None
    publishes: bool = False
    by_default: bool = True  # built by a plain `build` (else only when asked for by --kind)
    reads_library: bool = False  # the library file's review interval dates the article's next review in it
    help: str = ""
    # What shapes the bytes beyond the package and its pinned libraries (a system library's
    # version): part of what each output is made from, so that an upgrade rebuilds it.
    environment: Callable[[], str] | None = None

    def file_name(self, article_id: str, variant: Variant) -> str:
        return output_name(
            article_id, self.name, paper=variant.paper, large=variant.large, clinic=variant.clinic, flip=variant.flip
        )

    def variants(self, options: Options) -> list[Variant]:
        """The variants of this kind that `options` ask for, in a fixed order."""
        choices = {
            "paper": PAPERS if options.every else (options.paper,),
            "large": (False, True) if options.every else (options.large,),
            "flip": FLIPS if options.every else (options.flip,),
            "clinic": (options.clinic,),
        }
        fields = [choices[name] for name in self.varies]
        return [Variant(**dict(zip(self.varies, values))) for values in product(*fields)]

    @property
    def reads_clinic(self) -> bool:
        return "clinic" in self.varies


def _handout(article: Article, variant: Variant, clinic: Clinic | None, epoch: int) -> bytes:
    from ..render.handout import render_handout

    return render_handout(article, paper=variant.paper, large_print=variant.large, clinic=clinic, epoch=epoch)


def _cards(article: Article, variant: Variant, clinic: Clinic | None, epoch: int) -> bytes:
    from ..render.cards import render_cards

    return render_cards(article, paper=variant.paper, flip=variant.flip, epoch=epoch)


def _web(article: Article, variant: Variant, clinic: Clinic | None, epoch: int) -> bytes:
    from ..render.web import render_web

    return render_web(article, clinic=clinic)


def _fhir(article: Article, variant: Variant, clinic: Clinic | None, epoch: int) -> bytes:
    from ..render.fhir import Attached, render_fhir
    from ..words import words_for

    handout = _handout(article, replace(variant, large=False), clinic, epoch)  # the bundle carries the regular print
    attached = [
        Attached(
            output_name(article.id, "handout", paper=variant.paper, clinic=variant.clinic), "application/pdf", handout
        ),
        Attached(
            output_name(article.id, "html", clinic=variant.clinic),
            "text/html;charset=utf-8",
            _web(article, variant, clinic, epoch),
        ),
    ]
    return render_fhir(article, attached, subject=words_for(article.language).handout_subject)


def _braille(article: Article, variant: Variant, clinic: Clinic | None, epoch: int) -> bytes:
    from ..render.braille import render_braille

    return render_braille(article)


def _emboss_guide(article: Article, variant: Variant, clinic: Clinic | None, epoch: int) -> bytes:
    from ..render.braille import page_count, render_braille, render_emboss_guide

    return render_emboss_guide(article, output_name(article.id, "braille"), page_count(render_braille(article)))


def _epub(article: Article, variant: Variant, clinic: Clinic | None, epoch: int) -> bytes:
    from ..render.epub import render_epub

    return render_epub(article, epoch=epoch)


def _liblouis() -> str:
    """liblouis's version: Debian's, outside the virtual environment, with its tables."""
    from ..render.braille.louis import version

    return f"liblouis {version()}"


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "handout",
            ("paper", "large", "clinic"),
            "legpain_docs.render.handout",
            _handout,
            reads_library=True,
            help="the patient handout PDF",
        ),
        Kind("cards", ("paper", "flip"), "legpain_docs.render.cards", _cards, help="the printable flashcards PDF"),
        Kind("html", ("clinic",), "legpain_docs.render.web", _web, reads_library=True, help="the web handout"),
        Kind(
            "deck",
            (),
            "legpain_docs.render.deck.publishing",
            publishes=True,
            help="the Anki decks, each article's and the library's",
        ),
        Kind(
            "fhir",
            ("paper", "clinic"),
            "legpain_docs.render.fhir",
            _fhir,
            by_default=False,
            reads_library=True,
            help="a FHIR R4 bundle carrying the handout and the web page, for an EHR",
        ),
        # Built on request: braille needs liblouis, which `make braille` installs on first use.
        Kind(
            "braille",
            (),
            "legpain_docs.render.braille",
            _braille,
            by_default=False,
            help="the braille edition (.brf, 40 cells by 25 lines), for an embosser",
            environment=_liblouis,
        ),
        Kind(
            "emboss-guide",
            (),
            "legpain_docs.render.braille",
            _emboss_guide,
            by_default=False,
            help="the guide to embossing the braille edition",
            environment=_liblouis,
        ),
        Kind("epub", (), "legpain_docs.render.epub", _epub, by_default=False, help="the accessible EPUB 3 book"),
    )
}
DEFAULT_KINDS = tuple(name for name, kind in KINDS.items() if kind.by_default)
