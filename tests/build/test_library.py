"""The library's conventions: the output naming rule, clinic files, and the PDF's Author."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from legpain_docs import load_article, load_clinic
from legpain_docs.names import clinic_stem, output_name
from legpain_docs.render.cards import render_cards
from legpain_docs.render.handout import render_handout

from tests.conftest import DATA, ROOT

CLINIC = load_clinic(ROOT / "source" / "example.clinic.yaml")


@pytest.mark.parametrize(
    "kind, options, name",
    [
        ("handout", {}, "x-handout.pdf"),
        ("handout", dict(paper="a4"), "x-handout-a4.pdf"),
        ("handout", dict(large=True), "x-handout-large.pdf"),
        ("handout", dict(paper="a4", large=True), "x-handout-a4-large.pdf"),
        ("handout", dict(clinic="source/riverside.clinic.yaml"), "x-handout-riverside.pdf"),
        ("handout", dict(paper="a4", large=True, clinic="riverside.yaml"), "x-handout-a4-large-riverside.pdf"),
        ("cards", {}, "x-cards.pdf"),
        ("cards", dict(paper="a4"), "x-cards-a4.pdf"),
        ("cards", dict(flip="short"), "x-cards-short.pdf"),
        ("cards", dict(paper="a4", flip="short"), "x-cards-a4-short.pdf"),
        ("deck", {}, "x.apkg"),
        ("html", {}, "x.html"),
        ("html", dict(clinic="riverside.clinic.yaml"), "x-riverside.html"),
    ],
)
def test_each_variant_has_a_name_of_its_own(kind, options, name):
    assert output_name("x", kind, **options) == name


def test_a_clinic_files_name_without_its_suffixes_names_its_handouts():
    assert [clinic_stem(n) for n in ["a.clinic.yaml", "dir/a.clinic.yml", "a.yaml", "a", ".yaml"]] == [
        "a",
        "a",
        "a",
        "a",
        ".yaml",
    ]


def test_the_repositorys_source_folder_keeps_clinic_files_apart_from_articles():
    yamls = sorted(p.name for p in (ROOT / "source").glob("*.yaml"))
    assert "example.clinic.yaml" in yamls
    articles = [n for n in yamls if not n.endswith(".clinic.yaml") and n != "library.yaml"]
    for name in articles:
        load_article(ROOT / "source" / name)  # every other file there must be an article


def author(pdf: bytes) -> str | None:
    return PdfReader(io.BytesIO(pdf)).metadata.author


def test_the_author_is_the_sources_name_even_with_a_clinic():
    article = load_article(DATA / "deck-markup.yaml")
    assert article.source.name == "Editors & <Staff>"
    assert author(render_handout(article, clinic=CLINIC, epoch=0)) == "Editors & <Staff>"
    assert author(render_cards(article, epoch=0)) == "Editors & <Staff>"


def test_without_a_source_name_the_author_is_the_clinic(tmp_path):
    article = load_article(DATA / "mini.yaml")
    assert article.source is None
    assert author(render_handout(article, clinic=CLINIC, epoch=0)) == "Riverside Family Practice"


def test_without_either_the_author_is_omitted_not_empty_nor_the_tools_name():
    article = load_article(DATA / "mini.yaml")
    for pdf in (render_handout(article, epoch=0), render_cards(article, epoch=0)):
        metadata = PdfReader(io.BytesIO(pdf)).metadata
        assert "/Author" not in metadata
        # Only the Author is left out: the rest of the document information is all there.
        assert sorted(metadata) == [
            "/CreationDate",
            "/Creator",
            "/Keywords",
            "/ModDate",
            "/Producer",
            "/Subject",
            "/Title",
            "/Trapped",
        ]
        assert metadata.creation_date == metadata.modification_date
