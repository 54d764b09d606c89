"""Every fixed word in the article's language: the catalogues, and the outputs read back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import string

import pytest
from babel import Locale
from pypdf import PdfReader

from legpain_docs import load_article
from legpain_docs.cli import main
from legpain_docs.render.cards import render_cards
from legpain_docs.render.deck import build_deck
from legpain_docs.render.handout import render_handout
from legpain_docs.words import CATALOGUES, ENGLISH, Words, words_for

from tests.conftest import DATA, write_source

FIXTURES = {"es": DATA / "es-leg-pain.yaml", "fr": DATA / "fr-leg-pain.yaml"}
TRANSLATIONS = [words for words in CATALOGUES.values() if words is not ENGLISH]
# The only phrases a translation may share with English, and why.
# Names and numbers ("A4", "{n}") hold no word, so they may be the same anywhere.
SAME_AS_ENGLISH = {
    ("fr", "notes"): "'Notes' is the French word too",
}
# Placeholders a translation may leave out: inches, in languages whose readers measure in mm.
MAY_LEAVE_OUT = {"card_size": {"width_in", "height_in"}}
NOT_PHRASES = {"language", "name", "locale"}  # a catalogue's identity, not printed text
WORD = re.compile(r"[^\W\d_]{3,}")


def leaves(value, path: str = ""):
    """(path, text) of every phrase in a catalogue field: strings, tuples of them, dicts of them."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, tuple):
        for index, part in enumerate(value):
            yield from leaves(part, f"{path}.{index}")
    elif isinstance(value, dict):
        for key, part in value.items():
            yield from leaves(part, f"{path}.{key}")


def phrases(words: Words) -> dict[str, str]:
    return {
        path: text
        for field in dataclasses.fields(Words)
        if field.name not in NOT_PHRASES
        for path, text in leaves(getattr(words, field.name), field.name)
    }


def vocabulary(text: str) -> set[str]:
    text = re.sub(r"<[^>]+>|\{\w+\}", " ", text)  # markup and placeholders are not words
    return {word.casefold() for word in WORD.findall(text)}


def english_left_in(text: str, words: Words, source_text: str) -> set[str]:
    """English fixed words in `text`: words of the English catalogue that neither the
    language's catalogue nor the article itself uses."""
    english = set().union(*map(vocabulary, phrases(ENGLISH).values()))
    own = set().union(*map(vocabulary, phrases(words).values())) | vocabulary(source_text)
    return vocabulary(text) & (english - own)


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


# ---- the catalogues


@pytest.mark.parametrize("words", TRANSLATIONS, ids=lambda w: w.language)
def test_a_catalogue_has_every_phrase_with_the_same_placeholders(words):
    english, translated = phrases(ENGLISH), phrases(words)
    assert translated.keys() == english.keys(), "a phrase is missing or extra"
    for path, text in english.items():
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
        used = {name for _, name, _, _ in string.Formatter().parse(translated[path]) if name}
        assert names - MAY_LEAVE_OUT.get(path, set()) <= used <= names, path
        assert translated[path].strip(), path


@pytest.mark.parametrize("words", TRANSLATIONS, ids=lambda w: w.language)
def test_a_catalogue_leaves_no_english_phrase(words):
    english = phrases(ENGLISH)
    same = {path for path, text in phrases(words).items() if text == english[path] and vocabulary(text)}
    assert same == {path for language, path in SAME_AS_ENGLISH if language == words.language}


def test_the_catalogues_are_english_spanish_and_french_with_babel_locales():
    assert {code: words.name for code, words in CATALOGUES.items()} == {
        "en": "English",
        "es": "Spanish",
        "fr": "French",
    }
    for code, words in CATALOGUES.items():
        assert words.language == code and Locale.parse(words.locale).language == code


@pytest.mark.parametrize(
    "tag, written",
    [
        ("en", "23 November 2026"),  # as the handout always wrote it
        ("en-US", "November 23, 2026"),
        ("es", "23 de noviembre de 2026"),
        ("es-MX", "23 de noviembre de 2026"),
        ("fr", "23 novembre 2026"),
        ("fr-CA", "23 novembre 2026"),
        ("en-Latn", "23 November 2026"),  # a script subtag is no region
    ],
)
def test_dates_are_written_the_languages_way(tag, written):
    assert words_for(tag).format_date(dt.date(2026, 11, 23)) == written


@pytest.mark.parametrize(
    "tag, counts",
    [
        ("en", ["0 cards", "1 card", "2 cards"]),
        ("es", ["0 tarjetas", "1 tarjeta", "2 tarjetas"]),
        ("fr", ["0 carte", "1 carte", "2 cartes"]),  # French: zero takes the singular
    ],
)
def test_plurals_follow_each_languages_rule(tag, counts):
    words = words_for(tag)
    assert [words.count(n, words.card) for n in (0, 1, 2)] == counts


