"""A figure's picture file, read as warily as a source: its format by content, its size bounded,
its metadata stripped, an SVG refused when it could run, fetch or expand anything.

Every refusal is a `PictureError` whose message the loader places at the figure's `file:` line.
The bytes kept are what every output embeds: the same file gives the same bytes on any machine
(Pillow re-encodes with fixed settings; an SVG is written back without its comments and metadata).
"""

from __future__ import annotations

import io
import math
import os
import re
import stat
from pathlib import Path

from ..model import Picture, PicturePart
from .outline import NUMBER, Matrix, OutlineError, multiply, outline, parse_transform

MAX_BYTES = 5 * 1024 * 1024  # a clinic's photo or drawing; larger is a camera original to scale down first
MAX_PIXELS = 25_000_000  # 25 megapixels (5000 x 5000): decoding and writing it again peaks near 220 MB
MAX_SIDE = 10_000  # pixels on either side
MAX_SVG_ELEMENTS = 10_000
MAX_SVG_NUMBER = 1e9  # a drawing is at most 100,000 units across; a PDF cannot hold a number past 1e20
NOT_NUMBERS = {"id", "class", "href", "lang", "space", "label"}  # attributes that name, not measure
MAX_SVG_DEPTH = 100  # elements inside elements: drawing programs nest a dozen; the renderers recurse
FORMATS = {"png": "PNG", "jpeg": "JPEG", "svg": "SVG"}
EXTENSIONS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".svg": "svg"}
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# What an SVG may hold: drawing, text and structure. Anything else (script, foreignObject, image,
# animation, use of other files) is refused rather than removed, so the editor sees what was wrong.
SVG_ELEMENTS = {
    "svg",
    "g",
    "defs",
    "title",
    "desc",
    "metadata",
    "symbol",
    "use",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "textPath",
    "linearGradient",
    "radialGradient",
    "stop",
    "clipPath",
    "mask",
    "pattern",
    "marker",
    "style",
}
URL = re.compile(r"url\(\s*['\"]?\s*([^)'\"]*)")  # what a url(...) in an attribute or a <style> points at
SHAPES = {"rect", "circle", "ellipse", "polygon", "path"}  # what a labelled part may be (outline.py: its mask)
# A labelled part must be drawn where it stands: not inside a nested viewport or a template.
UNDRAWN = {"svg", "symbol", "defs", "clipPath", "mask", "pattern", "marker"}


class PictureError(Exception):
    """A picture the outputs cannot safely take; the message says why and what to do."""


def read_picture(folder: Path, written: str) -> Picture:
    """The picture file `written` (as in the source), relative to the article's folder."""
    path = _inside(folder, written)
    data = _read(path)
    fmt = sniff(data)
    if fmt is None:
        raise PictureError("the file is not a PNG, JPEG or SVG image (judged by its content, not its name)")
    named = EXTENSIONS.get(Path(written).suffix.lower())
    if named is not None and named != fmt:
        raise PictureError(
            f"the file is named as {FORMATS[named]} but holds {FORMATS[fmt]}: give it the name "
            f"its content has (.{'jpg' if fmt == 'jpeg' else fmt})"
        )
    if named is None:
        raise PictureError(f"a picture's name ends in .png, .jpg, .jpeg or .svg (this one holds {FORMATS[fmt]})")
    if fmt == "svg":
        return _svg(data, Path(written).name)
    return _bitmap(data, fmt, Path(written).name)


def sniff(data: bytes) -> str | None:
    """The format by the file's first bytes: 'png', 'jpeg', 'svg', or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<") and re.search(rb"<svg[\s>]", head):
        return "svg"
    return None


def _inside(folder: Path, written: str) -> Path:
    """The file, refused when it lies outside the article's folder (by '..', an absolute path or a link)."""
    if not written or written != written.strip():
        raise PictureError("write the picture's file name without spaces around it")
    relative = Path(written)
    if relative.is_absolute() or ".." in relative.parts:
        raise PictureError(
            "the picture must be in the article's folder or below it: write a path relative to the "
            "article's file, without '..'"
        )
    path = folder / relative
    try:
        real, root = path.resolve(strict=True), folder.resolve(strict=True)
    except FileNotFoundError:
        raise PictureError("no such file in the article's folder") from None
    except (OSError, RuntimeError) as err:  # a loop of links, a name too long
        raise PictureError(f"cannot read {path}: {getattr(err, 'strerror', None) or err}") from None
    if root not in real.parents:
        raise PictureError(
            "the picture is a link to a file outside the article's folder: copy the file into the folder instead"
        )
    # build/pictures.py watches the pictures beside a source, but no hidden folder's (.git):
    # a picture in one could change and leave its article's outputs as they were.
    hidden = next((p for p in (*relative.parts[:-1], *real.relative_to(root).parts[:-1]) if p.startswith(".")), None)
    if hidden is not None:
        raise PictureError(
            f"the picture is in a hidden folder ('{hidden[:40]}'), where `build` never looks for a changed "
            "picture: move it to a folder whose name does not start with '.'"
        )
    return path


