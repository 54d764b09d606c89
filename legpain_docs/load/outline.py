"""Where a labelled part of a drawing lies, as the mask Anki's image occlusion draws over it.

Anki's occlusion masks are rectangles, ellipses (upright) and polygons, in fractions of the
picture. A labelled `rect`, `circle`, `ellipse` or `polygon` keeps its own shape, through every
`transform` on it and on the groups around it (and the viewBox's origin): a shape only moved or
scaled stays a rectangle or an ellipse; one rotated or skewed becomes the polygon of its corners
(an ellipse, of 36 points on its outline). A `path` has no shape of Anki's: its mask is the box
around it, curves and arcs included.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

Matrix = tuple[float, float, float, float, float, float]  # SVG's (a b c d e f): x' = ax + cy + e, y' = bx + dy + f
Point = tuple[float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
ELLIPSE_POINTS = 36  # a turned ellipse as a polygon: within 0.4 % of its radius
CURVE_STEPS = 16  # points along each curve of a path, for its box
NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
TRANSFORM = re.compile(r"\s*(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)\s*,?")
ARGUMENTS = {"matrix": (6,), "translate": (1, 2), "scale": (1, 2), "rotate": (1, 3), "skewX": (1,), "skewY": (1,)}


class OutlineError(ValueError):
    """A shape's coordinates or transform that are not what SVG allows; the message says which."""


@dataclass(frozen=True)
class Outline:
    """A mask in the drawing's own units: 'rect' or 'ellipse' by its box, 'polygon' by its corners."""

    shape: str
    box: tuple[float, float, float, float]  # left, top, width, height
    points: tuple[Point, ...] = ()


def multiply(first: Matrix, then: Matrix) -> Matrix:
    """The transform that applies `then` inside `first` (SVG's order: the outer group's first)."""
    a, b, c, d, e, f = first
    A, B, C, D, E, F = then
    return (a * A + c * B, b * A + d * B, a * C + c * D, b * C + d * D, a * E + c * F + e, b * E + d * F + f)


def parse_transform(text: str) -> Matrix:
    """An SVG `transform` attribute as one matrix; OutlineError when it is not a transform list."""
    matrix, position = IDENTITY, 0
    text = text.strip()
    while position < len(text):
        found = TRANSFORM.match(text, position)
        if not found:
            raise OutlineError(f"transform '{text[:40]}' is not a list of SVG transforms")
        name, values = found.group(1), [float(n) for n in re.findall(NUMBER, found.group(2))]
        if len(values) not in ARGUMENTS[name]:
            raise OutlineError(f"transform {name}() takes {' or '.join(map(str, ARGUMENTS[name]))} numbers")
        matrix = multiply(matrix, _one(name, values))
        position = found.end()
    return matrix


def _one(name: str, v: list[float]) -> Matrix:
    if name == "matrix":
        return (v[0], v[1], v[2], v[3], v[4], v[5])
    if name == "translate":
        return (1.0, 0.0, 0.0, 1.0, v[0], v[1] if len(v) > 1 else 0.0)
    if name == "scale":
        return (v[0], 0.0, 0.0, v[1] if len(v) > 1 else v[0], 0.0, 0.0)
    if name == "rotate":
        cos, sin = math.cos(math.radians(v[0])), math.sin(math.radians(v[0]))
        turn = (cos, sin, -sin, cos, 0.0, 0.0)
        if len(v) == 3:  # about (cx, cy): there and back again
            return multiply(multiply((1.0, 0.0, 0.0, 1.0, v[1], v[2]), turn), (1.0, 0.0, 0.0, 1.0, -v[1], -v[2]))
        return turn
    skew = math.tan(math.radians(v[0]))
    return (1.0, 0.0, skew, 1.0, 0.0, 0.0) if name == "skewX" else (1.0, skew, 0.0, 1.0, 0.0, 0.0)


def apply(matrix: Matrix, point: Point) -> Point:
    a, b, c, d, e, f = matrix
    x, y = point
    return a * x + c * y + e, b * x + d * y + f


def _upright(matrix: Matrix) -> bool:
    """Only moved and scaled (a mirror too): a rectangle stays a rectangle, an ellipse upright."""
    return abs(matrix[1]) < 1e-9 and abs(matrix[2]) < 1e-9


