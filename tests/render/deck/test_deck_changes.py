"""What a revision tells students and keeps for them: release notes, a refused change of
language, a merge of two editors' records, and the deck as text for other study apps."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from legpain_docs import ids
from legpain_docs.cli import main

from tests.conftest import ROOT
from tests.deck_student import DAY, FIRST_EPOCH, Editor, Student, article_text, visible

LETTERS = [("one", [("Alpha", "The first letter."), ("Beta", "The second letter."), ("Gamma", "The third letter.")])]


def letters(edit=None, **options) -> str:
    items = list(LETTERS[0][1])
    if edit:
        edit(items)
    return article_text([("one", items)], **options)


def test_release_notes_name_what_changed_for_students(tmp_path):
    editor = Editor(tmp_path)
    items = list(LETTERS[0][1])

    def build():
        return editor.build(article_text([("one", items)]))[1].releases

    assert build()[0].lines == ("New: Alpha", "New: Beta", "New: Gamma")
    items.insert(1, ("Aleph", "A letter added."))
    # The new item, and the items whose list cards now show it (the entries before are context).
    assert build()[0].lines == ("New: Aleph", "Reworded: Beta", "Reworded: Gamma")
    items[0] = ("Alpha", "The very first letter.")
    releases = build()
    assert releases[0].lines == ("Reworded: Alpha",)
    assert releases[0].date == "2026-01-04"  # the build's date: the third build, a day apart
    del items[3]
    assert build()[0].lines == ("Retired: Gamma",)
    items[1], items[2] = items[2], items[1]
    # A reordered list: the list cards after the first show other entries before the hidden one.
    assert build()[0].lines == ("Reworded: Beta", "Reworded: Aleph")
    assert len(build()) == 5, "a build that changes nothing adds no release"


def test_a_reorder_that_changes_no_card_names_nothing(tmp_path):
    """Sections swapped: every card shows what it showed, only the new-card queue moves."""
    editor = Editor(tmp_path)
    two = [("one", [("Alpha", "A."), ("Beta", "B.")]), ("two", [("Delta", "D."), ("Epsilon", "E.")])]
    first = editor.build(article_text(two))[1]
    _, publication, _ = editor.build(article_text(two[::-1]))
    assert len(publication.releases) == 1
    assert [e.note.key for e in publication.entries] != [e.note.key for e in first.entries]


def test_the_description_shows_the_latest_two_releases(tmp_path, student):
    editor = Editor(tmp_path)
    editor.build(letters())
    editor.build(letters(lambda items: items.__setitem__(0, ("Alpha", "Reworded."))))
    _, publication, deck = editor.build(letters(lambda items: items.__setitem__(0, ("Alpha", "Again."))))
    student.import_deck(deck)
    description = student.col.decks.by_name("Revision Test")["desc"]
    assert "What changed" in description and "2026-01-04" in description and "2026-01-03" in description
    assert "2026-01-02" not in description.split("What changed")[1]


def test_the_changes_command_prints_the_release_notes(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(FIRST_EPOCH))
    (tmp_path / "letters.yaml").write_text(letters(), encoding="utf-8")
    assert main(["changes", "letters.yaml"]) == 0
    assert "no release notes yet" in capsys.readouterr().out
    assert main(["anki", "letters.yaml"]) == 0
    assert "updated letters.deck-changes: commit it with the source" in capsys.readouterr().out
    assert main(["changes", "letters.yaml"]) == 0
    out = capsys.readouterr().out
    assert out.endswith("\n## 2026-01-02\n- New: Alpha\n- New: Beta\n- New: Gamma\n")
    assert out == (tmp_path / "letters.deck-changes").read_text(encoding="utf-8")
    assert main(["changes", "missing.yaml"]) == 2


def test_a_published_decks_language_change_is_refused_at_check(tmp_path, capsys, monkeypatch):
    """Every note type carries its language: under `es` cards a student's Anki would set every
    note aside as conflicting and never update it again. Refused, with the remedy, before any
    file is written."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(FIRST_EPOCH))
    source = tmp_path / "letters.yaml"
    source.write_text(letters(), encoding="utf-8")
    assert main(["anki", "letters.yaml"]) == 0
    before = {path.name: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    source.write_text(letters().replace("reviewed:", "language: es\nreviewed:"), encoding="utf-8")
    capsys.readouterr()
    for command in (["check", "letters.yaml"], ["anki", "letters.yaml"]):
        assert main(command) == 2
        (error,) = capsys.readouterr().err.splitlines()
        assert error.startswith(
            "letters.yaml:3:11: error: the deck of this article was published with cards in "
            "'en' (letters.deck-record); under 'es' cards, students' Anki would set aside"
        )
        assert "Keep `language: en`" in error and "an id of its own" in error
    assert {path.name: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()} == {
        **before,
        "letters.yaml": source.read_bytes(),
    }


def test_what_anki_does_with_a_language_change(tmp_path, student):
    """Why it is refused: the same notes under the Spanish note types are all conflicting."""
    editor = Editor(tmp_path)
    student.import_deck(editor.build(letters())[2])
    log = student.import_deck(editor.build(letters().replace("reviewed:", "language: es\nreviewed:"))[2])
    assert len(log.conflicting) == 9 and not log.updated


def git(folder, *args):
    return subprocess.run(
        ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.mark.parametrize("ours", ["published", "unpublished"])
def test_a_merge_of_two_editors_records_dates_no_unchanged_note(ours, tmp_path, monkeypatch, capsys):
    """Two editors revise one article on two branches; one branch's deck reaches students. After
    the merge (either branch merging the other), the build re-dates only what the merge changed:
    students keep every card's history and their own edits on notes it did not change."""
    repo = tmp_path / "repo"
    repo.mkdir()
    monkeypatch.chdir(repo)
    git(repo, "init", "-q", "-b", "main")
    shutil.copy(ROOT / ".gitattributes", repo / ".gitattributes")  # the project's, as an editor's checkout has it
    source = repo / "letters.yaml"

    def build(text: str, day: int, out: str) -> bytes:  # each editor builds on a machine of their own
        source.write_text(text, encoding="utf-8")
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(FIRST_EPOCH + day * DAY))
        assert main(["anki", "letters.yaml", "--out-dir", out]) == 0
        return (repo / out / "revise.apkg").read_bytes()

    def reword(term, definition):
        return lambda items: items.__setitem__([t for t, _ in items].index(term), (term, definition))

    (repo / ".gitignore").write_text("out-*/\n")
    first = build(letters(), 0, "out-published")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "first")
    git(repo, "checkout", "-qb", "published")
    published = build(letters(reword("Alpha", "The letter A.")), 1, "out-published")
    git(repo, "commit", "-qam", "alpha")
    git(repo, "checkout", "-q", "main")
    git(repo, "checkout", "-qb", "unpublished")
    build(letters(reword("Beta", "The letter B.")), 2, "out-unpublished")
    git(repo, "commit", "-qam", "beta")

    folder = tmp_path / "anki"
    folder.mkdir()
    student = Student(folder)
    try:
        student.import_deck(first)
        student.import_deck(published)
        histories = student.study_everything()
        alpha = student.note_by_guid(ids.note_guid("revise", "alpha", "term"))
        alpha["Definition"] = "My own words for A."
        student.col.update_note(alpha)

        git(repo, "checkout", "-q", ours)
        git(repo, "merge", "-q", "--no-edit", "unpublished" if ours == "published" else "published")
        assert "<<<<<<<" not in (repo / "letters.deck-record").read_text(encoding="utf-8")
        merged_text = source.read_text(encoding="utf-8")
        assert "The letter A." in merged_text and "The letter B." in merged_text
        merged = build(merged_text, 3, f"out-{ours}")
        log = student.import_deck(merged)
        updated = {student.col.get_note(n.id.nid).guid for n in log.updated}
        assert updated == {ids.note_guid("revise", "beta", kind) for kind in ("term", "reverse")}
        assert not log.conflicting and not log.new
        assert student.note_by_guid(ids.note_guid("revise", "alpha", "term"))["Definition"] == "My own words for A."
        assert student.note_by_guid(ids.note_guid("revise", "beta", "term"))["Definition"] == "The letter B."
        assert all(card.ivl == histories[card.id] for card in student.cards())
        # Both branches' releases are kept, and the record is one line per note again.
        assert main(["changes", "letters.yaml"]) == 0
        assert capsys.readouterr().out.count("## ") == 3
    finally:
        student.col.close()