@pytest.mark.parametrize("words", CATALOGUES.values(), ids=CATALOGUES)
def test_a_catalogues_own_forms_are_babels(words):
    """Each catalogue writes its own locale's dates, counts and measures without Babel: the same
    as Babel, every day of four years, every count a page could hold, halves rounded to even."""
    from babel.dates import format_date
    from babel.numbers import format_decimal

    locale = Locale.parse(words.forms.locale)
    assert words.forms.locale == words.locale
    days = [dt.date(2024, 1, 1) + dt.timedelta(days=n) for n in range(4 * 366)] + [
        dt.date(1, 1, 1),
        dt.date(9999, 12, 31),
    ]
    assert [words.format_date(day) for day in days] == [format_date(day, format="long", locale=locale) for day in days]
    assert [words.count(n, ("one", "other")) for n in range(10_001)] == [locale.plural_form(n) for n in range(10_001)]
    measures = [0, 0.05, 0.15, 0.25, 0.35, 1.0, 2.5, 3.45, 63.5, 88.94, 88.95, 1234.56, 2.0 / 3, 1e-7, 12345678.25]
    assert [words.number(value) for value in measures] == [
        format_decimal(value, format="0.#", locale=locale) for value in measures
    ]


# ---- the language field


def test_an_unsupported_language_is_an_error_at_its_place_naming_the_supported_ones(tmp_path, capsys):
    source = write_source(
        tmp_path,
        "id: x\ntitle: T\nlanguage: de-AT\nreviewed: 2026-01-01\n"
        "sections:\n  - id: a\n    title: A\n    items:\n      - term: B\n",
    )
    assert main(["check", str(source)]) == 2
    assert capsys.readouterr().err == (
        f"{source}:3:11: error: 'language' is 'de-AT', which legpain-docs cannot "
        "write yet: use one of en (English), es (Spanish), fr (French)\n"
    )


@pytest.mark.parametrize("tag", ["es-MX", "fr-CA", "en-GB", "ES"])
def test_a_region_of_a_supported_language_is_accepted(tmp_path, tag):
    source = write_source(
        tmp_path,
        f"id: x\ntitle: T\nlanguage: {tag}\nreviewed: 2026-01-01\n"
        "sections:\n  - id: a\n    title: A\n    items:\n      - term: B\n",
    )
    assert load_article(source).language == tag


# ---- the outputs, read back


@pytest.fixture(scope="module", params=sorted(FIXTURES))
def translated(request):
    path = FIXTURES[request.param]
    return load_article(path), words_for(request.param), path.read_text(encoding="utf-8")


def test_the_handout_speaks_the_articles_language(translated):
    article, words, source = translated
    pdf = render_handout(article, epoch=article.reviewed_epoch)
    text = pdf_text(pdf)
    assert english_left_in(text, words, source) == set()
    flat = squash(text)
    assert squash(words.disclaimer) in flat
    assert squash(words.reviewed.format(date=words.format_date(article.reviewed))) in flat
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert squash(words.page.format(page=1, total=pages)) in flat
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.subject == words.handout_subject
    assert reader.trailer["/Root"]["/Lang"] == article.language


def test_the_large_print_handout_speaks_the_articles_language(translated):
    article, words, source = translated
    text = pdf_text(render_handout(article, epoch=article.reviewed_epoch))
    assert english_left_in(text, words, source) == set()
    assert squash(words.disclaimer) in squash(text)


@pytest.mark.parametrize("paper, flip", [("letter", "long"), ("a4", "short")])
def test_the_printable_cards_and_their_guide_speak_the_articles_language(translated, paper, flip):
    article, words, source = translated
    text = pdf_text(render_cards(article, paper=paper, flip=flip, epoch=article.reviewed_epoch))
    assert english_left_in(text, words, source) == set()
    flat = squash(text)
    assert squash(words.guide_title) in flat and squash(words.papers[paper]) in flat
    assert squash(words.count(4, words.card)) in flat  # the fixture's four definitions


def test_the_english_check_catches_english(translated):
    """The checker itself: an English phrase in a Spanish or French output would be found."""
    article, words, source = translated
    assert english_left_in(ENGLISH.disclaimer + " " + ENGLISH.guide_title, words, source)


