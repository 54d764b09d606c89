"""The package document (metadata, manifest, spine) and the container that points at it."""

from __future__ import annotations

import datetime as dt
import uuid

from ...model import Article
from ...words import Words
from ..web.markup import text
from .figures import pictures

# The book's identifier is made from the article's id, so every edition of one article is the
# same book to a reading system (it keeps the reader's place and notes across updates).
NAMESPACE = uuid.UUID("5d1c7a52-54f4-4b8e-9d38-9a3b55d1f0c1")  # never change: it would make every book new
# What the book is, for a reader's search and a library's catalogue (schema.org, EPUB Accessibility 1.1).
# A book with pictures is read by sight too (accessMode visual); since every picture has its alt
# text (the loader refuses one without), text alone still suffices, and so does text with sight.
ACCESS_MODES = ("textual",)
FEATURES = ("structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability")
PICTURES_ACCESS_MODES = ("textual", "visual")
PICTURES_SUFFICIENT = ("textual,visual", "textual")
PICTURES_FEATURES = (*FEATURES, "alternativeText")
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"


def package_document(article: Article, words: Words, epoch: int) -> str:
    modified = dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    identifier = f"urn:uuid:{uuid.uuid5(NAMESPACE, article.id)}"
    images = pictures(article)
    modes, sufficient, features = (
        (PICTURES_ACCESS_MODES, PICTURES_SUFFICIENT, PICTURES_FEATURES)
        if images
        else (ACCESS_MODES, (",".join(ACCESS_MODES),), FEATURES)
    )
    summary = words.epub_accessibility_pictures if images else words.epub_accessibility
    meta = [
        f'<dc:identifier id="book-id">{identifier}</dc:identifier>',
        f"<dc:title>{text(article.title)}</dc:title>",
        f"<dc:language>{text(article.language)}</dc:language>",
        f'<meta property="dcterms:modified">{modified}</meta>',
        f"<dc:date>{article.reviewed.isoformat()}</dc:date>",
        *(f"<dc:source>{text(part)}</dc:source>" for part in _source(article)),
        *(f'<meta property="schema:accessMode">{mode}</meta>' for mode in modes),
        *(f'<meta property="schema:accessModeSufficient">{modes}</meta>' for modes in sufficient),
        *(f'<meta property="schema:accessibilityFeature">{feature}</meta>' for feature in features),
        '<meta property="schema:accessibilityHazard">none</meta>',
        f'<meta property="schema:accessibilitySummary">{text(summary)}</meta>',
        f'<meta property="dcterms:conformsTo">{CONFORMS_TO}</meta>',
    ]
    return "\n".join(
        [
            '<?xml version="1.0" encoding="utf-8"?>',
            f'<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" '
            f'xml:lang="{text(article.language)}" prefix="schema: http://schema.org/">',
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">',
            *meta,
            "</metadata>",
            "<manifest>",
            '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
            '<item id="article" href="article.xhtml" media-type="application/xhtml+xml"/>',
            '<item id="css" href="book.css" media-type="text/css"/>',
            *(
                f'<item id="picture-{n}" href="{path}" media-type="{media_type}"/>'
                for n, (path, _, media_type) in enumerate(images, start=1)
            ),
            "</manifest>",
            "<spine>",
            '<itemref idref="article"/>',
            "</spine>",
            "</package>",
            "",
        ]
    )


def _source(article: Article) -> list[str]:
    if article.source is None:
        return []
    return [part for part in (article.source.url or article.source.name,) if part]


def container() -> str:
    return "\n".join(
        [
            '<?xml version="1.0" encoding="utf-8"?>',
            '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">',
            "<rootfiles>",
            '<rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>',
            "</rootfiles>",
            "</container>",
            "",
        ]
    )
