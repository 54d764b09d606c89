"""Image-occlusion notes' fields: a labelled part of a drawing hidden on a card of its own, in the
form Anki's own Image Occlusion note type (Anki 23.10 and later) draws.

A drawing's shape with an `id` and a `data-label` (load/pictures.py) gives one note whose only
cloze hides that shape: a rectangle, an ellipse or a polygon as Anki's own masks are, or the box
around a path (load/outline.py). Its identity (notes.py) is the article, where the figure is (the
article, a section's id or an item's key, each marked as which) and the shape's `id`: relabelling
or moving the shape changes the note, never its history; a new shape is a new note, and one that
leaves the drawing retires its own.
"""

from __future__ import annotations

from ...model import Figure, PicturePart
from .media import media_name

KIND = "occlusion"


def occlusion_key(owner: str, part: PicturePart) -> str:
    """`section:spinal#knee`: where the figure is, and the shape's id."""
    return f"{owner}#{part.id}"


def occlusion_fields(figure: Figure, part: PicturePart, header: str, label: str) -> tuple[str, ...]:
    """Occlusion, Image, Header, Back Extra (the part's label, as field HTML), Comments."""
    return (_occlusion(part), f'<img src="{media_name(figure.file)}">', header, label, "")


def _occlusion(part: PicturePart) -> str:
    """One cloze hiding the part, in fractions of the picture, as Anki's occlusion editor writes it:
    a rectangle by its box, an ellipse by its box's top left corner and its radii, a polygon by its
    box's top left corner and its points."""
    left, top, width, height = part.box
    corner = f"left={_number(left)}:top={_number(top)}"
    if part.shape == "ellipse":
        geometry = f"ellipse:{corner}:rx={_number(width / 2)}:ry={_number(height / 2)}"
    elif part.shape == "polygon":
        points = " ".join(f"{_number(x)},{_number(y)}" for x, y in part.points)
        geometry = f"polygon:{corner}:points={points}"
    else:
        geometry = f"rect:{corner}:width={_number(width)}:height={_number(height)}"
    return f"{{{{c1::image-occlusion:{geometry}}}}}"


def _number(value: float) -> str:
    """0.35, not 0.3500: four places at most, as the loader rounds them."""
    return f"{value:.4f}".rstrip("0").rstrip(".") or "0"
