"""A figure in the book: `<figure>` with the picture as a file of the book, its alt text and caption.

A reading system shows the picture and gives its alt text to a screen reader or a braille
display in its place; the caption and credit are text for every reader. The picture is a file
of the package (a data: URI would be an unlisted resource to EPUBCheck and to some reading
systems), named by its content so that one picture shown twice is stored once. Its bytes are
the loader's: without EXIF, GPS, text chunks or SVG metadata.
"""

from __future__ import annotations

import hashlib

from ...model import Article, Figure, Picture
from ..web.figure import MEDIA_TYPES, caption
from ..web.markup import element, text

FOLDER = "images"
EXTENSIONS = {"png": "png", "jpeg": "jpg", "svg": "svg"}


def image_path(picture: Picture) -> str:
    """images/picture-<first 16 hex digits of the SHA-256 of its bytes>.<png|jpg|svg>, relative to the content."""
    return f"{FOLDER}/picture-{hashlib.sha256(picture.data).hexdigest()[:16]}.{EXTENSIONS[picture.format]}"


def figure_markup(figure: Figure) -> str:
    """The figure as XHTML: the picture (sized to the page by the book's style sheet), then its caption."""
    picture = figure.file
    image = (
        f'<img src="{image_path(picture)}" alt="{text(figure.alt)}" width="{picture.width}" height="{picture.height}"/>'
    )
    return element("figure", image + caption(figure))


def pictures(article: Article) -> list[tuple[str, Picture, str]]:
    """Each picture of the article once, in reading order: (its path in the book, the picture, its media type)."""
    found: dict[str, Picture] = {}
    for figure in article.figures:
        found.setdefault(image_path(figure.file), figure.file)
    return [(path, picture, MEDIA_TYPES[picture.format]) for path, picture in found.items()]
