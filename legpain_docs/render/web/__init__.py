"""The web handout: one self-contained HTML page (page.py), its text and links (markup.py), its CSS (sheet.py)."""

from .page import article_body, render_web

__all__ = ["article_body", "render_web"]
