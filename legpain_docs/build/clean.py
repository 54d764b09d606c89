"""Removing what builds wrote in an output folder, and nothing else.

Only the files the manifest lists (and the manifest itself) are removed, so that `make clean`
with a mistyped OUT= can never empty a folder of other files.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..errors import UserError
from .decks import PARTS, remove_parts
from .manifest import MANIFEST, Manifest


def clean(folder: str, say: Callable[[str], None]) -> int:
    """Remove the outputs listed in `folder`'s manifest, then the manifest and the decks' kept
    parts; the number removed."""
    out = Path(folder)
    if not (out / MANIFEST).is_file():
        return 0
    try:
        remove_parts(out)
    except OSError as err:
        raise UserError.at(str(out / PARTS), f"cannot remove: {(err.strerror or str(err)).lower()}") from None
    removed = 0
    for name in sorted(Manifest.read(out).outputs) + [MANIFEST]:
        path = out / name
        if os.path.basename(name) != name or not path.is_file() or path.is_symlink() and name != MANIFEST:
            continue  # a name with a folder in it is not one a build wrote; a link is not removed through
        try:
            path.unlink()
        except OSError as err:
            raise UserError.at(str(path), f"cannot remove: {(err.strerror or str(err)).lower()}") from None
        removed += 1
    say(f"removed {removed - 1} output(s) from {out}")
    return removed
