"""The web handout in a real browser: Debian's Chromium driven by Playwright, axe-core injected.

One browser serves the whole session. Each page is served from a made-up http origin by a
route that answers the page itself and records, then aborts, every other request.
`make test` installs Chromium and axe-core; CHROMIUM and AXE name them when run otherwise.
"""

from __future__ import annotations

import contextlib
import functools
import io
import re
import unicodedata
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

from legpain_docs import load_article, load_clinic
from legpain_docs.render import palette
from legpain_docs.render.web import render_web
from legpain_docs.words import words_for

from tests.conftest import ARTICLE_PATH, DATA, ROOT

PAGE_URL = "http://handout.test/"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SCHEMES = ("light", "dark")
WIDTHS = (375, 1280)
SOURCES = {
    "article": (ARTICLE_PATH, ROOT / "source" / "example.clinic.yaml"),
    "markup": (DATA / "handout-markup.yaml", DATA / "handout-clinic.yaml"),
    "hostile": (DATA / "web-hostile.yaml", DATA / "web-clinic-hostile.yaml"),
    "figures": (DATA / "figures" / "figures.yaml", DATA / "handout-clinic.yaml"),
}
# What the page's text elements are called in the DOM, in document order; a figure by its alt text.
TEXT_ELEMENTS = "h1, h2, p, li, dt, dd, figure"


@functools.cache
def source(name: str):
    path, clinic = SOURCES[name]
    return load_article(path), load_clinic(clinic)


@functools.cache
def html(name: str) -> str:
    article, clinic = source(name)
    return render_web(article, clinic=clinic).decode("utf-8")


class Visit:
    """A page open in its own context; every request it made besides itself, every error it logged."""

    def __init__(self, page: Page):
        self.page, self.requests, self.errors = page, [], []

    def js(self, expression: str, argument=None):
        return self.page.evaluate(expression, argument)


