"""The web handout's stylesheet: handout.css, after the palette's colours as CSS variables."""

from __future__ import annotations

import functools
from importlib.resources import files

from .. import palette

# Each CSS variable and the palette colour it holds, in the light and the dark scheme.
ROLES = ("paper", "ink", "accent", "rule", "tint")


@functools.cache
def stylesheet(figures: bool = False) -> str:
    """The page's CSS; the figures' rules only on a page that has figures (the others keep their bytes)."""
    return _base() + (files(__package__).joinpath("figure.css").read_text(encoding="utf-8") if figures else "")


@functools.cache
def _base() -> str:
    light = _variables(lambda role: getattr(palette, role.upper()))
    dark = _variables(lambda role: getattr(palette, f"DARK_{role.upper()}"))
    # Dark only on screens: paper and printers want the light scheme whatever the device shows.
    return f":root {{ {light} }}\n@media screen and (prefers-color-scheme: dark) {{ :root {{ {dark} }} }}\n" + files(
        __package__
    ).joinpath("handout.css").read_text(encoding="utf-8")


def _variables(colour) -> str:
    return " ".join(f"--{role}: {colour(role)};" for role in ROLES)