def _box(points: Iterable[Point]) -> tuple[float, float, float, float]:
    xs, ys = zip(*points)
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def outline(local: str, attributes: dict[str, str], matrix: Matrix) -> Outline:
    """The mask of a labelled shape (`local` is its element's name) drawn through `matrix`."""
    number = lambda key: _number(attributes, key)  # noqa: E731 - one reader for every shape
    if local == "rect":
        x, y, w, h = number("x"), number("y"), number("width"), number("height")
        return _polygon_or_box([(x, y), (x + w, y), (x + w, y + h), (x, y + h)], matrix, "rect")
    if local in ("circle", "ellipse"):
        cx, cy = number("cx"), number("cy")
        rx, ry = (number("r"), number("r")) if local == "circle" else (number("rx"), number("ry"))
        if _upright(matrix):
            (x0, y0), (x1, y1) = apply(matrix, (cx - rx, cy - ry)), apply(matrix, (cx + rx, cy + ry))
            return Outline("ellipse", (min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0)))
        turns = [2 * math.pi * n / ELLIPSE_POINTS for n in range(ELLIPSE_POINTS)]
        return _polygon_or_box([(cx + rx * math.cos(t), cy + ry * math.sin(t)) for t in turns], matrix, "polygon")
    if local == "polygon":
        values = _numbers(attributes.get("points", ""))
        if len(values) < 6 or len(values) % 2:
            raise OutlineError("its points are not three or more pairs of numbers")
        return _polygon_or_box(list(zip(values[0::2], values[1::2])), matrix, "polygon")
    if local == "path":
        points = [apply(matrix, point) for point in path_points(attributes.get("d", ""))]
        if not points:
            raise OutlineError("its path draws nothing")
        return Outline("rect", _box(points))
    raise OutlineError(f"a <{local}> has no outline")


def _polygon_or_box(points: list[Point], matrix: Matrix, upright_shape: str) -> Outline:
    drawn = [apply(matrix, point) for point in points]
    if upright_shape == "rect" and _upright(matrix):
        return Outline("rect", _box(drawn))
    return Outline("polygon", _box(drawn), tuple(drawn))


def _number(attributes: dict[str, str], key: str) -> float:
    text = attributes.get(key, "0").strip()
    if not re.fullmatch(rf"{NUMBER}(px)?", text):
        raise OutlineError(f"its {key} '{text[:20]}' is not a plain number")
    return float(text.removesuffix("px"))


def _numbers(text: str) -> list[float]:
    if re.sub(rf"{NUMBER}|[\s,]", "", text):
        raise OutlineError(f"'{text[:30]}' is not a list of numbers")
    return [float(n) for n in re.findall(NUMBER, text)]


# --- a path's points, for its box ---

PATH_ARGUMENTS = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "t": 2, "a": 7, "z": 0}
PATH_TOKEN = re.compile(rf"([MmLlHhVvCcSsQqTtAaZz])|({NUMBER})|([\s,]+)|(.)")


def path_points(d: str) -> list[Point]:
    """Points on and along a path (its ends, and points along each curve and arc), in its own units."""
    commands = _path_commands(d)
    points: list[Point] = []
    here = start = (0.0, 0.0)
    control = None  # the last curve's second control point, for S and T
    previous = ""
    for command, values in commands:
        relative, kind = command.islower(), command.lower()
        origin = here if relative else (0.0, 0.0)
        at = lambda i: (origin[0] + values[i], origin[1] + values[i + 1])  # noqa: E731
        if kind == "m":
            here = start = at(0)
            points.append(here)
        elif kind == "z":
            here = start
        elif kind == "l":
            here = at(0)
            points.append(here)
        elif kind == "h":
            here = (values[0] + (here[0] if relative else 0.0), here[1])
            points.append(here)
        elif kind == "v":
            here = (here[0], values[0] + (here[1] if relative else 0.0))
            points.append(here)
        elif kind in "cs":
            first = at(0) if kind == "c" else _mirror(control, here, previous in "cs")
            second, end = (at(2), at(4)) if kind == "c" else (at(0), at(2))
            points += _bezier([here, first, second, end])
            here, control = end, second
        elif kind in "qt":
            middle = at(0) if kind == "q" else _mirror(control, here, previous in "qt")
            end = at(2) if kind == "q" else at(0)
            points += _bezier([here, middle, end])
            here, control = end, middle
        elif kind == "a":
            end = at(5)
            points += _arc(here, values[0], values[1], values[2], values[3] != 0, values[4] != 0, end)
            here = end
        previous = kind
    return points


