"""Property tests: any valid content loads back as written and comes out of every renderer."""

from __future__ import annotations

import datetime as dt
import html
import io
import unicodedata

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legpain_docs import Article, Item, Section, load_article
from legpain_docs.fonts import coverage
from legpain_docs.keys import key_problems

from tests.deck_student import Student  # a fresh Anki collection that imports as a student's Anki does
from tests.render.cards.test_cards import grid  # card cells, read from the cut marks
from tests.render.handout.test_handout import glyphs, has_notes, reading_order  # the handout's text in drawing order

# Printable characters the embedded font can show: letters, digits, punctuation, symbols.
SHOWABLE = "".join(sorted(chr(c) for c in coverage() if unicodedata.category(chr(c))[0] in "LNPS"))
MARKUP = "<>&\"'{}:;/\\#"

word = st.text(alphabet=SHOWABLE, min_size=1, max_size=12) | st.sampled_from(
    ["<b>", "&amp;", "a<b", "{{c1::x}}", "α≥β±µ°"]
)
long_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=40, max_size=90)


def words(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    """Text as the loader leaves it: single spaces, NFC (the loader normalises, as Anki does)."""
    joined = st.lists(word | long_word, min_size=min_size, max_size=max_size).map(" ".join)
    return joined.map(lambda text: unicodedata.normalize("NFC", text)).filter(
        lambda text: text == " ".join(text.split())
    )


slug = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
item = st.builds(Item, term=words(1, 4), definition=st.none() | words(1, 25))
section = st.builds(
    Section,
    id=slug,
    title=words(1, 8),
    items=st.lists(item, min_size=1, max_size=6, unique_by=lambda i: i.term).map(tuple),
    intro=st.lists(words(1, 30), max_size=2).map(tuple),
    outro=st.lists(words(1, 30), max_size=1).map(tuple),
)
article = st.builds(
    Article,
    id=slug,
    title=words(1, 8),
    reviewed=st.dates(dt.date(2000, 1, 1), dt.date(2026, 1, 1)),  # a deck dated in the future is refused
    sections=st.lists(section, min_size=1, max_size=5, unique_by=lambda s: s.id).map(tuple),
    intro=st.lists(words(1, 30), max_size=2).map(tuple),
    outro=st.lists(words(1, 30), max_size=2).map(tuple),
).filter(lambda a: not key_problems(a))  # the loader refuses two items with one deck key


def to_yaml(a: Article) -> str:
    """The article as an editor would write it: paragraphs separated by blank lines."""

    def text(key: str, paragraphs: tuple[str, ...]) -> dict:
        return {key: "\n\n".join(paragraphs)} if paragraphs else {}

    def section_dict(s: Section) -> dict:
        items = [{"term": i.term, **({"definition": i.definition} if i.definition else {})} for i in s.items]
        return {"id": s.id, "title": s.title, **text("intro", s.intro), "items": items, **text("outro", s.outro)}

    data = {
        "id": a.id,
        "title": a.title,
        "reviewed": a.reviewed.isoformat(),
        **text("intro", a.intro),
        "sections": [section_dict(s) for s in a.sections],
        **text("outro", a.outro),
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=70)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article)
def test_any_valid_source_loads_back_to_the_same_model(tmp_path_factory, a):
    path = tmp_path_factory.mktemp("src") / "a.yaml"
    path.write_text(to_yaml(a), encoding="utf-8")
    assert load_article(path) == a


def squeeze(text: str) -> str:
    """Text with all white space removed: line breaks inside long words do not count."""
    return "".join(text.split())


def pdf_text(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "".join(squeeze(page.extract_text() or "") for page in pdf.pages)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article)
def test_any_article_renders_a_handout_holding_every_piece_in_order(a):
    """Every heading, paragraph, term and definition, in the source's order, and nothing else;
    or, for a title that would fill more than half of page 1, a refusal that names the title."""
    from legpain_docs import ContentError
    from legpain_docs.render.handout import render_handout

    try:
        pdf = render_handout(a, epoch=a.reviewed_epoch)
    except ContentError as err:
        # Only a title many lines long may be refused (at 25 pt a line holds about 40 letters).
        assert str(err).startswith("the title is too long for the handout") and len(a.title) > 200, (err, len(a.title))
        return
    glyphs(pdf, a.title, tuple(s.title for s in a.sections)).find_all(
        [text for _, text in reading_order(a, None, has_notes(pdf))]
    )


# Cards hold a few lines: keep most definitions short enough to fit, so that most examples
# print rather than being refused; a refusal must still name the term.
card_item = st.builds(Item, term=words(1, 3), definition=words(1, 6))
card_article = article.flatmap(
    lambda a: st.lists(card_item, min_size=1, max_size=10, unique_by=lambda i: i.term).map(
        lambda items: Article(a.id, a.title, a.reviewed, (Section("cards", a.sections[0].title, tuple(items)),))
    )
)


def card_texts(pdf: bytes) -> list[str]:
    """The text of each card cell, all white space removed; the fronts' cut marks give the cells,
    which the backs share (a centred grid mirrors onto itself)."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        cells = grid(next(page for page in doc.pages if page.lines))
        return [squeeze(page.crop(cell).extract_text() or "") for page in doc.pages for cell in cells]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(card_article)
def test_any_article_renders_cards_holding_every_term_and_definition_or_names_the_one_too_long(a):
    from legpain_docs import ContentError
    from legpain_docs.render.cards import render_cards

    try:
        cells = card_texts(render_cards(a, epoch=a.reviewed_epoch))
    except ContentError as err:
        named = [i.term if len(i.term) <= 40 else i.term[:40].rstrip() + "…" for i in a.sections[0].items]
        assert any(f"'{term}'" in str(err) for term in named), err
        return
    # NFKC on both sides: pdfplumber reads a ligature character such as U+FB00 back as "ff".
    # No hyphens on either side: a definition is hyphenated (a soft hyphen) where a word meets the card's edge.
    cells = [unicodedata.normalize("NFKC", cell).replace("-", "").replace("\u00ad", "") for cell in cells]
    for item in a.sections[0].items:
        for text in (item.term, item.definition):
            printed = unicodedata.normalize("NFKC", squeeze(text)).replace("-", "").replace("\u00ad", "")
            assert any(cell.endswith(printed) for cell in cells), text


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(a=article)
def test_any_article_builds_a_deck_whose_notes_anki_reads_back(tmp_path_factory, a):
    """Through Anki's own importer: every defined item's term and definition, character for character."""
    from legpain_docs.render.deck import build_deck

    student = Student(tmp_path_factory.mktemp("anki"))
    try:
        student.import_deck(build_deck(a, epoch=a.reviewed_epoch))
        notes = [student.col.get_note(n) for n in student.col.find_notes("")]
        pairs = {
            (html.unescape(n["Term"]), html.unescape(n["Definition"]))
            for n in notes
            if n.note_type()["name"] == "legpain-docs term"
        }
        expected = {(i.term, i.definition) for s in a.sections for i in s.defined_items}
        assert pairs == expected
    finally:
        student.col.close()
