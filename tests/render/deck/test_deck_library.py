"""`legpain-docs anki`: several sources, the record beside each, the library deck, and what
an editor is told; with Anki's engine importing what it writes."""

from __future__ import annotations

import shutil
import time

import pytest

from legpain_docs import load_article
from legpain_docs.cli import main
from legpain_docs.names import changes_path
from legpain_docs.render.deck.record import record_path

from tests.conftest import ARTICLE_PATH, write_source
from tests.deck_student import Student, article_text

SECOND = article_text(
    [
        ("one", [("Alpha", "The first letter."), ("Beta", "The second letter.")]),
        (
            "advice",
            [("Rest", "Sleep well."), ("Walk", "Every day.")],
        ),
    ],
    id="second",
    title="Second Article",
)
# The seed's section "advice"-like sections can be left out of the flashcards.
ADVICE_OUT = SECOND.replace("  - id: advice\n", "  - id: advice\n    flashcards: false\n")


@pytest.fixture
def library(tmp_path, monkeypatch):
    """A folder with the seed (and its committed record and release notes) and a second article, as the working directory."""
    shutil.copy(ARTICLE_PATH, tmp_path / "leg-foot-pain.yaml")
    shutil.copy(record_path(ARTICLE_PATH), tmp_path / "leg-foot-pain.deck-record")
    shutil.copy(changes_path(ARTICLE_PATH), tmp_path / "leg-foot-pain.deck-changes")
    write_source(tmp_path, SECOND, "second.yaml")
    write_source(tmp_path, "name: Clinic Library\n", "library.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return tmp_path


def test_the_library_deck_holds_every_article_as_a_subdeck(library, student, capsys):
    assert (
        main(
            ["anki", "leg-foot-pain.yaml", "second.yaml", "--library-deck", "library.apkg", "--library", "library.yaml"]
        )
        == 0
    )
    singles = [library / "output" / "leg-foot-pain.apkg", library / "output" / "second.apkg"]
    log = student.import_deck((library / "library.apkg").read_bytes())
    names = sorted(student.col.decks.name(card.did) for card in student.cards())
    assert set(names) == {"Clinic Library::Causes of Leg Pain and Foot Pain", "Clinic Library::Second Article"}
    assert student.col.decks.id_for_name("Clinic Library")
    # 57 cards of the seed and its 3 retired notes (which have none); the second: 2 terms x 2 + 2 lists of 2.
    assert student.col.card_count() == 57 + 8 + 4 and len(log.new) == 60 + 8 + 4
    for single in singles:
        again = student.import_deck(single.read_bytes())
        assert (len(again.new), len(again.updated), len(again.conflicting)) == (0, 0, 0)
    assert student.col.card_count() == 69


def test_counts_of_the_library_are_the_sum_of_the_single_decks(library, tmp_path):
    assert (
        main(
            ["anki", "leg-foot-pain.yaml", "second.yaml", "--library-deck", "library.apkg", "--library", "absent.yaml"]
        )
        == 0
    )
    counts = []
    for name in ("output/leg-foot-pain.apkg", "output/second.apkg", "library.apkg"):
        folder = tmp_path / f"anki-{len(counts)}"
        folder.mkdir()
        user = Student(folder)
        user.import_deck((library / name).read_bytes())
        counts.append((user.col.note_count(), user.col.card_count()))
        if name == "library.apkg":  # no library file: the default name
            assert {user.col.decks.name(c.did).split("::")[0] for c in user.cards()} == {"Patient education"}
        user.col.close()
    assert counts[2] == (counts[0][0] + counts[1][0], counts[0][1] + counts[1][1])


def test_rebuilds_from_the_committed_files_are_byte_identical(library):
    assert main(["anki", "leg-foot-pain.yaml", "-o", "first.apkg"]) == 0
    record = (library / "leg-foot-pain.deck-record").read_bytes()
    assert record == record_path(ARTICLE_PATH).read_bytes(), "the committed record is not what a build writes"
    changes = (library / "leg-foot-pain.deck-changes").read_bytes()
    assert changes == changes_path(ARTICLE_PATH).read_bytes(), "the committed release notes are not what a build writes"
    time.sleep(1.1)  # a build that used the clock for unchanged notes would differ now
    assert main(["anki", "leg-foot-pain.yaml", "-o", "second.apkg"]) == 0
    assert (library / "first.apkg").read_bytes() == (library / "second.apkg").read_bytes()


def test_a_section_can_stay_out_of_the_deck_and_the_cards(library, student):
    from legpain_docs.render.cards.faces import cards_of

    (library / "second.yaml").write_text(ADVICE_OUT, encoding="utf-8")
    article = load_article(library / "second.yaml")
    assert [card.term for card in cards_of(article)] == ["Alpha", "Beta"]
    assert main(["anki", "second.yaml"]) == 0
    student.import_deck((library / "output" / "second.apkg").read_bytes())
    assert student.col.card_count() == 4 + 2
    assert not student.col.find_notes('"tag:second::advice"')


def test_a_removed_item_is_named_on_stderr_and_kept_retired(library, student, capsys):
    assert main(["anki", "second.yaml"]) == 0
    student.import_deck((library / "output" / "second.apkg").read_bytes())
    (library / "second.yaml").write_text(
        SECOND.replace("      - term: Beta\n        definition: The second letter.\n", ""), encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["anki", "second.yaml"]) == 0
    err = capsys.readouterr().err
    assert err == (
        "second.yaml: note: item 'Alpha' is the only item left in section 'one'; its list card is marked retired\n"
        "second.yaml: note: item 'Beta' (key beta) is no longer in the source; its cards are marked retired. "
        "If you renamed it, add 'key: beta' to the renamed item.\n"
    )
    log = student.import_deck((library / "output" / "second.apkg").read_bytes())
    assert len(log.new) == 0
    # Beta's three notes, and Alpha's list entry: a list of one is no list.
    retired = {
        (student.col.get_note(n)["Term"], student.col.get_note(n).note_type()["name"])
        for n in student.col.find_notes('"tag:second::retired"')
    }
    assert retired == {
        ("Beta", "legpain-docs term"),
        ("Beta", "legpain-docs reverse"),
        ("Beta", "legpain-docs list"),
        ("Alpha", "legpain-docs list"),
    }
    assert "\tbeta\t" in (library / "second.deck-record").read_text()


def test_o_with_several_sources_is_refused(library, capsys):
    assert main(["anki", "leg-foot-pain.yaml", "second.yaml", "-o", "x.apkg"]) == 2
    assert "-o names one file" in capsys.readouterr().err
    assert not (library / "x.apkg").exists() and not (library / "output").exists()


def test_a_bad_source_writes_nothing(library, capsys):
    write_source(library, "id: bad\ntitle: T\nreviewed: soon\nsections: []\n", "bad.yaml")
    assert main(["anki", "second.yaml", "bad.yaml"]) == 2
    assert not (library / "output").exists() and not (library / "second.deck-record").exists()


def test_a_deck_dated_in_the_future_is_refused_and_the_old_one_kept(library, monkeypatch, capsys):
    assert main(["anki", "second.yaml", "-o", "deck.apkg"]) == 0
    before = (library / "deck.apkg").read_bytes()
    (library / "second.yaml").write_text(SECOND.replace("The first letter.", "Revised."), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(time.time()) + 3 * 86400))
    assert main(["anki", "second.yaml", "-o", "deck.apkg"]) == 2
    assert "second.yaml: error: the deck would be dated in the future" in capsys.readouterr().err
    assert (library / "deck.apkg").read_bytes() == before