def _path_commands(d: str) -> list[tuple[str, list[float]]]:
    """The path's commands with their numbers, a command's repeats spelt out; OutlineError on anything else."""
    commands: list[tuple[str, list[float]]] = []
    command, numbers = "", []
    for letter, number, _, other in PATH_TOKEN.findall(d):
        if other:
            raise OutlineError(f"its path holds '{other}', which is not SVG path data")
        if letter:
            if command:
                commands += _repeats(command, numbers)
            command, numbers = letter, []
        elif number:
            if not command:
                raise OutlineError("its path does not start with a command (M)")
            numbers.append(float(number))
    if command:
        commands += _repeats(command, numbers)
    return commands


def _repeats(command: str, numbers: list[float]) -> list[tuple[str, list[float]]]:
    size = PATH_ARGUMENTS[command.lower()]
    if size == 0:
        return [(command, [])]
    if not numbers or len(numbers) % size:
        raise OutlineError(f"its path's '{command}' takes numbers in {size}s")
    # After a move, further pairs are lines (SVG's rule).
    follow = {"M": "L", "m": "l"}.get(command, command)
    return [(command if n == 0 else follow, numbers[n : n + size]) for n in range(0, len(numbers), size)]


def _mirror(control: Point | None, here: Point, follows: bool) -> Point:
    """The reflection of the last curve's control point through the current point (S and T)."""
    if control is None or not follows:
        return here
    return 2 * here[0] - control[0], 2 * here[1] - control[1]


def _bezier(controls: list[Point]) -> list[Point]:
    """Points along a quadratic or cubic Bézier curve, by de Casteljau."""
    points = []
    for step in range(1, CURVE_STEPS + 1):
        t, level = step / CURVE_STEPS, controls
        while len(level) > 1:
            level = [((1 - t) * p[0] + t * q[0], (1 - t) * p[1] + t * q[1]) for p, q in zip(level, level[1:])]
        points.append(level[0])
    return points


def _arc(start: Point, rx: float, ry: float, angle: float, large: bool, sweep: bool, end: Point) -> list[Point]:
    """Points along an elliptical arc; for radii so small or so unequal that floats give out
    (a division by nothing, an overflow), the corners of the circle through both ends."""
    rx, ry = abs(rx), abs(ry)
    if rx == 0 or ry == 0 or start == end:
        return [end]
    try:
        points = _arc_points(start, rx, ry, angle, large, sweep, end)
    except (ZeroDivisionError, OverflowError, ValueError):  # ValueError: math.ceil of a NaN
        points = []
    if points and all(math.isfinite(v) for point in points for v in point):
        return points
    middle, half = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2), math.dist(start, end) / 2
    return [end, (middle[0] - half, middle[1] - half), (middle[0] + half, middle[1] + half)]


def _arc_points(start: Point, rx: float, ry: float, angle: float, large: bool, sweep: bool, end: Point) -> list[Point]:
    """Points along an elliptical arc (SVG 1.1, appendix F.6.5: from its end points to its centre)."""
    phi = math.radians(angle)
    cos, sin = math.cos(phi), math.sin(phi)
    dx, dy = (start[0] - end[0]) / 2, (start[1] - end[1]) / 2
    x1, y1 = cos * dx + sin * dy, -sin * dx + cos * dy
    grow = (x1 / rx) ** 2 + (y1 / ry) ** 2
    if grow > 1:  # radii too small to join the ends: scaled up, as SVG says
        rx, ry = rx * math.sqrt(grow), ry * math.sqrt(grow)
    square = max(0.0, (rx * ry) ** 2 - (rx * y1) ** 2 - (ry * x1) ** 2) / ((rx * y1) ** 2 + (ry * x1) ** 2)
    factor = math.sqrt(square) * (-1 if large == sweep else 1)
    cx1, cy1 = factor * rx * y1 / ry, -factor * ry * x1 / rx
    cx, cy = cos * cx1 - sin * cy1 + (start[0] + end[0]) / 2, sin * cx1 + cos * cy1 + (start[1] + end[1]) / 2
    first = math.atan2((y1 - cy1) / ry, (x1 - cx1) / rx)
    last = math.atan2((-y1 - cy1) / ry, (-x1 - cx1) / rx)
    span = last - first
    if sweep and span < 0:
        span += 2 * math.pi
    elif not sweep and span > 0:
        span -= 2 * math.pi
    steps = max(2, math.ceil(abs(span) / (2 * math.pi) * ELLIPSE_POINTS))
    points = []
    for n in range(1, steps + 1):
        t = first + span * n / steps
        x, y = rx * math.cos(t), ry * math.sin(t)
        points.append((cos * x - sin * y + cx, sin * x + cos * y + cy))
    return points
