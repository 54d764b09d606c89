"""One YAML article rendered as a patient handout PDF, an Anki deck and printable flashcards."""

from .errors import ContentError, Problem, UserError
from .model import Article, Attribution, Clinic, Item, Section


def __getattr__(name: str):
    """load_article and load_clinic, imported when first asked for: YAML and the spec cost a
    build with nothing to do more than the rest of its work."""
    if name in ("load_article", "load_clinic"):
        from .load import walk

        return getattr(walk, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["Article", "Attribution", "Clinic", "ContentError", "Item", "Problem", "Section", "UserError", "load_article", "load_clinic"]
