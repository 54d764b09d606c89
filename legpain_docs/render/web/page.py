"""The web handout's HTML: a short dispatcher over the model and one small function per block.

One self-contained page: its stylesheet inline, no script, no font or image to fetch, and a
Content-Security-Policy that forbids any request, so that it can be emailed, put on a patient
portal or opened on a phone offline. Landmarks and lists carry the structure a screen reader
announces; the look is all in handout.css.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from ...model import Article, Clinic, Figure, Item, Section
from ...words import Words, words_for
from .figure import POLICY as FIGURE_POLICY
from .figure import figure
from .markup import element, fill, phone_link, text, web_link
from .sheet import stylesheet

# Nothing may load: no script, font, image, frame or request of any kind; inline styles only.
POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def render_web(article: Article, *, clinic: Clinic | None = None) -> bytes:
    """The web handout as UTF-8 bytes: the same every time for the same article and clinic."""
    return _document(article, article_body(article, clinic=clinic)).encode("utf-8")


FigureMarkup = Callable[[Figure], str]  # a figure's HTML: the page's (picture inline) or the book's (picture a file)


def article_body(article: Article, *, clinic: Clinic | None = None, show: FigureMarkup = figure) -> str:
    """The page's body: header, main and footer, well-formed as XHTML too (the EPUB's content, with
    its own `show` for figures)."""
    words = words_for(article.language)
    return "\n".join([_header(article, clinic), _main(article, words, show), _footer(article, clinic, words)])


def _document(article: Article, body: str) -> str:
    figures = bool(article.figures)
    policy = f"{POLICY}; {FIGURE_POLICY}" if figures else POLICY
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{text(article.language)}">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="color-scheme" content="light dark">',
            element("title", text(article.title)),
            element("style", "\n" + stylesheet(figures)),
            "</head>",
            "<body>",
            body,
            "</body>",
            "</html>",
            "",
        ]
    )


def _header(article: Article, clinic: Clinic | None) -> str:
    return element("header", "\n" + _clinic(clinic) + element("h1", text(article.title)) + "\n")


def _clinic(clinic: Clinic | None) -> str:
    """The clinic's name and address, then how to reach it, as the PDF's header band has them."""
    if clinic is None:
        return ""
    lines = [element("p", text(clinic.name), class_="clinic-name")]
    lines += [element("p", text(clinic.address))] if clinic.address else []
    lines += [element("p", phone_link(clinic.phone))]
    lines += [element("p", web_link(clinic.website))] if clinic.website else []
    return element("address", "\n" + "\n".join(lines) + "\n", class_="clinic") + "\n"


def _main(article: Article, words: Words, show: FigureMarkup) -> str:
    blocks = [
        *_paragraphs(article.intro),
        *_figure(article.figure, show),
        *(_section(section, show) for section in article.sections),
    ]
    if article.outro:
        blocks.append(_summary(article.outro, words))
    return element("main", "\n" + "\n".join(blocks) + "\n")


def _section(section: Section, show: FigureMarkup) -> str:
    heading = f"section-{section.id}"
    blocks = [
        element("h2", text(section.title), id=heading),
        *_paragraphs(section.intro),
        *_figure(section.figure, show),
        *_items(section.items, show),
        *_paragraphs(section.outro),
    ]
    return element("section", "\n" + "\n".join(blocks) + "\n", aria_labelledby=heading)


def _items(items: tuple[Item, ...], show: FigureMarkup) -> list[str]:
    """A run of bare terms is a bulleted list; a run of defined terms, a list of definitions;
    a run of the article's own lines (items written as a sentence), a bulleted list of them."""
    lists = {"bare": _terms, "defined": _definitions, "sentence": _sentences}
    return [lists[shape](list(run), show) for shape, run in itertools.groupby(items, key=_shape)]


def _shape(item: Item) -> str:
    return "sentence" if item.sentence else "bare" if item.definition is None else "defined"


def _terms(items: list[Item], show: FigureMarkup) -> str:
    entries = [element("li", text(item.term) + "".join(_figure(item.figure, show))) for item in items]
    return element("ul", "\n" + "\n".join(entries) + "\n", class_="terms")


def _sentences(items: list[Item], show: FigureMarkup) -> str:
    entries = [
        element("li", element("strong", text(item.term)) + text(item.rest) + "".join(_figure(item.figure, show)))
        for item in items
    ]
    return element("ul", "\n" + "\n".join(entries) + "\n", class_="sentences")


def _definitions(items: list[Item], show: FigureMarkup) -> str:
    entries = [
        element(
            "div",
            element("dt", text(item.term))
            + element("dd", text(item.definition or "") + "".join(_figure(item.figure, show))),
        )
        for item in items
    ]
    return element("dl", "\n" + "\n".join(entries) + "\n")


def _figure(found: Figure | None, show: FigureMarkup) -> list[str]:
    return [show(found)] if found else []


def _summary(outro: tuple[str, ...], words: Words) -> str:
    """The article's closing text, set apart under a heading of its own; its own words only."""
    blocks = [element("h2", text(words.summary), id="summary"), *_paragraphs(outro)]
    return element("section", "\n" + "\n".join(blocks) + "\n", class_="summary", aria_labelledby="summary")


def _footer(article: Article, clinic: Clinic | None, words: Words) -> str:
    """How to reach the clinic, what the handout is not, when it was reviewed, where it comes from."""
    lines = [_questions(clinic, words)] if clinic else []
    lines.append(element("p", element("strong", text(words.disclaimer))))
    date = element("time", text(words.format_date(article.reviewed)), datetime=article.reviewed.isoformat())
    lines.append(element("p", fill(words.reviewed, date=date)))
    if article.review_due:
        due = element("time", text(words.format_date(article.review_due)), datetime=article.review_due.isoformat())
        lines.append(element("p", fill(words.next_review, date=due)))
    if article.source and (article.source.name or article.source.url):
        lines.append(element("p", fill(words.source, source=_source(article))))
    return element("footer", "\n" + "\n".join(lines) + "\n")


def _questions(clinic: Clinic, words: Words) -> str:
    if clinic.website:
        return element(
            "p",
            fill(words.questions_online, phone=phone_link(clinic.phone), website=web_link(clinic.website)),
            class_="questions",
        )
    return element("p", fill(words.questions, phone=phone_link(clinic.phone)), class_="questions")


def _source(article: Article) -> str:
    """The source's name linking to its URL; either alone when the article gives only one."""
    name, url = article.source.name, article.source.url
    if url is None:
        return text(name)
    return web_link(url, name)


def _paragraphs(paragraphs: tuple[str, ...]) -> list[str]:
    return [element("p", text(paragraph)) for paragraph in paragraphs]
