"""Printable flashcards PDF: the sheets and the printing guide (sheets.py), one card's faces (faces.py)."""

from .sheets import render_cards

__all__ = ["render_cards"]