@pytest.mark.parametrize(
    "items, expected",
    [
        (
            '[{term: "Herniated disc"}, {term: "Herniated  disc!"}]',
            "6:48: error: 'Herniated disc!' and 'Herniated disc' would share the deck key 'herniated-disc': give one of them its own 'key:'",
        ),
        ("[{term: A, key: same}, {term: B, key: same}]", "6:52: error: duplicate item key 'same'"),
        ('[{term: "+/+"}, {term: B}]', "6:22: error: the term '+/+' has no letter or digit"),
    ],
)
def test_key_problems_are_placed_where_the_editor_acts(tmp_path, capsys, items, expected):
    source = write_source(
        tmp_path, f"id: k\ntitle: T\nreviewed: 2026-01-02\nsections:\n  - {{id: s, title: S,\n      items: {items}}}\n"
    )
    assert main(["check", str(source)]) == 2
    assert f"{source}:{expected}" in capsys.readouterr().err


def test_the_retired_section_id_is_reserved(tmp_path, capsys):
    source = write_source(
        tmp_path,
        "id: k\ntitle: T\nreviewed: 2026-01-02\nsections:\n  - id: retired\n    title: S\n    items: [{term: A}]\n",
    )
    assert main(["check", str(source)]) == 2
    assert f"{source}:5:9: error: the section id 'retired' is reserved" in capsys.readouterr().err


