"""The EPUB 3 book: the web handout's markup as a reflowable, accessible book.

documents.py writes the content and navigation documents, figures.py a figure's markup and
its picture's file, package.py the package document with its accessibility metadata,
archive.py the zip an e-reader opens, the same bytes every time.
"""

from __future__ import annotations

from ...model import Article
from ...words import words_for
from .archive import zip_book
from .documents import content_document, navigation_document
from .figures import pictures
from .package import container, package_document

__all__ = ["render_epub"]


def render_epub(article: Article, *, epoch: int) -> bytes:
    """The article as an EPUB 3 book; `epoch` (seconds) dates it and every file in it."""
    words = words_for(article.language)
    files: list[tuple[str, str | bytes]] = [
        ("META-INF/container.xml", container()),
        ("EPUB/package.opf", package_document(article, words, epoch)),
        ("EPUB/nav.xhtml", navigation_document(article, words)),
        ("EPUB/article.xhtml", content_document(article)),
        ("EPUB/book.css", stylesheet()),
    ]
    files += [(f"EPUB/{path}", picture.data) for path, picture, _ in pictures(article)]
    return zip_book(files, epoch)


def stylesheet() -> str:
    from importlib.resources import files

    return files(__package__).joinpath("book.css").read_text(encoding="utf-8")
