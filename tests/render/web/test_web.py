"""The web handout's HTML, read back with the standard library's HTML parser; the command around it.

What a browser makes of the page (axe, reflow, focus, print) is in test_web_browser.py.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from legpain_docs import load_article, load_clinic
from legpain_docs.cli import main
from legpain_docs.render import palette
from legpain_docs.render.web import render_web
from legpain_docs.words import words_for

from tests.conftest import ARTICLE_PATH, DATA, ROOT

CLINIC_PATH = ROOT / "source" / "example.clinic.yaml"
MARKUP_PATH = DATA / "handout-markup.yaml"
HOSTILE_PATH = DATA / "web-hostile.yaml"
HOSTILE_CLINIC_PATH = DATA / "web-clinic-hostile.yaml"
LINK_SCHEMES = ("http://", "https://", "tel:")


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of the document, in order."""

    def __init__(self, page: bytes):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []
        self.feed(page.decode("utf-8"))
        self.close()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.texts.append(data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    @property
    def text(self) -> str:
        return "".join(self.texts)


def page(source=ARTICLE_PATH, clinic=CLINIC_PATH) -> bytes:
    return render_web(load_article(source), clinic=load_clinic(clinic) if clinic else None)


def test_one_self_contained_page_that_asks_for_nothing():
    html = page()
    parsed = Elements(html)
    assert html.startswith(b"<!DOCTYPE html>\n")
    assert not parsed.named("script") and not parsed.named("link") and not parsed.named("img")
    assert not any("src" in attrs for _, attrs in parsed.tags)
    assert b"url(" not in html and b"@import" not in html and b"@font-face" not in html
    [policy] = [
        attrs["content"] for attrs in parsed.named("meta") if attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    assert "default-src 'none'" in policy
    assert len(parsed.named("style")) == 1


def test_landmarks_headings_and_lists(article):
    parsed = Elements(page())
    names = [name for name, _ in parsed.tags]
    for landmark in ("header", "main", "footer"):
        assert names.count(landmark) == 1
    assert names.count("h1") == 1
    assert names.count("h2") == len(article.sections) + 1  # and the summary's
    # Bare terms and the article's sentences are list entries; defined terms, a term and its definition.
    bare = sum(1 for s in article.sections for item in s.items if item.definition is None)
    defined = sum(1 for s in article.sections for item in s.items if item.definition)
    assert (names.count("li"), names.count("dt"), names.count("dd")) == (bare, defined, defined)
    [html] = parsed.named("html")
    assert html["lang"] == article.language
    assert names.index("header") < names.index("h1") < names.index("main") < names.index("footer")


def test_lang_and_wording_follow_the_article_language():
    markup = load_article(MARKUP_PATH)
    parsed = Elements(page(MARKUP_PATH, None))
    words = words_for(markup.language)
    assert parsed.named("html")[0]["lang"] == "en-GB"
    assert words.disclaimer in parsed.text
    assert words.reviewed.format(date=words.format_date(markup.reviewed)) in parsed.text
    assert [attrs["datetime"] for attrs in parsed.named("time")] == [markup.reviewed.isoformat()]


def test_markup_in_the_source_is_text_never_markup():
    hostile = load_article(HOSTILE_PATH)
    parsed = Elements(page(HOSTILE_PATH, HOSTILE_CLINIC_PATH))
    names = [name for name, _ in parsed.tags]
    for tag in ("script", "img", "iframe", "svg", "b", "style"):
        assert names.count(tag) == (1 if tag == "style" else 0), tag  # the one style is the page's own
    assert names.count("h1") == 1 and names.count("p") >= 1
    assert not any(key.startswith("on") for _, attrs in parsed.tags for key in attrs)
    for text in (
        hostile.title,
        *hostile.intro,
        hostile.sections[0].title,
        hostile.sections[0].items[0].term,
        hostile.sections[0].items[0].definition,
        *hostile.outro,
    ):
        assert text in parsed.text


def test_a_script_url_never_becomes_a_link():
    """The loader refuses a clinic website that is not https://; a clinic made in code with one is
    still never linked."""
    clinic = dataclasses.replace(load_clinic(HOSTILE_CLINIC_PATH), website="javascript:alert('website')")
    parsed = Elements(render_web(load_article(HOSTILE_PATH), clinic=clinic))
    assert [attrs["href"] for attrs in parsed.named("a")] == []
    assert "javascript:alert(document.cookie)" in parsed.text
    assert "javascript:alert('website')" in parsed.text
    assert "ask at the front desk" in parsed.text  # no digits: no tel: link, the words as written


def test_a_hostile_website_stays_inside_its_link():
    website = load_clinic(HOSTILE_CLINIC_PATH).website
    parsed = Elements(page(HOSTILE_PATH, HOSTILE_CLINIC_PATH))
    assert {attrs["href"] for attrs in parsed.named("a")} == {website}  # the header's link and the closing one
    assert "script" not in [name for name, _ in parsed.tags]


def test_links_are_http_https_or_tel_only():
    markup = load_article(MARKUP_PATH)
    clinic = load_clinic(DATA / "handout-clinic.yaml")
    parsed = Elements(page(MARKUP_PATH, DATA / "handout-clinic.yaml"))
    hrefs = [attrs["href"] for attrs in parsed.named("a")]
    assert all(href.startswith(LINK_SCHEMES) for href in hrefs)
    assert "tel:+442079460000" in hrefs  # the digits of "+44 20 7946 0000 (option 3 > appointments)"
    assert clinic.website in hrefs and markup.source.url in hrefs


def test_palette_colours_are_the_pdfs():
    html = page().decode()
    for colour in (
        palette.INK,
        palette.ACCENT,
        palette.RULE,
        palette.TINT,
        palette.PAPER,
        palette.DARK_INK,
        palette.DARK_ACCENT,
        palette.DARK_PAPER,
    ):
        assert colour in html


def test_the_web_renderer_imports_neither_reportlab_nor_genanki(tmp_path):
    code = (
        "import sys; from legpain_docs.cli import main; "
        f"main(['html', {str(ARTICLE_PATH)!r}, '-o', {str(tmp_path / 'a.html')!r}]); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'genanki')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip().endswith("[]")


def test_default_output_is_named_after_the_article(tmp_path, monkeypatch, capsys):
    (tmp_path / "output").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["html", str(ARTICLE_PATH)]) == 0
    assert (tmp_path / "output" / "leg-foot-pain.html").read_bytes() == page(clinic=None)
    assert "wrote output/leg-foot-pain.html" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args",
    [
        [str(DATA / "bad" / "syntax.yaml")],
        [str(ARTICLE_PATH), "--clinic", str(DATA / "bad" / "unknown-key.yaml")],
        [str(DATA / "missing.yaml")],
    ],
)
def test_bad_input_reports_and_leaves_the_earlier_page(tmp_path, capsys, args):
    out = tmp_path / "page.html"
    out.write_bytes(b"earlier good page")
    assert main(["html", *args, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert ": error: " in err and "Traceback" not in err
    assert out.read_bytes() == b"earlier good page"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_an_unwritable_target_is_refused(tmp_path, capsys):
    assert main(["html", str(ARTICLE_PATH), "-o", str(tmp_path / "missing" / "page.html")]) == 2
    assert "cannot write: no such directory" in capsys.readouterr().err


@pytest.mark.parametrize(
    "phone, dials",
    [
        ("1-800-FLOWERS", "tel:18003569377"),  # was tel:1800, someone else's line
        ("1-800-GO-FEDEX", "tel:18004633339"),
        ("1800FLOWERS", "tel:18003569377"),
        ("+1 (800) 356-9377", "tel:+18003569377"),
        ("555-0100 ext. 4", "tel:5550100"),  # a word set apart by a space ends the number
        ("(555) 010-0199", "tel:5550100199"),
    ],
)
def test_a_phone_number_dials_its_digits_and_a_keypad_maps_its_letters(phone, dials, tmp_path):
    clinic = tmp_path / "vanity.clinic.yaml"
    clinic.write_text(f"name: Riverside\nphone: {phone}\n", encoding="utf-8")
    parsed = Elements(page(ARTICLE_PATH, clinic))
    links = [(attrs["href"], attrs) for attrs in parsed.named("a") if attrs["href"].startswith("tel:")]
    assert {href for href, _ in links} == {dials}
    assert phone in parsed.text  # printed as written


def test_an_item_written_as_a_sentence_reads_as_the_article_writes_it(article):
    """The term in bold where the article's sentence starts, and the rest of the sentence after it."""
    import html as html_module
    import re

    markup = page().decode("utf-8")
    for item in (item for section in article.sections for item in section.items if item.sentence):
        entry = f"<li><strong>{html_module.escape(item.term)}</strong>{html_module.escape(item.rest)}</li>"
        assert entry in markup
        assert html_module.unescape(re.sub(r"<[^>]+>", "", entry)) == item.sentence
