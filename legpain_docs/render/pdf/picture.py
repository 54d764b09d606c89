"""A figure's picture on a PDF page: a photo as an image, an SVG as vector paths (svglib), scaled to a box.

The handout places it as a flowable, the cards draw it straight on a card's back. Either way the
picture is one marked-content sequence of a `Figure` element, which carries the alt text and
the box it was drawn in (`/BBox`, in page coordinates), as PDF/UA asks of a figure.
"""

from __future__ import annotations

import functools
import io

from reportlab.platypus import Flowable

from ...errors import ContentError
from ...model import Article, Picture
from .document import BOLD, REGULAR, register_fonts


def fitted(picture: Picture, width: float, height: float) -> tuple[float, float]:
    """The largest size of the picture's shape within width x height."""
    scale = min(width / picture.width, height / picture.height)
    return picture.width * scale, picture.height * scale


def draw_picture(canvas, picture: Picture, x: float, y: float, width: float, height: float) -> None:
    """Draw the picture with its lower left corner at (x, y), `width` by `height` points."""
    if picture.format == "svg":
        _draw_svg(canvas, picture, x, y, width, height)
        return
    from reportlab.lib.utils import ImageReader

    # A JPEG goes into the PDF as it is (DCT); a PNG is decoded and compressed by reportlab.
    canvas.drawImage(ImageReader(io.BytesIO(picture.data)), x, y, width, height, mask="auto")


def _draw_svg(canvas, picture: Picture, x: float, y: float, width: float, height: float) -> None:
    from reportlab.graphics import renderPDF
    from svglib.svglib import svg2rlg  # only a document with a drawing pays for svglib and lxml

    drawing = svg2rlg(io.BytesIO(picture.data))
    if drawing is None:  # the loader parsed it already: svglib failing now is a bug, not the editor's
        raise RuntimeError(f"svglib could not read {picture.name}")
    _our_fonts(drawing)
    drawing.initialFontName = REGULAR  # else renderPDF sets Helvetica, a font never embedded, before it draws
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(width / drawing.width, height / drawing.height)
    renderPDF.draw(drawing, canvas, 0, 0)
    canvas.restoreState()


def undrawable(article: Article, *, items_only: bool = False, input: str = "article") -> ContentError | None:
    """The first SVG of the article that svglib and reportlab cannot draw (`<rect width="abc">`,
    `stroke-dasharray="0 0"`, `d="M"`...), at its `file:`; None when every one draws. `check`
    and every PDF's build ask this first, so they refuse the same pictures the same way."""
    for field, figure in _figures(article):
        if figure.file.format == "svg" and (field[-1] == "items" or not items_only):
            reason = _drawing_problem(figure.file.data)
            if reason is not None:
                return ContentError(
                    f"{figure.file.name}: the PDF cannot draw this SVG ({reason}): save it again "
                    "from a drawing program",
                    input,
                    (*field[:-1], "figure", "file"),
                )
    return None


def _figures(article: Article):
    """(where, figure) of every figure: the keys that lead to what holds it, the last naming its kind."""
    if article.figure:
        yield ("article",), article.figure
    for n, section in enumerate(article.sections):
        if section.figure:
            yield ("sections", n, "section"), section.figure
        for m, item in enumerate(section.items):
            if item.figure:
                yield ("sections", n, "items", m, "items"), item.figure


@functools.lru_cache(maxsize=64)
def _drawing_problem(data: bytes) -> str | None:
    """Why the SVG cannot be drawn, in the libraries' words, or None: it is drawn once on a scratch page."""
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    picture = Picture("svg", data, 100, 100, "")
    try:
        _draw_svg(Canvas(io.BytesIO()), picture, 0, 0, 100, 100)
    except Exception as err:  # noqa: BLE001 - svglib and reportlab fail on odd input with any kind of error
        return " ".join(str(err).split())[:80] or type(err).__name__
    return None


def _our_fonts(node) -> None:
    """Text in the drawing in the embedded faces: svglib names Helvetica and the like, which no PDF here embeds."""
    if hasattr(node, "fontName"):
        node.fontName = BOLD if "bold" in str(node.fontName).lower() else REGULAR
    for child in getattr(node, "contents", []):
        _our_fonts(child)


class PictureFlowable(Flowable):
    """The picture as wide as the column (less `indent`) and at most `max_height` tall, on the left."""

    def __init__(self, picture: Picture, max_height: float, indent: float = 0):
        super().__init__()
        self.picture, self.max_height, self.indent = picture, max_height, indent

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.picture_size = fitted(self.picture, available_width - self.indent, self.max_height)
        self.width, self.height = available_width, self.picture_size[1]
        return self.width, self.height

    def drawOn(self, canvas, x: float, y: float, _sW: float = 0) -> None:
        element = getattr(self, "struct", None)
        if hasattr(element, "bbox"):  # where the picture lands on the page, for the Figure's /BBox
            width, height = self.picture_size
            element.bbox = (x + self.indent, y, x + self.indent + width, y + height)
        super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        draw_picture(self.canv, self.picture, self.indent, 0, *self.picture_size)

    def split(self, available_width: float, available_height: float) -> list:
        return []  # a picture is never cut in two
