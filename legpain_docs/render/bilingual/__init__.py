"""The bilingual handout: an article and its translation side by side, each piece level with
its translation (pairs.py pairs them; page.py sets them as a PDF in two columns and tags each
language; web.py writes them as a web page)."""

from .page import render_bilingual
from .web import render_bilingual_web

__all__ = ["render_bilingual", "render_bilingual_web"]
