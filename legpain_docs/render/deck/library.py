"""genanki, imported without asyncio.

genanki 0.13 takes its one decorator, `cached_property`, from the package of that name, which
imports asyncio (and with it ssl: some 40 ms of every process that writes a deck) to offer
async properties genanki never uses. The standard library's `functools.cached_property` does
the same for a plain property, so genanki is imported with it standing in for that package,
which is then put back for anyone else who imports it.
"""

from __future__ import annotations

import functools
import sys
import types
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import genanki as genanki_module

WRITTEN_FOR = "0.13.1"  # the genanki whose one use of cached_property is a plain property (Model._req)


def load_genanki() -> genanki_module:
    """The genanki module, imported once."""
    if "genanki" in sys.modules:
        return sys.modules["genanki"]
    stand_in = "cached_property" not in sys.modules
    if stand_in:
        sys.modules["cached_property"] = types.SimpleNamespace(cached_property=functools.cached_property)
    try:
        import genanki as module
    finally:
        if stand_in:
            del sys.modules["cached_property"]
    if module.__version__ != WRITTEN_FOR:
        raise RuntimeError(
            f"legpain_docs.render.deck.library was written for genanki {WRITTEN_FOR}, "
            f"not {module.__version__}: check that it still takes only a plain cached_property"
        )
    return module
