"""The book's XHTML: the article (the web handout's own markup) and the navigation document."""

from __future__ import annotations

from ...model import Article
from ...words import Words
from ..web import article_body
from ..web.markup import element, text
from .figures import figure_markup

CONTENT = "article.xhtml"


def content_document(article: Article) -> str:
    return _xhtml(article.language, article.title, article_body(article, show=figure_markup))


def navigation_document(article: Article, words: Words) -> str:
    """The table of contents: the article, then each section, then the summary when there is one."""
    links = [
        element("li", element("a", text(section.title), href=f"{CONTENT}#section-{section.id}"))
        for section in article.sections
    ]
    if article.outro:
        links.append(element("li", element("a", text(words.summary), href=f"{CONTENT}#summary")))
    contents = element("ol", "\n" + "\n".join(links) + "\n")
    top = element("ol", element("li", element("a", text(article.title), href=CONTENT) + "\n" + contents))
    nav = f'<nav epub:type="toc" id="toc" role="doc-toc">\n{element("h1", text(words.contents))}\n{top}\n</nav>'
    return _xhtml(article.language, words.contents, element("main", "\n" + nav + "\n"))


def _xhtml(language: str, title: str, body: str) -> str:
    return "\n".join(
        [
            '<?xml version="1.0" encoding="utf-8"?>',
            "<!DOCTYPE html>",
            f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
            f'lang="{text(language)}" xml:lang="{text(language)}">',
            "<head>",
            '<meta charset="utf-8"/>',
            element("title", text(title)),
            '<link rel="stylesheet" type="text/css" href="book.css"/>',
            "</head>",
            "<body>",
            body,
            "</body>",
            "</html>",
            "",
        ]
    )
