"""The patient handout PDF: blocks of the article (blocks.py), how text is set (text.py), pages (pages.py)."""

from .blocks import render_handout

__all__ = ["render_handout"]