@contextlib.contextmanager
def visit(browser: Browser, name: str, width: int = 375, scheme: str = "light", **options) -> Iterator[Visit]:
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme, **options)
    page = context.new_page()
    seen = Visit(page)
    body = html(name)

    def answer(route):
        if route.request.url == PAGE_URL:
            route.fulfill(body=body, content_type="text/html; charset=utf-8")
        else:
            seen.requests.append(route.request.url)
            route.abort()

    page.route("**/*", answer)
    page.on("console", lambda message: seen.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on("dialog", lambda dialog: (seen.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.goto(PAGE_URL)
    try:
        yield seen
    finally:
        context.close()


def readable(violations: list[dict]) -> str:
    lines = []
    for rule in violations:
        lines.append(f"{rule['id']} ({rule['impact']}): {rule['help']} <{rule['helpUrl']}>")
        for node in rule["nodes"][:5]:
            summary = node["failureSummary"].replace("\n", " ")
            lines.append(f"    {' '.join(node['target'])}: {node['html'][:120]}\n        {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", ["article", "markup", "figures"])
def test_axe_finds_nothing(browser, axe_source, name, scheme, width):
    # Axe is a script, which the page's own policy forbids; only this test lifts it.
    with visit(browser, name, width, scheme, bypass_csp=True) as seen:
        seen.page.add_script_tag(content=axe_source)
        result = seen.js("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    assert len(result["passes"]) >= 20, "axe ran too few rules to say anything"
    assert result["violations"] == [], "\n" + readable(result["violations"])
    # What axe could not decide (a colour over an image, say) would need a person's eye: there is none.
    assert result["incomplete"] == [], "\n" + readable(result["incomplete"])
    print(
        f"axe {name} {scheme} {width}px: {len(result['passes'])} rules passed, "
        f"{len(result['incomplete'])} to review, {len(result['inapplicable'])} not applicable"
    )


@pytest.mark.parametrize("name", SOURCES)
def test_no_request_leaves_the_page(browser, name):
    # With its policy lifted too, so that the page itself is shown to ask for nothing.
    for options in ({}, {"bypass_csp": True}):
        with visit(browser, name, **options) as seen:
            # No script runs, so once loaded and laid out (for screens and print) it has asked for all it will.
            seen.page.emulate_media(media="print")
            assert seen.js("document.readyState === 'complete' && document.body.offsetHeight > 0")
        assert seen.requests == [], seen.requests
        assert seen.errors == [], seen.errors


def expected_text(article, clinic, words) -> list[tuple[str, str]]:
    """The article's pieces, as (element, text), in the order the page must give them."""
    pieces = [("P", clinic.name), *([("P", clinic.address)] if clinic.address else []), ("P", clinic.phone)]
    pieces += [("P", clinic.website)] if clinic.website else []
    pieces += [("H1", article.title), *(("P", text) for text in article.intro), *_figure(article.figure)]
    for section in article.sections:
        pieces += [("H2", section.title), *(("P", text) for text in section.intro), *_figure(section.figure)]
        for item in section.items:
            pieces += (
                [("DT", item.term), ("DD", item.definition)]
                if item.definition
                else [("LI", item.sentence or item.term)]
            )
            pieces += _figure(item.figure)
        pieces += [("P", text) for text in section.outro]
    if article.outro:
        pieces += [("H2", words.summary), *(("P", text) for text in article.outro)]
    return pieces


def _figure(figure) -> list[tuple[str, str]]:
    return [("FIGURE", figure.alt)] if figure else []


def expected_closing(article, clinic, words) -> list[str]:
    """The footer's lines as a reader sees them: a source's web address is its name's link."""
    lines = [words.questions_online.format(phone=clinic.phone, website=clinic.website)] if clinic.website else []
    lines += [words.disclaimer, words.reviewed.format(date=words.format_date(article.reviewed))]
    if article.source:
        url = article.source.url
        shown = "" if url is None or url.startswith(("http://", "https://")) else f" ({url})"
        lines.append(words.source.format(source=article.source.name + shown))
    return lines


@pytest.mark.parametrize("name", SOURCES)
def test_every_piece_of_the_article_in_order(browser, name):
    article, clinic = source(name)
    words = words_for(article.language)
    with visit(browser, name) as seen:
        # An element's own text, without a figure inside it; a figure's is its picture's alt text.
        found = seen.js(f"""[...document.querySelectorAll({TEXT_ELEMENTS!r})].filter(e => !e.closest('footer'))
                            .map(e => [e.tagName, e.tagName === 'FIGURE' ? e.querySelector('img').alt :
                                       [...e.childNodes].filter(n => n.nodeName !== 'FIGURE').map(n => n.textContent).join('')])""")
        closing = seen.js("[...document.querySelectorAll('footer p')].map(e => e.textContent)")
        title = seen.js("document.title")
        landmarks = seen.js("['header', 'main', 'footer', 'h1'].map(n => document.querySelectorAll(n).length)")
        scripts = seen.js("document.scripts.length")
        # Hyphenation follows the language the page declares.
        language = seen.js(
            "[document.documentElement.lang, getComputedStyle(document.querySelector('main p')).hyphens]"
        )
    assert [tuple(piece) for piece in found] == expected_text(article, clinic, words)
    assert closing == expected_closing(article, clinic, words)
    assert title == article.title and landmarks == [1, 1, 1, 1] and scripts == 0
    assert language == [article.language, "auto"]


@pytest.mark.parametrize("name", ["article", "markup"])
def test_reflows_at_320_px(browser, name):
    with visit(browser, name, width=320) as seen:
        widths = seen.js(
            "[document.documentElement.scrollWidth, "
            "Math.max(...[...document.querySelectorAll('body *')].map(e => e.getBoundingClientRect().right))]"
        )
    assert widths[0] <= 320 and widths[1] <= 320, widths


@pytest.mark.parametrize("width", WIDTHS)
def test_text_at_200_percent_loses_nothing(browser, width):
    with visit(browser, "markup", width=width) as seen:
        before = seen.js("document.body.getBoundingClientRect().height")
        seen.js("document.documentElement.style.fontSize = '200%'")
        clipped = seen.js("""[...document.querySelectorAll('body *')]
            .filter(e => e.clientWidth > 0 && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
                         && getComputedStyle(e).overflow !== 'visible')
            .map(e => e.outerHTML.slice(0, 80))""")
        wide = seen.js("document.documentElement.scrollWidth")
        after = seen.js("document.body.getBoundingClientRect().height")
    assert clipped == [] and wide <= width, (clipped, wide)
    assert after > 1.6 * before  # the text did grow


def contrast(first: str, second: str) -> float:
    def luminance(rgb: str) -> float:
        channels = [int(n) / 255 for n in re.findall(r"\d+", rgb)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_focus_is_visible_on_every_link(browser, scheme):
    with visit(browser, "markup", scheme=scheme) as seen:
        links = seen.js("document.querySelectorAll('a[href]').length")
        assert links >= 4
        paper = seen.js("getComputedStyle(document.body).backgroundColor")
        first = seen.page.locator("a[href]").first
        unfocused = first.screenshot(animations="disabled")
        for n in range(links):
            seen.page.keyboard.press("Tab")
            focus = seen.js("""(() => { const a = document.activeElement, s = getComputedStyle(a);
                return [a.tagName, [...document.querySelectorAll('a[href]')].indexOf(a),
                        s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; })()""")
            tag, index, line, width, colour = focus
            assert (tag, index) == ("A", n)
            assert line == "solid" and width >= 2, focus
            assert contrast(colour, paper) >= 3, focus
            if n == 0:
                assert first.screenshot(animations="disabled") != unfocused


def test_links_are_targets_of_24_px(browser):
    with visit(browser, "markup") as seen:
        boxes = seen.js("""[...document.querySelectorAll('a[href]')].map(a => {
            const r = a.getBoundingClientRect();
            return [a.textContent.slice(0, 30), r.width, Math.min(...[...a.getClientRects()].map(c => c.height))]; })""")
    assert len(boxes) >= 4
    assert all(width >= 24 and height >= 24 for _, width, height in boxes), boxes


def squash(text: str) -> str:
    """Text as a PDF gives it back, whatever the line breaks: no spaces, hyphens or ligatures."""
    return re.sub(r"[\s\-\u00ad\u2010]+", "", unicodedata.normalize("NFKC", text))


def rgb(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[n : n + 2], 16) for n in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_prints_a_clean_handout(browser, paper):
    article, clinic = source("article")
    with visit(browser, "article", scheme="dark") as seen:  # paper is light whatever the screen
        pdf = seen.page.pdf(format=paper)
        seen.page.emulate_media(media="print")
        colours = seen.js("[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]")
    reader = PdfReader(io.BytesIO(pdf))
    text = squash(" ".join(page.extract_text() for page in reader.pages))
    assert len(reader.pages) <= 2, f"{len(reader.pages)} pages: the seed article prints on one sheet, both sides"
    assert colours == [rgb(palette.INK), rgb(palette.PAPER)]
    for piece in (article.title, clinic.phone, words_for(article.language).disclaimer, *article.outro):
        assert squash(piece) in text, piece


# Every element that holds text of its own, with its computed size in CSS px (12 pt is 16 px).
TEXT_SIZES = """[...document.querySelectorAll('body *')]
    .filter(e => [...e.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim()))
    .map(e => [e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''), parseFloat(getComputedStyle(e).fontSize)])"""


@pytest.mark.parametrize("name", SOURCES)
def test_prints_every_line_at_12_pt_or_more(browser, name):
    """The clear-print minimum (RNIB, APH) for the body and everything else on paper, captions included."""
    with visit(browser, name) as seen:
        seen.page.emulate_media(media="print")
        sizes = seen.js(TEXT_SIZES)
        body = seen.js("[...document.querySelectorAll('main p')].map(p => parseFloat(getComputedStyle(p).fontSize))")
    assert body and min(body) >= 16, body
    assert [(tag, size) for tag, size in sizes if size < 16] == []


CLINIC_BORDER = """(() => { const s = getComputedStyle(document.querySelector('.clinic'));
    return ['Top', 'Right', 'Bottom', 'Left'].map(side => [parseFloat(s['border' + side + 'Width']),
                                                           s['border' + side + 'Style']]); })()"""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_clinic_band_keeps_a_border_in_forced_colours(browser, axe_source, scheme):
    """A contrast theme drops the band's tint: a border keeps it a box (and the page still passes axe)."""
    with visit(browser, "article", scheme=scheme, bypass_csp=True) as seen:
        seen.page.emulate_media(forced_colors="active")
        assert seen.js("matchMedia('(forced-colors: active)').matches")
        border = seen.js(CLINIC_BORDER)
        seen.page.add_script_tag(content=axe_source)
        result = seen.js("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    assert all(width > 0 and style not in ("none", "hidden") for width, style in border), border
    assert result["violations"] == [], "\n" + readable(result["violations"])


def test_the_print_view_passes_axe(browser, axe_source):
    with visit(browser, "article", bypass_csp=True) as seen:
        seen.page.emulate_media(media="print")
        seen.page.add_script_tag(content=axe_source)
        result = seen.js("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    assert len(result["passes"]) >= 20, "axe ran too few rules to say anything"
    assert result["violations"] == [], "\n" + readable(result["violations"])


def test_print_shows_link_addresses(browser):
    article, clinic = source("markup")
    with visit(browser, "markup") as seen:
        pdf = seen.page.pdf(format="A4")
    text = squash(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    # The source's name is its link's text on screen; on paper its address follows it, once.
    assert squash(f"{article.source.name} ({article.source.url})") in text
    assert text.count(squash(clinic.website)) == 2  # in the header and the closing line, never doubled


@pytest.mark.parametrize("width", (320, 1280))
def test_figures_show_their_pictures_inside_the_column(browser, width):
    """Under the page's own policy: each picture decoded from its data: URI, none wider than the page."""
    with visit(browser, "figures", width=width) as seen:
        images = seen.js("""[...document.images].map(i => [i.complete, i.naturalWidth, i.getBoundingClientRect().right,
                             i.src.slice(0, 15), i.alt, i.closest('figure').querySelector('figcaption')?.textContent])""")
        page_width = seen.js("document.documentElement.scrollWidth")
    article, _ = source("figures")
    assert [(image[3], image[4]) for image in images] == [
        ("data:image/png;", article.figures[0].alt),
        ("data:image/svg+", article.figures[1].alt),
        ("data:image/jpeg", article.figures[2].alt),
    ]
    assert all(complete and natural > 0 and right <= width for complete, natural, right, *_ in images), images
    assert images[1][5] == f"{article.figures[1].caption} {article.figures[1].credit}"
    assert page_width <= width