def test_the_text_file_gives_the_packages_notes_to_anki_s_text_import(tmp_path, monkeypatch, student):
    """Imported by Anki's own text importer, the .tsv gives the package's notes: the same guids,
    fields, tags, note types, deck and new-card order (retired notes, which have no card in the
    package, are left out of the text)."""
    from anki.import_export_pb2 import ImportCsvRequest

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(FIRST_EPOCH))
    source = tmp_path / "letters.yaml"
    source.write_text(letters(lambda items: items.append(("'\"Quoted\" #1'", "A letter."))), encoding="utf-8")
    assert main(["anki", "letters.yaml"]) == 0
    source.write_text(
        letters(lambda items: (items.append(("'\"Quoted\" #1'", "A letter.")), items.pop(0))), encoding="utf-8"
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(FIRST_EPOCH + DAY))
    assert main(["anki", "letters.yaml"]) == 0
    student.import_deck((tmp_path / "output" / "revise.apkg").read_bytes())

    folder = tmp_path / "text"
    folder.mkdir()
    reader = Student(folder)
    try:
        reader.import_deck((tmp_path / "output" / "revise.apkg").read_bytes())  # the note types
        reader.col.remove_notes(reader.col.find_notes(""))
        text = str(tmp_path / "output" / "revise.tsv")
        log = reader.col.import_csv(ImportCsvRequest(path=text, metadata=reader.col.get_csv_metadata(text, None))).log
        assert len(log.new) == len(student.cards()) and not log.conflicting

        def notes(user):
            return [
                (
                    card.note().guid,
                    tuple(card.note().fields),
                    tuple(card.note().tags),
                    card.note().note_type()["name"],
                    user.col.decks.name(card.did),
                )
                for card in user.cards()
            ]

        assert notes(reader) == notes(student)
        assert any('"Quoted" #1' in note[1][0] for note in notes(reader))
        assert any(visible(card.question()).startswith("Section One") for card in reader.cards())
    finally:
        reader.col.close()