def test_a_library_file_is_a_spec_record(tmp_path):
    from legpain_docs.load import load_library

    assert load_library(write_source(tmp_path, "name: Our Clinic\n", "library.yaml")).name == "Our Clinic"


def test_a_missing_record_is_named_as_a_new_start(library, capsys):
    """A deck built without its record starts over; the editor is told which file to restore."""
    capsys.readouterr()
    assert main(["anki", "leg-foot-pain.yaml"]) == 0
    assert "no deck record" not in capsys.readouterr().err
    (library / "leg-foot-pain.deck-record").unlink()
    assert main(["anki", "leg-foot-pain.yaml"]) == 0
    # Named first; then, as for any first publication, the items that get no reverse card.
    assert capsys.readouterr().err.startswith(
        "leg-foot-pain.yaml: note: there is no deck record leg-foot-pain.deck-record: this build starts a new one, as for "
        "the deck's first publication. If this deck was published before, restore leg-foot-pain.deck-record from version "
        "control first (git checkout -- leg-foot-pain.deck-record) and build again.\n"
        "leg-foot-pain.yaml: note: item 'Metabolic disorders' is written as a sentence: it gets a term card"
    )
    assert (library / "leg-foot-pain.deck-record").exists()


def test_a_record_that_went_backwards_is_refused(library, student, capsys):
    """A reverted record would date a changed note before the deck students have, and their
    Anki would keep its newer text: the build refuses, and writes nothing."""
    reworded = SECOND.replace("The second letter.", "The second letter, reworded.")
    assert main(["anki", "second.yaml"]) == 0
    first_record = (library / "second.deck-record").read_text()
    (library / "second.yaml").write_text(reworded, encoding="utf-8")
    assert main(["anki", "second.yaml"]) == 0
    student.import_deck((library / "output" / "second.apkg").read_bytes())
    published = (library / "output" / "second.apkg").read_bytes(), (library / "second.deck-record").read_text()

    (library / "second.yaml").write_text(SECOND, encoding="utf-8")  # git revert of the whole commit,
    (library / "second.deck-record").write_text(first_record)  # record included
    capsys.readouterr()
    assert main(["anki", "second.yaml"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"second.deck-record: error: this deck record is older than {library / 'output' / 'second.apkg'}: "
        "2 note(s) (first 'Beta') would get an older time"
    )
    assert (library / "output" / "second.apkg").read_bytes() == published[0]
    assert (library / "second.deck-record").read_text() == first_record

    # Undone the right way (the source edited back, the newest record kept), the old text reaches the student.
    (library / "second.deck-record").write_text(published[1])
    assert main(["anki", "second.yaml"]) == 0
    student.import_deck((library / "output" / "second.apkg").read_bytes())
    beta = [student.col.get_note(n) for n in student.col.find_notes('"Term:Beta" "note:legpain-docs term"')]
    assert [note["Definition"] for note in beta] == ["The second letter."]


LIBRARY_OPTIONS = ["--library-deck", "library.apkg", "--library", "library.yaml"]
LIBRARY_ARGS = ["leg-foot-pain.yaml", "second.yaml", *LIBRARY_OPTIONS]
NEW_ITEM = "      - term: Gamma\n        definition: The third letter.\n"


def build_names(package) -> set[str]:
    """The top-level deck names in a package, read from its collection."""
    import contextlib
    import json
    import sqlite3
    import tempfile
    import zipfile

    with zipfile.ZipFile(package) as archive, tempfile.TemporaryDirectory() as folder:
        path = archive.extract("collection.anki2", folder)
        with contextlib.closing(sqlite3.connect(path)) as db:
            decks = json.loads(db.execute("select decks from col").fetchone()[0])
    return {deck["name"].split("::")[0] for deck in decks.values() if deck["name"] != "Default"}


def deck_names(student) -> set[str]:
    return {name_id.name for name_id in student.col.decks.all_names_and_ids()}


def test_a_renamed_library_keeps_the_name_it_was_published_under(library, student, capsys):
    """A new `name:` would put an article's new cards in a second parent deck: the record keeps
    the first name, the editor is told, and the student's Anki keeps one deck per article."""
    assert main(["anki", *LIBRARY_ARGS]) == 0
    out, err = capsys.readouterr()
    record = library / "library.deck-record"
    assert "updated library.deck-record: commit it with the source" in out.splitlines()
    assert "library.yaml: note: there is no deck record library.deck-record: this build starts a new one" in err
    assert "deck\tClinic Library\n" in record.read_text(encoding="utf-8")
    student.import_deck((library / "library.apkg").read_bytes())
    published = record.read_bytes()

    (library / "library.yaml").write_text("name: Riverside Library\n", encoding="utf-8")
    (library / "second.yaml").write_text(SECOND.replace("    items:\n", "    items:\n" + NEW_ITEM, 1), encoding="utf-8")
    assert main(["anki", *LIBRARY_ARGS]) == 0
    out, err = capsys.readouterr()
    assert (
        "library.yaml: note: the library deck keeps the name it was first published under, 'Clinic Library', "
        "not the new name 'Riverside Library': under a new name, students' Anki would put new cards in a second deck"
    ) in err
    assert "Rename" in err and "library.deck-record" not in out  # the record did not change: not rewritten
    assert record.read_bytes() == published
    log = student.import_deck((library / "library.apkg").read_bytes())
    assert len(log.new) == 3  # Gamma's term, reverse and list notes
    assert {student.col.decks.name(card.did) for card in student.cards()} == {
        "Clinic Library::Causes of Leg Pain and Foot Pain",
        "Clinic Library::Second Article",
    }
    assert not any(name.startswith("Riverside") for name in deck_names(student))  # no empty decks either

    first = (library / "library.apkg").read_bytes()
    time.sleep(1.1)
    assert main(["anki", *LIBRARY_ARGS]) == 0  # the same committed files give the same bytes
    assert (library / "library.apkg").read_bytes() == first and record.read_bytes() == published


def test_a_library_file_not_written_yet_gives_the_default_name_and_no_record(library, capsys):
    """Without a library file the deck is "Patient education" and nothing is recorded: the first
    `name:` a clinic writes is the one its students get, and is kept from then on."""
    args = ["anki", "second.yaml", "--library-deck", "library.apkg", "--library", "later.yaml"]
    assert main(args) == 0
    assert not (library / "later.yaml").exists() and not (library / "later.deck-record").exists()
    assert build_names(library / "library.apkg") == {"Patient education"}
    (library / "later.yaml").write_text("name: Clinic Library\n", encoding="utf-8")
    capsys.readouterr()
    assert main(args) == 0
    assert "updated later.deck-record: commit it with the source" in capsys.readouterr().out
    assert "deck\tClinic Library\n" in (library / "later.deck-record").read_text(encoding="utf-8")
    assert build_names(library / "library.apkg") == {"Clinic Library"}


def test_a_library_file_in_a_folder_that_does_not_exist_writes_nothing(library, capsys):
    assert main(["anki", "second.yaml", "--library-deck", "library.apkg", "--library", "nowhere/library.yaml"]) == 2
    assert capsys.readouterr().err == "nowhere/library.deck-record: error: cannot write: no such directory 'nowhere'\n"
    assert not (library / "output").exists() and not (library / "second.deck-record").exists()


def test_a_new_title_keeps_the_articles_deck_name_and_says_so(library, capsys):
    assert main(["anki", "second.yaml"]) == 0
    (library / "second.yaml").write_text(SECOND.replace("title: Second Article", "title: Letters"), encoding="utf-8")
    capsys.readouterr()
    assert main(["anki", "second.yaml"]) == 0
    assert capsys.readouterr().err.startswith(
        "second.yaml: note: the deck keeps the name it was first published under, 'Second Article', not the new title "
        "'Letters'"
    )
    # A change of case alone splits nothing (Anki's lookup ignores case): nothing to say.
    (library / "second.yaml").write_text(
        SECOND.replace("title: Second Article", "title: SECOND ARTICLE"), encoding="utf-8"
    )
    assert main(["anki", "second.yaml"]) == 0
    assert "note:" not in capsys.readouterr().err


def test_anki_takes_deck_names_that_differ_only_in_case_for_one_deck(student):
    """Why two titles that differ only in case are refused below: the engine's own lookup."""
    first = student.col.decks.id("Second Article")
    assert student.col.decks.id_for_name("SECOND article") == first


@pytest.mark.parametrize("title", ["Second Article", "SECOND  article"])
def test_two_decks_of_one_name_are_refused_at_the_title(library, capsys, title):
    write_source(library, SECOND.replace("id: second", "id: third").replace("Second Article", title), "third.yaml")
    assert main(["anki", "leg-foot-pain.yaml", "second.yaml", "third.yaml", *LIBRARY_OPTIONS]) == 2
    assert capsys.readouterr().err == (
        f"third.yaml:2:8: error: the deck of this article would be named '{' '.join(title.split())}', like the deck of "
        "second.yaml: Anki would put the two articles in one deck; give the article a title of its own\n"
    )
    assert not (library / "output").exists() and not (library / "library.apkg").exists()
    assert not (library / "second.deck-record").exists() and not (library / "library.deck-record").exists()


def test_check_refuses_two_decks_of_one_name_as_the_build_does(library, capsys):
    """`make check` passing while `make` fails would send the editor round twice."""
    write_source(library, SECOND.replace("id: second", "id: third"), "third.yaml")
    assert main(["check", "second.yaml", "third.yaml"]) == 2
    assert capsys.readouterr().err == (
        "third.yaml:2:8: error: the deck of this article would be named 'Second Article', like the deck of "
        "second.yaml: Anki would put the two articles in one deck; give the article a title of its own\n"
    )


def test_a_new_article_is_refused_the_name_of_a_published_deck_wherever_it_comes(library, capsys):
    """A published deck's name is in its record; only the new article's title can still change."""
    assert main(["anki", "second.yaml"]) == 0
    (library / "second.yaml").write_text(SECOND.replace("Second Article", "Letters"), encoding="utf-8")
    write_source(library, SECOND.replace("id: second", "id: third"), "third.yaml")
    capsys.readouterr()
    assert main(["anki", "third.yaml", "second.yaml"]) == 2
    assert capsys.readouterr().err.startswith(
        "third.yaml:2:8: error: the deck of this article would be named 'Second Article', like the deck of second.yaml"
    )


def test_distinct_titles_give_the_library_its_titles_as_subdecks(library, student):
    write_source(
        library, SECOND.replace("id: second", "id: third").replace("Second Article", "Third Article"), "third.yaml"
    )
    assert main(["anki", "leg-foot-pain.yaml", "second.yaml", "third.yaml", *LIBRARY_OPTIONS]) == 0
    for name in ("output/second.apkg", "output/third.apkg"):
        student.import_deck((library / name).read_bytes())
    student.import_deck((library / "library.apkg").read_bytes())
    assert {
        "Second Article",
        "Third Article",
        "Clinic Library::Second Article",
        "Clinic Library::Third Article",
    } <= deck_names(student)
    assert not any(name.endswith("_") for name in deck_names(student))


def test_the_id_library_is_reserved_for_the_library_deck(library, capsys):
    write_source(library, SECOND.replace("id: second", "id: library").replace("Second Article", "Library"), "lib.yaml")
    assert main(["anki", "lib.yaml"]) == 2
    assert capsys.readouterr().err.startswith(
        "lib.yaml:1:5: error: the id 'library' is reserved: output/library.apkg, the file this id would name, is the "
        "library deck's"
    )
    assert not (library / "output").exists()


def test_the_library_deck_never_replaces_an_articles_deck(library, capsys):
    assert main(["anki", "second.yaml", "--library-deck", "output/second.apkg"]) == 2
    assert "the library deck would overwrite the deck of an article" in capsys.readouterr().err
    assert not (library / "output" / "second.apkg").exists()
