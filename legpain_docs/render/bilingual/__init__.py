"""The bilingual handout: an article and its translation side by side, each piece level with
its translation (pairs.py pairs them; page.py sets them in two columns and tags each language)."""

from .page import render_bilingual

__all__ = ["render_bilingual"]
