"""The bilingual web handout: the pair's rows as a page, each row's two languages side by side
(stacked, the original first, on a narrow screen), every piece marked with its `lang`."""

from __future__ import annotations

from ...model import Article, Item
from ..pdf.roles import CLOSING, HEADING, ITEM, PARAGRAPH, Role
from ..web.markup import element, text
from ..web.page import POLICY
from ..web.sheet import stylesheet
from .pairs import Row, pair_parts

# Two columns need a wider page than the web handout's one; below 40 rem they stack.
PAIR_CSS = """
.bilingual header, .bilingual main { max-width: 72rem; }
.pair-row { display: grid; grid-template-columns: 1fr 1fr; column-gap: 2rem; }
.pair-row > * { min-width: 0; }
.pair-row h2 { margin-top: 1.5rem; }
h1 .pair-title { display: block; }
@media (min-width: 40rem) { h1 { display: grid; grid-template-columns: 1fr 1fr; column-gap: 2rem; } }
@media (max-width: 40rem) { .pair-row { grid-template-columns: 1fr; } }
"""
TAGS = {HEADING: "h2", PARAGRAPH: "p", CLOSING: "p"}


def render_bilingual_web(original: Article, translation: Article) -> bytes:
    """The pair as one self-contained page, like the web handout: no script, nothing fetched."""
    languages = (original.language, translation.language)
    parts = pair_parts(original, translation)
    title_row, *opening = parts[0].rows
    title = element(
        "h1",
        "".join(
            element("span", text(piece), lang=lang, class_="pair-title")
            for piece, lang in zip((title_row.left, title_row.right), languages)
        ),
    )
    rows = [_row(row, languages) for row in opening] + [_row(row, languages) for part in parts[1:] for row in part.rows]
    body = element("header", "\n" + title + "\n") + "\n" + element("main", "\n" + "\n".join(rows) + "\n")
    return _document(original, translation, body).encode("utf-8")


def _row(row: Row, languages: tuple[str, str]) -> str:
    cells = [_cell(row.role, piece, lang) for piece, lang in zip((row.left, row.right), languages)]
    return element("div", "".join(cells), class_="pair-row")


def _cell(role: Role, piece: str | Item | None, lang: str) -> str:
    if piece is None:
        return element("div", "")
    if role != ITEM:
        return element(TAGS[role], text(piece), lang=lang)
    if piece.definition is None:
        return element("ul", element("li", text(piece.term)), class_="terms", lang=lang)
    return element(
        "dl", element("div", element("dt", text(piece.term)) + element("dd", text(piece.definition))), lang=lang
    )


def _document(original: Article, translation: Article, body: str) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{text(original.language)}" class="bilingual">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="color-scheme" content="light dark">',
            element("title", text(f"{original.title} / {translation.title}")),
            element("style", "\n" + stylesheet() + PAIR_CSS),
            "</head>",
            "<body>",
            body,
            "</body>",
            "</html>",
            "",
        ]
    )
