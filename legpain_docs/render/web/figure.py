"""A figure on the web page: `<figure>` with the picture inline as a data: URI, its alt text and caption.

The picture travels inside the page, so the page stays one file that asks nothing of a
network; the page's policy then allows images from data: URIs and nowhere else. An SVG in an
`<img>` runs no script and loads nothing, and the loader has refused any that tried.
"""

from __future__ import annotations

import base64

from ...model import Figure
from .markup import element, text

POLICY = "img-src data:"  # added to the page's policy when the article has a figure
MEDIA_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "svg": "image/svg+xml"}


def figure(figure: Figure) -> str:
    """The figure's HTML: the picture, sized to the column by the sheet, then its caption and credit."""
    picture = figure.file
    source = f"data:{MEDIA_TYPES[picture.format]};base64,{base64.b64encode(picture.data).decode('ascii')}"
    # width and height give the box its shape before the picture is decoded: no jump as the page loads.
    image = f'<img src="{source}" alt="{text(figure.alt)}" width="{picture.width}" height="{picture.height}">'
    return element("figure", image + caption(figure))


def caption(figure: Figure) -> str:
    """The `<figcaption>`: the caption, then the credit in small type; nothing when the figure has neither."""
    parts = [text(figure.caption)] if figure.caption else []
    parts += [element("small", text(figure.credit))] if figure.credit else []
    return element("figcaption", " ".join(parts)) if parts else ""
