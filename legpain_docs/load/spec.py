"""The shape of a source file, written once: the loader checks it and `schema` prints it.

A spec is plain data. `load.py` walks YAML nodes along it; `schema.py` turns it into JSON
Schema for editors. A `Record` builds its model class from the checked values, so a field
name here is a dataclass field name in `model.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .. import keys, model
from ..words import CATALOGUES
from . import codes

T = TypeVar("T")


@dataclass(frozen=True)
class Text:
    """Literal text; `paragraphs` splits it at blank lines, else it is one line; at most `max_chars` when given."""

    paragraphs: bool = False
    max_chars: int | None = None


@dataclass(frozen=True)
class Pattern:
    """A one-word value that must match a regular expression (slugs, language tags)."""

    regex: str
    meaning: str
    example: str
    # When given, the value's first part (before any "-") must be one of these keys; the
    # values name them in the error ("es": "Spanish"), so an editor sees what to write.
    one_of: dict[str, str] | None = None


@dataclass(frozen=True)
class Date:
    """A calendar date written YYYY-MM-DD; `not_future` refuses one after tomorrow."""

    not_future: bool = False


@dataclass(frozen=True)
class Count:
    """A whole number written in digits, from `minimum` to `maximum`."""

    minimum: int
    maximum: int
    unit: str  # what it counts, for messages: "months"
    example: int


@dataclass(frozen=True)
class Flag:
    """A YAML boolean written plain: `true` or `false`, or `yes` or `no`, which editors write too
    (in lowercase, Capitalised or UPPERCASE, as YAML allows). Quoted, it is text, and refused:
    `"false"` would read as false here but as text in any other YAML tool. YAML's `on` and
    `off` are refused as well: in a patient article they read as words, not switches."""

    true: tuple[str, ...] = ("true", "True", "TRUE", "yes", "Yes", "YES")
    false: tuple[str, ...] = ("false", "False", "FALSE", "no", "No", "NO")


@dataclass(frozen=True)
class PictureFile:
    """A PNG, JPEG or SVG file's name, relative to the article's file (see pictures.py for the limits)."""


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    required: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Record(Generic[T]):
    """A mapping with a fixed set of keys; unknown keys are errors.

    `build` is the model class; its dataclass fields are these fields (a test ties them).
    `check` looks at the whole built value for problems no single field shows, as
    (part of the value, field name, message) for the loader to place at that field.
    """

    name: str
    fields: tuple[Field, ...]
    build: type[T]
    doc: str = ""
    check: Callable[[T], list[tuple[object, str, str]]] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ListOf:
    """A list of at least `min_items`; `unique` names a field whose value may not repeat."""

    item: Record
    unique: str | None = None
    min_items: int = 1


Kind = Text | Pattern | Date | Count | Flag | Record | ListOf | PictureFile  # what a field holds

SLUG = Pattern(r"[a-z0-9]+(?:-[a-z0-9]+)*", "a slug: lowercase letters, digits and single hyphens", "leg-foot-pain")
LANGUAGE = Pattern(
    r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*",
    "a BCP 47 language tag",
    "en-GB",
    one_of={code: words.name for code, words in CATALOGUES.items()},
)

ATTRIBUTION = Record(
    "source",
    (
        # Bounded so that the handout's closing block always fits its column, and the url its QR code
        # (at most 2,331 bytes at level M: 300 characters of 4 bytes each fit). The widest characters at both
        # limits fit every paper and print size (tests/render/handout/test_handout_layout.py).
        Field("name", Text(max_chars=120), doc="Who published the article (at most 120 characters)."),
        Field("url", Text(max_chars=300), doc="Where the article can be read (at most 300 characters)."),
    ),
    model.Attribution,
    doc="Optional attribution printed on the handout and the cards.",
)

# An alt text that says nothing a listener needs: the file's name, or only "image of ...".
ALT_MAX = 250


def _alt_problems(figure: model.Figure) -> list[tuple[object, str, str]]:
    import re

    alt, stem = figure.alt, figure.file.name.rsplit(".", 1)[0]
    plain = lambda text: re.sub(r"[\W_]+", " ", text).strip().casefold()  # noqa: E731
    if len(alt) > ALT_MAX:
        return [
            (
                figure,
                "alt",
                f"the alt text has {len(alt)} characters, over {ALT_MAX}: say what a listener needs to "
                "know of the picture, and put the rest in a caption",
            )
        ]
    if plain(alt) in (plain(stem), plain(figure.file.name)):
        return [(figure, "alt", "the alt text only repeats the file's name: say what the picture shows")]
    if re.match(
        r"(?i)(an? )?(image|picture|photo|graphic|illustration|imagen|foto|dibujo|illustration|dessin) (of|de|du|des)\b",
        alt,
    ):
        return [
            (
                figure,
                "alt",
                "start the alt text with what the picture shows, not 'image of': a screen reader "
                "already says it is an image",
            )
        ]
    return []


FIGURE = Record(
    "figure",
    (
        Field(
            "file",
            PictureFile(),
            required=True,
            doc="The picture: a PNG, JPEG or SVG file, relative to the article's file.",
        ),
        Field(
            "alt",
            Text(),
            required=True,
            doc="What a listener needs to know of the picture, in plain words, at most 250 characters.",
        ),
        Field("caption", Text(), doc="Printed beneath the picture."),
        Field("credit", Text(), doc="The picture's source or licence, printed small."),
    ),
    model.Figure,
    doc="A picture with its alt text: in every output (braille and EPUB give the alt text).",
    check=_alt_problems,
)

ITEM = Record(
    "item",
    (
        Field("term", Text(), required=True, doc="The cause or factor, as the list names it."),
        Field("definition", Text(), doc="What the article says it is; an item with one becomes flashcards."),
        Field(
            "key",
            SLUG,
            doc="The item's name in the deck, unique in the article; by default made from the term. "
            "When you rename a published term, set it to the old term's key to keep students' history.",
        ),
        Field("reverse", Flag(), doc="false: no definition -> term card for this item (default true)."),
        Field(
            "sentence",
            Text(),
            doc="Instead of a definition: the article's whole line when it goes on from the term "
            "('Metabolic disorders, such as ...'), starting with the term. Printed as written; "
            "its flashcard asks what the article says, and it gets no reverse card.",
        ),
        Field("figure", FIGURE, doc="A picture for this item: beside it in the handout, on the back of its card."),
    ),
    model.Item,
)

CODE = Record(
    "code",
    (
        Field(
            "system",
            Pattern("|".join(codes.SYSTEMS), "one of " + ", ".join(codes.SYSTEMS), "icd-10-cm"),
            required=True,
            doc="The terminology: icd-10-cm or snomed-ct.",
        ),
        Field("code", Text(), required=True, doc="The code, as the terminology writes it: M79.604, or 10601006."),
        Field("display", Text(), doc="The code's name in that terminology."),
    ),
    model.Code,
)

SECTION = Record(
    "section",
    (
        Field("id", SLUG, required=True, doc="Names the section's tag in the deck ('retired' is reserved)."),
        Field("title", Text(), required=True, doc="The section heading."),
        Field("intro", Text(paragraphs=True), doc="Text before the list; a blank line separates paragraphs."),
        Field("items", ListOf(ITEM, unique="term"), required=True, doc="The section's list, in the article's order."),
        Field("outro", Text(paragraphs=True), doc="Text after the list."),
        Field(
            "flashcards",
            Flag(),
            doc="false: the section stays in the handouts but is left out of the deck and the cards.",
        ),
        Field("figure", FIGURE, doc="A picture for the section, after its introduction; on its list cards too."),
    ),
    model.Section,
)

ARTICLE = Record(
    "article",
    (
        Field("id", SLUG, required=True, doc="Names the output files and namespaces the Anki ids."),
        Field("title", Text(), required=True, doc="The article's title."),
        Field("language", LANGUAGE, doc="BCP 47 tag of the text's language (default en)."),
        Field(
            "reviewed",
            Date(not_future=True),
            required=True,
            doc="The date of the last medical review; printed on the handout and the cards.",
        ),
        Field(
            "review_due",
            Date(),
            doc="The date of the next review, printed on the handouts; by default the "
            "library's review_interval_months after 'reviewed'.",
        ),
        Field("source", ATTRIBUTION),
        Field("intro", Text(paragraphs=True), doc="Text before the first section."),
        Field("figure", FIGURE, doc="A picture after the introduction."),
        Field("sections", ListOf(SECTION, unique="id"), required=True, doc="One or more sections, in order."),
        Field("outro", Text(paragraphs=True), doc="Closing text after the last section."),
        Field(
            "codes",
            ListOf(CODE),
            doc="Codes of the conditions the article covers, for an EHR to file the handout under.",
        ),
        Field(
            "translation_of",
            SLUG,
            doc="The id of the article this one translates (in the same folder); items are "
            "matched by key. `legpain-docs translated` records which revision it follows.",
        ),
    ),
    model.Article,
    doc="A patient-education article: the one source of the handout, the deck and the cards.",
    check=lambda article: [
        *keys.key_problems(article),
        *_reserved_id(article),
        *_reserved_sections(article),
        *_review_after_reviewed(article),
        *codes.code_problems(article),
        *_sentence_problems(article),
    ],
)

LIBRARY = Record(
    "library",
    (
        Field("name", Text(), doc="The name of the one deck that holds every article (default 'Patient education')."),
        Field(
            "review_interval_months",
            Count(1, 120, "months", 24),
            doc="Months from an article's 'reviewed' date to its next review, for every article without a 'review_due'.",
        ),
    ),
    model.Library,
    doc="The clinic's library of articles (source/library.yaml); every field is optional.",
)


# The one id each record may not take (the checks below say why); the loader never suggests them.
RESERVED_IDS = {"article": "library", "section": "retired"}


def _reserved_id(article: model.Article) -> list[tuple[object, str, str]]:
    if article.id != RESERVED_IDS["article"]:
        return []
    return [
        (
            article,
            "id",
            "the id 'library' is reserved: output/library.apkg, the file this id would name, is "
            "the library deck's (every article in one deck); choose another id",
        )
    ]


def _review_after_reviewed(article: model.Article) -> list[tuple[object, str, str]]:
    if article.review_due is None or article.review_due > article.reviewed:
        return []
    return [
        (
            article,
            "review_due",
            f"'review_due' is {article.review_due}, not after the review it follows "
            f"('reviewed: {article.reviewed}'): give the date of the next review",
        )
    ]


def _reserved_sections(article: model.Article) -> list[tuple[object, str, str]]:
    return [
        (
            section,
            "id",
            "the section id 'retired' is reserved: the deck tags items that left the "
            "article '<article-id>::retired'; choose another id",
        )
        for section in article.sections
        if section.id == RESERVED_IDS["section"]
    ]


def _sentence_problems(article: model.Article) -> list[tuple[object, str, str]]:
    """A sentence starts with its item's term and stands instead of a definition."""
    problems: list[tuple[object, str, str]] = []
    for item in (item for section in article.sections for item in section.items if item.sentence):
        if item.definition:
            problems.append(
                (
                    item,
                    "sentence",
                    f"'{item.term}' has both a definition and a sentence: keep one "
                    "(a sentence is the article's whole line, term first)",
                )
            )
        elif not item.sentence.startswith(item.term) or item.sentence[len(item.term) :][:1].isalnum():
            problems.append(
                (
                    item,
                    "sentence",
                    f"the sentence must start with the term, '{item.term}', as the "
                    f"article writes it (like '{item.term}, such as ...')",
                )
            )
        elif not item.rest.strip(" ,;:"):
            problems.append(
                (
                    item,
                    "sentence",
                    f"the sentence says nothing after the term '{item.term}': "
                    "leave it out, or write the article's whole line",
                )
            )
    return problems


CLINIC = Record(
    "clinic",
    (
        Field("name", Text(), required=True, doc="The clinic's name, as patients know it."),
        Field("phone", Text(), required=True, doc="The number patients should call."),
        Field("address", Text(), doc="Street address, one line."),
        Field("website", Text(), doc="The clinic's web address."),
    ),
    model.Clinic,
    doc="The clinic printed in the handout's header.",
    check=lambda clinic: _website_problems(clinic),
)


def _website_problems(clinic: model.Clinic) -> list[tuple[object, str, str]]:
    """A website the outputs cannot link to would be printed as plain text, and patients could
    not follow it: say so, with the address as it should be written."""
    from ..links import is_web_address

    site = clinic.website
    if site is None or is_web_address(site):
        return []
    bare = site.split("://", 1)[-1].strip()
    return [
        (
            clinic,
            "website",
            f"'website' must be a whole web address starting with https://, so that the handout "
            f"and the web page can link to it: write 'website: https://{bare}'",
        )
    ]
