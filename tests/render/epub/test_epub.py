"""The EPUB book: valid by EPUBCheck (Debian's), clean by axe-core in Chromium, the article in
reading order, the same bytes every build."""

from __future__ import annotations

import json
import os
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from legpain_docs import load_article
from legpain_docs.cli import main
from legpain_docs.render.epub import render_epub
from legpain_docs.words import words_for

from tests.conftest import ARTICLE_PATH, DATA
from tests.render.web.test_web_browser import AXE_TAGS, readable

EPUBCHECK = Path(os.environ.get("EPUBCHECK", "/usr/share/java/epubcheck.jar"))
FIGURES = DATA / "figures" / "figures.yaml"  # three figures: a PNG, an SVG drawing, a JPEG photo
SOURCES = [ARTICLE_PATH, DATA / "es-leg-pain.yaml", DATA / "fr-leg-pain.yaml", DATA / "web-hostile.yaml", FIGURES]
XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"


def book(source: Path) -> bytes:
    article = load_article(source)
    return render_epub(article, epoch=article.reviewed_epoch)


def files(epub: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(epub)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# EPUBCheck is a Java program that takes most of its time starting: the JVM's quick compiler
# alone and every book checked at once, side by side.
JAVA = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar"]


@pytest.fixture(scope="module")
def epubcheck(tmp_path_factory) -> dict[str, tuple[int, list]]:
    """Each source's book checked by EPUBCheck: its exit status and its messages."""
    assert EPUBCHECK.exists(), f"no EPUBCheck at {EPUBCHECK}: run `make test`, which installs it, or set EPUBCHECK"
    folder = tmp_path_factory.mktemp("epubcheck")
    runs = {}
    for source in SOURCES:
        path = folder / f"{source.stem}.epub"
        path.write_bytes(book(source))
        runs[source.stem] = subprocess.Popen(
            [*JAVA, str(EPUBCHECK), str(path), "--json", str(path.with_suffix(".json"))],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    return {
        stem: (run.wait(timeout=600), json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))["messages"])
        for stem, run in runs.items()
    }


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.stem)
def test_epubcheck_finds_no_error_and_no_warning(epubcheck, source):
    status, messages = epubcheck[source.stem]
    assert [(m["severity"], m["ID"], m["message"]) for m in messages] == []
    assert status == 0


def test_mimetype_comes_first_uncompressed():
    with zipfile.ZipFile(BytesIO(book(ARTICLE_PATH))) as archive:
        first = archive.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED


def test_two_builds_are_byte_identical_and_dated_by_the_review():
    assert book(ARTICLE_PATH) == book(ARTICLE_PATH)
    article = load_article(ARTICLE_PATH)
    opf = ET.fromstring(files(book(ARTICLE_PATH))["EPUB/package.opf"])
    modified = [m.text for m in opf.iter(f"{OPF}meta") if m.get("property") == "dcterms:modified"]
    assert modified == [f"{article.reviewed.isoformat()}T00:00:00Z"]
    assert render_epub(article, epoch=article.reviewed_epoch + 86400) != book(ARTICLE_PATH)