def _read(path: Path) -> bytes:
    """The file's bytes: a regular file of 1 byte to MAX_BYTES, opened without waiting on a FIFO."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as err:
        raise PictureError(f"cannot read {path}: {(err.strerror or str(err)).lower()}") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise PictureError("the picture is not a regular file (a folder, a named pipe or a device): name an image file")
    with os.fdopen(fd, "rb") as file:
        if info.st_size == 0:
            raise PictureError("the picture file is empty (0 bytes)")
        if info.st_size > MAX_BYTES:
            raise PictureError(
                f"the picture is {info.st_size / 1024 / 1024:.1f} MiB, over the limit of "
                f"{MAX_BYTES // 1024 // 1024} MiB: scale it down (2000 pixels across is plenty for print)"
            )
        return file.read(MAX_BYTES + 1)


def _bitmap(data: bytes, fmt: str, name: str) -> Picture:
    """A PNG or JPEG decoded whole (a truncated file is refused), turned upright by its EXIF
    orientation, and written again with its colour profile and nothing else (no EXIF, GPS or text)."""
    from PIL import Image, ImageOps  # only an article with a photo pays for Pillow

    if fmt == "png" and len(data) >= 24:  # the size its header declares, judged before Pillow's own limit
        _check_pixels(int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big"))
    try:
        with Image.open(io.BytesIO(data), formats=[FORMATS[fmt]]) as image:
            _check_pixels(*image.size)
            image.load()
            upright = ImageOps.exif_transpose(image)
    except PictureError:
        raise
    except Image.DecompressionBombError:
        raise PictureError(
            f"the picture has far more than {MAX_PIXELS // 1_000_000} million pixels: scale it down"
        ) from None
    except Exception as err:  # Pillow's own errors: truncated, corrupt, unsupported mode
        raise PictureError(
            f"the {FORMATS[fmt]} file cannot be read whole ({_reason(err)}): save it again from an image editor"
        ) from None
    profile = image.info.get("icc_profile")
    out = io.BytesIO()
    if fmt == "png":
        upright.save(out, "PNG", compress_level=9, icc_profile=profile)
    else:
        if upright.mode not in ("RGB", "L", "CMYK"):
            upright = upright.convert("RGB")
        upright.save(out, "JPEG", quality=90, optimize=False, progressive=False, icc_profile=profile)
    return Picture(fmt, out.getvalue(), upright.width, upright.height, name)


def _check_pixels(width: int, height: int) -> None:
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise PictureError(
            f"the picture is {width:,} x {height:,} pixels, over the limit of {MAX_PIXELS // 1_000_000} "
            f"million pixels ({MAX_SIDE:,} on a side): scale it down"
        )


def _reason(err: Exception) -> str:
    text = str(err).strip().rstrip(".")
    return text[:80] if text else type(err).__name__


def _svg(data: bytes, name: str) -> Picture:
    """An SVG refused if it has a document type (entities), scripts, event attributes, foreign
    objects or references to anything outside itself; kept without comments and metadata."""
    import xml.etree.ElementTree as ET

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise PictureError("the SVG file is not UTF-8 text: save it again as UTF-8") from None
    if re.search(r"<!DOCTYPE|<!ENTITY", text, re.IGNORECASE):
        raise PictureError(
            "the SVG has a document type or entities (<!DOCTYPE, <!ENTITY>), which can expand without "
            "end: save it again as plain SVG"
        )
    try:
        root = ET.fromstring(text)
    except ET.ParseError as err:
        raise PictureError(f"the SVG is not well-formed XML ({err}): save it again from a drawing program") from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise PictureError("the file's outer element is not an SVG <svg> in the SVG namespace")
    elements = list(root.iter())
    if len(elements) > MAX_SVG_ELEMENTS:
        raise PictureError(
            f"the SVG has {len(elements):,} elements, over the limit of {MAX_SVG_ELEMENTS:,}: simplify it"
        )
    for element in elements:
        _check_element(element)
    _check_depth(root)
    _check_expansion(root, elements)
    parents = {child: parent for parent in elements for child in parent}
    for drop in [e for e in elements if _local(e.tag) == "metadata"]:
        parents[drop].remove(drop)
    width, height = _svg_size(root)
    origin = _origin(root)
    parts = tuple(
        _part(e, _matrix(e, parents, origin), width, height) for e in root.iter() if e.get("data-label") is not None
    )
    seen = [part.id for part in parts]
    twice = next((ident for ident in seen if seen.count(ident) > 1), None)
    if twice:
        raise PictureError(f"two labelled parts of the SVG have the id '{twice}': give each its own")
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    clean = ET.tostring(root, encoding="unicode").encode("utf-8")
    return Picture("svg", clean, round(width), round(height), name, parts)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _check_element(element) -> None:
    namespace = element.tag[1:].partition("}")[0] if element.tag.startswith("{") else ""
    local = _local(element.tag)
    if namespace != SVG_NS or local not in SVG_ELEMENTS:
        what = {
            "script": "a <script>",
            "foreignObject": "a <foreignObject> (HTML inside the picture)",
            "image": "an <image> that loads another file",
        }.get(local, f"an element <{local}> this tool does not take")
        raise PictureError(f"the SVG holds {what}: remove it (pictures are drawn, never run or fetched)")
    for attribute, value in element.attrib.items():
        name = _local(attribute)
        _check_numbers(name, value)
        if name.lower().startswith("on"):
            raise PictureError(f"the SVG has an event attribute '{name}' (code run on an event): remove it")
        if name == "href" and not value.startswith("#"):
            raise PictureError(
                f"the SVG refers to '{value[:60]}' outside itself: only links within the picture ('#id') are allowed"
            )
        if any(not target.startswith("#") for target in URL.findall(value)):
            raise PictureError(f"the SVG's '{name}' refers to something outside the picture: only url(#id) is allowed")
    style = element.text or ""
    if local == "style":
        _check_numbers("style", style)
    if local == "style" and ("@import" in style or any(not t.startswith("#") for t in URL.findall(style))):
        raise PictureError("the SVG's <style> loads something from outside (@import or url()): remove it")


def _check_numbers(name: str, value: str) -> None:
    """A number too large to write in a PDF (past 1e20 the PDF's writer refuses it), or a transform
    that squashes what it draws flat, which the PDF's renderer must undo and cannot."""
    if name in NOT_NUMBERS or name.startswith("data-"):
        return
    # Not the digits of a colour or an id (`#1e40af`, `url(#g1e99)`), nor of a name (`.c1e99`, `Font2e30`);
    # in path data a letter is a command, and the number after it counts.
    measures = re.sub(r"#[\w-]+", " ", value)
    if name not in ("d", "points"):
        measures = re.sub(r"(?<!\d)[A-Za-z_][\w-]*", " ", measures)
    for number in re.findall(NUMBER, measures):
        if not abs(float(number)) <= MAX_SVG_NUMBER:
            raise PictureError(
                f"the SVG's '{name}' holds the number {number[:40]}, far beyond any drawing's "
                f"size (at most {MAX_SVG_NUMBER:,.0f}): check it"
            )
    if name != "transform":
        return
    try:
        a, b, c, d, _, _ = parse_transform(value)
    except OutlineError:
        return  # not a transform list: the renderers ignore it (a labelled part's is refused where it counts)
    determinant = a * d - b * c
    inverse = [abs(x / determinant) for x in (a, b, c, d)] if determinant else [math.inf]
    if not max(inverse) <= MAX_SVG_NUMBER:
        raise PictureError(
            f"the SVG's transform '{value[:40]}' squashes what it draws flat (scale 0, or a matrix "
            "with no inverse): remove it, or the element it is on"
        )


def _check_depth(root) -> None:
    level = [root]
    for _ in range(MAX_SVG_DEPTH + 1):
        level = [child for element in level for child in element]
        if not level:
            return
    raise PictureError(f"the SVG nests elements more than {MAX_SVG_DEPTH} deep: simplify it")


def _check_expansion(root, elements: list) -> None:
    """Refuse a drawing whose <use> copies would multiply past MAX_SVG_ELEMENTS shapes (ten groups each
    using the one before ten times draw ten billion), or that uses itself."""
    by_id = {e.get("id"): e for e in elements if e.get("id")}
    sizes: dict[int, int] = {}
    open_: set[int] = set()

    def size(element) -> int:
        key = id(element)
        if key in sizes:
            return sizes[key]
        if key in open_:
            raise PictureError(f"the SVG's <use> of '#{element.get('id')}' copies itself: remove the loop")
        open_.add(key)
        total = 1 + sum(size(child) for child in element)
        reference = next((v for k, v in element.attrib.items() if _local(k) == "href"), None)
        if _local(element.tag) == "use" and reference and reference[1:] in by_id:
            total += size(by_id[reference[1:]])
        open_.discard(key)
        sizes[key] = total = min(total, MAX_SVG_ELEMENTS + 1)
        return total

    try:
        total = size(root)
    except RecursionError:  # a chain of hundreds of <use>, each of the next
        raise PictureError("the SVG's <use> copies go more than a few hundred deep: simplify it") from None
    if total > MAX_SVG_ELEMENTS:
        raise PictureError(f"the SVG's <use> copies would draw more than {MAX_SVG_ELEMENTS:,} elements: simplify it")


def _svg_size(root) -> tuple[float, float]:
    """The drawing's size in its own units: the viewBox, else width and height in plain numbers."""
    box = root.get("viewBox")
    if box:
        numbers = re.split(r"[\s,]+", box.strip())
        try:
            _, _, width, height = (float(n) for n in numbers)
        except ValueError:
            raise PictureError(f"the SVG's viewBox '{box[:40]}' is not four numbers") from None
    else:
        try:
            width, height = (float(re.sub(r"(px)?$", "", root.get(k, ""))) for k in ("width", "height"))
        except ValueError:
            raise PictureError("the SVG has no viewBox and no width and height in pixels: give it a viewBox") from None
    if not (0 < width <= MAX_SIDE * 10 and 0 < height <= MAX_SIDE * 10):
        raise PictureError("the SVG's size is zero, negative or absurdly large: check its viewBox")
    # The model keeps the size in whole units, for its shape: 0.4 x 0.4 would be 0 x 0, 1 x 1.4 a square.
    whole = round(width), round(height)
    if min(whole) < 1 or abs(whole[1] / whole[0] - height / width) > 0.01 * height / width:
        factor = 10 ** math.ceil(math.log10(100 / min(width, height)))
        raise PictureError(
            f"the SVG's size, {width:g} x {height:g} units, is too small to keep its shape in whole "
            f"units: scale its viewBox up (to {width * factor:g} x {height * factor:g}, say)"
        )
    return width, height


def _origin(root) -> Matrix:
    """The viewBox's corner moved to (0, 0): parts are fractions of the drawing from its top left."""
    box = re.split(r"[\s,]+", (root.get("viewBox") or "0 0 0 0").strip())
    return (1.0, 0.0, 0.0, 1.0, -float(box[0]), -float(box[1]))


def _matrix(element, parents: dict, origin: Matrix) -> Matrix:
    """Every transform from the drawing down to the element, its own last."""
    chain = [element]
    while chain[-1] in parents:
        chain.append(parents[chain[-1]])
    matrix = origin
    for node in reversed(chain):
        if node is not element and node in parents and _local(node.tag) in UNDRAWN:
            raise PictureError(
                f"the labelled part '{element.get('id', '')[:40]}' is inside a <{_local(node.tag)}>: "
                "put it in the drawing itself, where it is drawn"
            )
        try:
            matrix = multiply(matrix, parse_transform(node.get("transform", "")))
        except OutlineError as err:
            raise PictureError(f"the SVG's {err}") from None
    return matrix


def _part(element, matrix: Matrix, width: float, height: float) -> PicturePart:
    """A labelled shape (data-label): its mask, as fractions of the drawing, for Anki's image occlusion."""
    local, label, ident = _local(element.tag), element.get("data-label", "").strip(), element.get("id", "").strip()
    if not label or not ident:
        raise PictureError("a labelled part of the SVG needs both an 'id' and a non-empty 'data-label'")
    if not re.fullmatch(r"[A-Za-z0-9_.:-]{1,64}", ident):  # it names the part's card in the deck record
        raise PictureError(
            f"the labelled part's id '{ident[:40]}' may hold only letters, digits and . _ : - (at most 64)"
        )
    if local not in SHAPES:
        raise PictureError(
            f"the labelled part '{ident}' is a <{local}>: a labelled part is a rect, circle, ellipse, polygon or path"
        )
    try:
        mask = outline(local, {_local(k): v for k, v in element.attrib.items()}, matrix)
    except OutlineError as err:
        raise PictureError(f"the labelled part '{ident}': {err}") from None
    left, top, w, h = mask.box
    if (
        w <= 0
        or h <= 0
        or left < -width * 0.001
        or top < -height * 0.001
        or left + w > width * 1.001
        or top + h > height * 1.001
    ):
        raise PictureError(f"the labelled part '{ident}' lies (partly) outside the drawing or has no size")
    fraction = lambda x, y: (_clamp(x / width), _clamp(y / height))  # noqa: E731
    box = (*fraction(left, top), round(w / width, 4), round(h / height, 4))
    return PicturePart(ident, label, mask.shape, box, tuple(fraction(x, y) for x, y in mask.points))


def _clamp(value: float) -> float:
    return round(min(max(value, 0.0), 1.0), 4)
