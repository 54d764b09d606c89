"""The preview's views, built without a browser: the deck's view counts what a student's Anki holds."""

from __future__ import annotations

import shutil

from legpain_docs import load_article
from legpain_docs.cli import main
from legpain_docs.preview.views import Options, build

from tests.conftest import ARTICLE_PATH
from tests.deck_student import Student


def test_the_deck_view_counts_the_cards_a_student_gets_and_shows_the_retired_notes_after_them(tmp_path):
    """The seed's record holds retired notes, which ship without a card: 57 cards, not 60 "cards"."""
    source = tmp_path / "leg-foot-pain.yaml"
    shutil.copy(ARTICLE_PATH, source)
    shutil.copy(ARTICLE_PATH.with_suffix(".deck-record"), tmp_path)
    views = build(str(source), Options(), tmp_path / "views")
    assert main(["anki", str(source), "-o", str(tmp_path / "deck.apkg")]) in (0, None)
    student = Student(tmp_path)
    student.import_deck((tmp_path / "deck.apkg").read_bytes())
    assert views.deck == student.col.card_count()
    assert views.retired == student.col.note_count() - student.col.card_count() > 0
    page = (views.folder / "deck.html").read_text(encoding="utf-8")
    labels = page.split('<section class="note" aria-label="')[1:]
    assert len(labels) == views.deck + views.retired
    assert [label.split('"')[0].endswith(" (retired)") for label in labels] == [False] * views.deck + [
        True
    ] * views.retired
    assert load_article(source).title in page
