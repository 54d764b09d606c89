"""One YAML article rendered as a patient handout PDF, an Anki deck and printable flashcards."""

from .errors import ContentError, Problem, UserError
from .load.walk import load_article, load_clinic
from .model import Article, Attribution, Clinic, Item, Section

__all__ = ["Article", "Attribution", "Clinic", "ContentError", "Item", "Problem", "Section", "UserError", "load_article", "load_clinic"]