def test_the_cards_anki_renders_speak_the_articles_language(translated, tmp_path):
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    article, words, source = translated
    package = tmp_path / "deck.apkg"
    package.write_bytes(build_deck(article, epoch=article.reviewed_epoch))
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        col.import_anki_package(ImportAnkiPackageRequest(package_path=str(package), options=ImportAnkiPackageOptions()))
        shown = []
        for card_id in col.find_cards(""):
            card = col.get_card(card_id)
            for side in (card.question(), card.answer()):
                body = re.sub(r"<style>.*?</style>|<[^>]+>", " ", side, flags=re.S)
                shown.append(body)
        assert shown
        assert english_left_in(" ".join(shown), words, source) == set()
    finally:
        col.close()


def test_the_web_handout_speaks_the_articles_language(translated):
    import html

    from legpain_docs.model import Clinic
    from legpain_docs.render.web import render_web

    article, words, source = translated
    clinic = Clinic(name="Clínica", phone="555 010 0199", website="https://clinica.example.org")
    page = render_web(article, clinic=clinic).decode("utf-8")
    body = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    shown = html.unescape(re.sub(r"<[^>]+>", " ", body))
    assert english_left_in(shown, words, source) == set()
    flat = squash(shown)
    for phrase in (words.disclaimer, words.summary, words.reviewed.format(date=words.format_date(article.reviewed))):
        assert squash(phrase) in flat
    assert f'<html lang="{article.language}">' in page


LONG_WORDS = {
    "es": "Espondilolistesis, radiculopatía, intervertebral, hipotiroidismo, tromboflebitis, "
    "desmielinizante, electromiografía, neurofisiológico, anteroposterior, musculoesquelético.",
    "fr": "Spondylolisthésis, radiculopathie, intervertébral, hypothyroïdie, thrombophlébite, "
    "démyélinisante, électromyographie, neurophysiologique, antéropostérieur, musculosquelettique.",
}


@pytest.mark.parametrize("language", sorted(LONG_WORDS))
def test_the_handout_hyphenates_long_words_by_the_languages_rules(tmp_path, language):
    """A paragraph of nothing but long words, in regular print (large print breaks no word): some
    line must end in a (soft) hyphen that the text does not have, splitting a word where the language's
    rules allow."""
    import pyphen

    paragraph = " ".join([LONG_WORDS[language]] * 3)
    source = write_source(
        tmp_path,
        f"id: t\ntitle: T\nlanguage: {language}\nreviewed: 2026-01-01\n"
        f"intro: {paragraph}\nsections:\n  - id: a\n    title: A\n    items:\n"
        "      - term: B\n",
    )
    article = load_article(source)
    text = pdf_text(render_handout(article, epoch=article.reviewed_epoch))
    words = {word.casefold() for word in re.findall(r"[^\W\d_]+", paragraph)}
    breaks = [
        (head, tail)
        for head, tail in re.findall(r"([^\W\d_]+)\u00ad\n([^\W\d_]+)", text)
        if (head + tail).casefold() in words
    ]
    assert breaks, "no long word is hyphenated"
    rules = pyphen.Pyphen(lang=language)
    for head, tail in breaks:
        assert len(head) in rules.positions(head + tail), f"{head}-{tail} breaks where {language} does not"


@pytest.mark.parametrize("language, continued", [("es", "(continuación)"), ("fr", "(suite)")])
def test_a_section_continued_on_a_new_page_says_so_in_the_articles_language(tmp_path, language, continued):
    article = load_article(FIXTURES[language])
    section = article.sections[0]
    items = "".join(
        f"      - term: {item.term} {n}\n        definition: {item.definition}\n"
        for n in range(1, 9)
        for item in section.defined_items
    )
    source = write_source(
        tmp_path,
        f"id: t\ntitle: {article.title}\nlanguage: {language}\nreviewed: 2026-01-01\n"
        f"sections:\n  - id: a\n    title: {section.title}\n    items:\n{items}",
    )
    longer = load_article(source)
    text = pdf_text(render_handout(longer, large_print=True, epoch=longer.reviewed_epoch))
    assert squash(words_for(language).continued.format(title=section.title)) in squash(text)
    assert english_left_in(text, words_for(language), source.read_text(encoding="utf-8")) == set()


def test_the_handouts_contact_line_and_qr_label_speak_the_articles_language(translated, tmp_path):
    from legpain_docs.model import Clinic

    _, words, source = translated
    with_source = source + "source: {name: Ejemplo, url: 'https://example.org/articulo'}\n"
    article = load_article(write_source(tmp_path, with_source))
    clinic = Clinic(name="Clínica Ribera", phone="555 010 0199", website="https://clinica.example.org")
    text = pdf_text(render_handout(article, clinic=clinic, epoch=article.reviewed_epoch))
    assert english_left_in(text, words, with_source) == set()
    flat = squash(text)
    assert squash(words.questions_online.format(phone=clinic.phone, website=clinic.website)) in flat
    assert squash(words.qr_label) in flat