@pytest.mark.parametrize("source", SOURCES[:3], ids=lambda path: path.stem)
def test_the_accessibility_metadata_is_there_in_the_articles_language(source):
    article = load_article(source)
    opf = ET.fromstring(files(book(source))["EPUB/package.opf"])
    meta = {}
    for element in opf.iter(f"{OPF}meta"):
        meta.setdefault(element.get("property"), []).append(element.text)
    assert meta["schema:accessMode"] == ["textual"] and meta["schema:accessModeSufficient"] == ["textual"]
    assert {"structuralNavigation", "tableOfContents", "readingOrder"} <= set(meta["schema:accessibilityFeature"])
    assert meta["schema:accessibilityHazard"] == ["none"]
    assert meta["schema:accessibilitySummary"] == [words_for(article.language).epub_accessibility]
    assert meta["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    language = opf.find(".//{http://purl.org/dc/elements/1.1/}language").text
    assert language == article.language


def spine_text(epub: bytes) -> list[str]:
    """The text of the spine's documents, element by element, in reading order."""
    content = files(epub)
    opf = ET.fromstring(content["EPUB/package.opf"])
    hrefs = {item.get("id"): item.get("href") for item in opf.iter(f"{OPF}item")}
    pieces = []
    for ref in opf.iter(f"{OPF}itemref"):
        document = ET.fromstring(content["EPUB/" + hrefs[ref.get("idref")]])
        assert not list(document.iter(f"{XHTML}script"))
        pieces += [
            "".join(e.itertext())
            for e in document.iter()
            if e.tag in {f"{XHTML}{tag}" for tag in ("h1", "h2", "p", "li", "dt", "dd")}
        ]
    return pieces


@pytest.mark.parametrize("source", SOURCES[:3], ids=lambda path: path.stem)
def test_the_spine_reads_the_article_in_order(source):
    article = load_article(source)
    words = words_for(article.language)
    expected = [article.title, *article.intro]
    for section in article.sections:
        expected += [section.title, *section.intro]
        # An item written as the article's sentence reads as that one sentence.
        expected += [
            part
            for item in section.items
            for part in ((item.sentence,) if item.sentence else (item.term, item.definition))
            if part
        ]
        expected += list(section.outro)
    if article.outro:
        expected += [words.summary, *article.outro]
    expected += [words.disclaimer, words.reviewed.format(date=words.format_date(article.reviewed))]
    assert spine_text(book(source))[: len(expected)] == expected


def test_the_table_of_contents_names_every_section():
    article = load_article(ARTICLE_PATH)
    nav = ET.fromstring(files(book(ARTICLE_PATH))["EPUB/nav.xhtml"])
    links = [(a.text, a.get("href")) for a in nav.iter(f"{XHTML}a")]
    assert links[0] == (article.title, "article.xhtml")
    assert links[1:] == [(s.title, f"article.xhtml#section-{s.id}") for s in article.sections] + [
        ("Summary", "article.xhtml#summary")
    ]


@pytest.mark.parametrize("document", ["article.xhtml", "nav.xhtml"])
@pytest.mark.parametrize("source", [*SOURCES[:3], FIGURES], ids=lambda path: path.stem)
def test_axe_finds_nothing_in_the_books_documents(browser, axe_source, source, document):
    content = files(book(source))
    context = browser.new_context(viewport={"width": 600, "height": 800})
    page = context.new_page()
    base = "http://book.test/EPUB/"

    def answer(route):
        name = route.request.url.removeprefix(base)
        kind = {"css": "text/css", "png": "image/png", "jpg": "image/jpeg", "svg": "image/svg+xml"}.get(
            name.rpartition(".")[2], "application/xhtml+xml"
        )
        if "EPUB/" + name in content:
            route.fulfill(body=content["EPUB/" + name], content_type=kind)
        else:
            route.abort()

    page.route("**/*", answer)
    page.goto(base + document)
    assert page.evaluate("[...document.images].every(image => image.complete && image.naturalWidth > 0)")  # shown
    page.add_script_tag(content=axe_source)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    context.close()
    assert len(result["passes"]) >= 10, "axe ran too few rules to say anything"
    assert result["violations"] == [], "\n" + readable(result["violations"])
    assert result["incomplete"] == [], "\n" + readable(result["incomplete"])


def test_the_command_writes_the_book(tmp_path, capsys):
    assert main(["epub", str(ARTICLE_PATH), "--out-dir", str(tmp_path)]) == 0
    assert (tmp_path / "leg-foot-pain.epub").read_bytes() == book(ARTICLE_PATH)


# --- figures ---


def test_each_figure_is_a_figure_with_its_picture_alt_text_and_caption_in_reading_order():
    article = load_article(FIGURES)
    content = files(book(FIGURES))
    document = ET.fromstring(content["EPUB/article.xhtml"])
    order = [e for e in document.iter() if e.tag in {f"{XHTML}{t}" for t in ("p", "h2", "dt", "figure")}]
    figures = [e for e in order if e.tag == f"{XHTML}figure"]
    assert len(figures) == 3
    opf = ET.fromstring(content["EPUB/package.opf"])
    manifest = {item.get("href"): item.get("media-type") for item in opf.iter(f"{OPF}item")}
    for element, figure in zip(figures, article.figures):
        image = element.find(f"{XHTML}img")
        assert image.get("alt") == figure.alt
        assert content["EPUB/" + image.get("src")] == figure.file.data  # the loader's bytes: no metadata
        assert (
            manifest[image.get("src")]
            == {"png": "image/png", "jpeg": "image/jpeg", "svg": "image/svg+xml"}[figure.file.format]
        )
        caption = element.find(f"{XHTML}figcaption")
        expected = " ".join(part for part in (figure.caption, figure.credit) if part)
        assert ("".join(caption.itertext()) if caption is not None else "") == expected
    # The article's figure after its introduction, the section's after its intro, the item's inside its item.
    texts = ["".join(e.itertext()) if e.tag != f"{XHTML}figure" else "FIGURE" for e in order]
    assert texts[:6] == [
        article.intro[0],
        "FIGURE",
        article.sections[0].title,
        article.sections[0].intro[0],
        "FIGURE",
        "Hip",
    ]
    knee = document.find(f".//{XHTML}dd/{XHTML}figure/{XHTML}img")
    assert knee.get("alt") == article.sections[0].items[1].figure.alt
    assert not [name for name in content if "data:" in content[name].decode("latin-1") and name.endswith("xhtml")]


def test_a_book_with_pictures_says_so_in_its_accessibility_metadata():
    article = load_article(FIGURES)
    opf = ET.fromstring(files(book(FIGURES))["EPUB/package.opf"])
    meta = {}
    for element in opf.iter(f"{OPF}meta"):
        meta.setdefault(element.get("property"), []).append(element.text)
    assert meta["schema:accessMode"] == ["textual", "visual"]
    assert meta["schema:accessModeSufficient"] == ["textual,visual", "textual"]
    assert "alternativeText" in meta["schema:accessibilityFeature"]
    assert meta["schema:accessibilitySummary"] == [words_for(article.language).epub_accessibility_pictures]


def test_a_book_with_pictures_is_byte_reproducible_and_stores_a_picture_once(tmp_path):
    import shutil

    assert book(FIGURES) == book(FIGURES)
    for path in FIGURES.parent.iterdir():
        shutil.copy(path, tmp_path / path.name)
    source = tmp_path / "figures.yaml"
    # The item shows the article's own picture again: one file, one manifest item.
    source.write_text(
        FIGURES.read_text(encoding="utf-8").replace("file: photo.jpg", "file: diagram.png"), encoding="utf-8"
    )
    names = [name for name in files(book(source)) if name.startswith("EPUB/images/")]
    assert len(names) == 2


def test_a_photos_metadata_never_reaches_the_book(tmp_path):
    from PIL import Image

    photo = Image.new("RGB", (60, 20), "navy")
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}
    out = BytesIO()
    photo.save(out, "JPEG", exif=exif)
    (tmp_path / "photo.jpg").write_bytes(out.getvalue())
    source = tmp_path / "figures.yaml"
    source.write_text(
        FIGURES.read_text(encoding="utf-8")
        .replace("file: diagram.png", "file: photo.jpg")
        .replace("file: leg.svg", "file: photo.jpg"),
        encoding="utf-8",
    )
    for name, data in files(book(source)).items():
        assert b"Exif" not in data and b"GPS" not in data, name