@pytest.mark.parametrize("kind", ["pipe", "device", "folder", "not UTF-8"])
def test_release_notes_that_are_not_a_file_of_text_are_refused_quickly(kind, tmp_path):
    """The release notes are read as the deck record is: a named pipe once hung `anki` and `changes`
    for ever, a link to /dev/zero filled the memory until the kernel killed them, and a folder or
    bytes that are not UTF-8 were answered in Python's words."""
    import os
    import sys

    shutil.copy(ROOT / "tests" / "data" / "mini.yaml", tmp_path / "mini.yaml")
    notes = tmp_path / "mini.deck-changes"
    {
        "pipe": lambda: os.mkfifo(notes),
        "device": lambda: notes.symlink_to("/dev/zero"),
        "folder": notes.mkdir,
        "not UTF-8": lambda: notes.write_bytes(b"\xff\xfe\n"),
    }[kind]()
    expected = {
        "pipe": "is a named pipe, not a release notes file: restore the file from version control (git checkout)",
        "device": "is a device, not a release notes file: restore the file from version control (git checkout)",
        "folder": "is a directory, not a release notes file",
        "not UTF-8": "the release notes are damaged (byte 1 is not UTF-8): take the file back from version "
        "control (git checkout) rather than editing it",
    }[kind]
    for command in (["changes", "mini.yaml"], ["anki", "mini.yaml", "--out-dir", "out"]):
        done = subprocess.run(
            [sys.executable, "-m", "legpain_docs", *command],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert (done.returncode, done.stderr.splitlines()[-1:]) == (2, [f"mini.deck-changes: error: {expected}"]), (
            command
        )
    assert not (tmp_path / "out").exists()
