"""A deck record that is damaged, hostile, huge, not a file, or another article's: `anki` refuses it
at its line, and the earlier deck and record stay byte for byte as they were.

Each case starts from a folder where a good deck was built from the seed and its committed record,
then the article was edited (so a build that went ahead would change both files).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from legpain_docs.cli import main
from legpain_docs.names import record_path

from tests.conftest import ARTICLE_PATH

RECORD = record_path(ARTICLE_PATH).read_text(encoding="utf-8")
LINES = RECORD.split("\n")
NOTE_TYPE = 7  # the record's first note-type line: 5 lines of header, then `deck`
NOTE = 10  # its first note line
RESTORE = "take the file back from version control (git checkout -- leg-foot-pain.deck-record) rather than editing it"


@pytest.fixture
def built(tmp_path, monkeypatch):
    """The working directory: the seed, its record and output/leg-foot-pain.apkg built from them; then an edit."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796000000")
    shutil.copy(ARTICLE_PATH, "leg-foot-pain.yaml")
    shutil.copy(record_path(ARTICLE_PATH), "leg-foot-pain.deck-record")
    assert main(["anki", "leg-foot-pain.yaml"]) == 0
    source = Path("leg-foot-pain.yaml")
    source.write_text(source.read_text(encoding="utf-8").replace("Narrowing of", "A narrowing of"), encoding="utf-8")
    return tmp_path


def state(folder: Path) -> dict[str, bytes | str]:
    """Every file under the folder (links as their targets), so nothing added, lost or changed goes unseen."""
    return {
        str(p.relative_to(folder)): os.readlink(p)
        if p.is_symlink()
        else p.read_bytes()
        if p.is_file()
        else p.stat().st_mode
        for p in sorted(folder.rglob("*"))
    }


def refused(folder: Path, capsys, argv: list[str] = ()) -> str:
    """Run anki; assert exit 2, nothing changed, nothing on stdout; the one error line."""
    before = state(folder)
    assert main(["anki", "leg-foot-pain.yaml", *argv]) == 2
    out, err = capsys.readouterr()
    assert state(folder) == before
    assert out == ""
    assert len(err.splitlines()) == 1, err
    return err.rstrip("\n")


def with_line(number: int, line: str) -> str:
    return "\n".join([*LINES[: number - 1], line, *LINES[number:]])


def field_replaced(number: int, at: int, value: str) -> str:
    parts = LINES[number - 1].split("\t")
    parts[at] = value
    return with_line(number, "\t".join(parts))


DAMAGED = {
    # A time of 30 digits was an OverflowError traceback; 0 and negative times were taken.
    "30-digit time": (
        field_replaced(NOTE_TYPE, 2, "9" * 30),
        NOTE_TYPE,
        29,
        f"'{'9' * 20}' is no time: a time is seconds since 1970, from 1 to 253402300799 (the year 9999)",
    ),
    "zero time": (
        field_replaced(NOTE, 3, "0"),
        NOTE,
        24,
        "'0' is no time: a time is seconds since 1970, from 1 to 253402300799 (the year 9999)",
    ),
    "negative time": (
        field_replaced(NOTE, 3, "-1795735769"),
        NOTE,
        24,
        "'-1795735769' is no time: a time is seconds since 1970, from 1 to 253402300799 (the year 9999)",
    ),
    "time past 9999": (
        field_replaced(NOTE, 3, "253402300800"),
        NOTE,
        24,
        "'253402300800' is no time: a time is seconds since 1970, from 1 to 253402300799 (the year 9999)",
    ),
    "digits of another script": (
        field_replaced(NOTE, 3, "١٧٩٥٧٣٥٧٦٩"),
        NOTE,
        24,
        "'١٧٩٥٧٣٥٧٦٩' is no time: a time is seconds since 1970, from 1 to 253402300799 (the year 9999)",
    ),
    "two deck lines": (with_line(NOTE, "deck\tAnother Name"), NOTE, 1, "a second `deck` line: a deck has one name"),
    "empty deck name": (with_line(6, "deck\t "), 6, 6, "the deck's name is empty"),
    "unknown line": (with_line(NOTE, "rm -rf /"), NOTE, 1, "not a line a build writes"),
    "unknown kind": (field_replaced(NOTE, 1, "cloze"), NOTE, 6, "'cloze' is no kind of note"),
    "fields cut": (field_replaced(NOTE, 5, '["Advanced age"]'), NOTE, 63, "not this kind of note's fields"),
    "fields nested deep": (
        field_replaced(NOTE, 5, "[" * 100_000 + "]" * 100_000),
        NOTE,
        63,
        "not this kind of note's fields",
    ),
    "bad digest": (field_replaced(NOTE_TYPE, 3, "not-a-digest"), NOTE_TYPE, 40, "not a note type's digest"),
}


@pytest.mark.parametrize("case", DAMAGED)
def test_a_damaged_record_is_refused_at_its_line_and_column(case, built, capsys):
    text, line, col, what = DAMAGED[case]
    Path("leg-foot-pain.deck-record").write_text(text, encoding="utf-8")
    assert refused(built, capsys) == (
        f"leg-foot-pain.deck-record:{line}:{col}: error: this line of the deck record is damaged ({what}): {RESTORE}"
    )


def test_an_emptied_record_is_not_taken_for_a_new_deck(built, capsys):
    """An empty file (or the header alone) was silently a new deck: new title, new times, no note."""
    for text in ("", "".join(line + "\n" for line in LINES[:5])):
        Path("leg-foot-pain.deck-record").write_text(text, encoding="utf-8")
        assert refused(built, capsys) == (
            f"leg-foot-pain.deck-record:1:1: error: the deck record has no `deck` line: it was emptied or cut short; "
            f"{RESTORE}. Delete it only if the deck was never published (the next build then starts a new one)"
        )


def test_another_articles_record_is_refused(built, capsys):
    Path("leg-foot-pain.deck-record").write_text(RECORD.replace("\tleg-foot-pain::", "\tsecond::"), encoding="utf-8")
    assert refused(built, capsys) == (
        f"leg-foot-pain.deck-record:{NOTE}:35: error: this deck record is another article's: its notes belong to the "
        "article 'second', not to 'leg-foot-pain'. Was it copied from another record? Take this article's own record "
        "back from version control, or delete this file if its deck was never published"
    )


def test_a_record_that_is_not_utf8_is_refused(built, capsys):
    Path("leg-foot-pain.deck-record").write_bytes(RECORD.encode("utf-8").replace(b"Advanced", b"Adv\xffnced"))
    assert refused(built, capsys).startswith("leg-foot-pain.deck-record: error: the deck record is damaged (byte ")


@pytest.mark.parametrize("kind", ["fifo", "zero", "directory"])
def test_a_record_that_is_no_file_is_refused_without_reading_it(kind, built, capsys):
    """A FIFO hung the build; a link to /dev/zero read until memory ran out."""
    record = Path("leg-foot-pain.deck-record")
    record.unlink()
    what = {"fifo": "a named pipe", "zero": "a device", "directory": "a directory"}[kind]
    {"fifo": lambda: os.mkfifo(record), "zero": lambda: record.symlink_to("/dev/zero"), "directory": record.mkdir}[
        kind
    ]()
    expected = (
        "leg-foot-pain.deck-record: error: is a directory, not a deck record"
        if kind == "directory"
        else f"leg-foot-pain.deck-record: error: is {what}, not a deck record: restore the record from version control (git checkout)"
    )
    assert refused(built, capsys) == expected


def test_a_huge_record_is_refused_before_it_is_read(built, capsys):
    with open("leg-foot-pain.deck-record", "ab") as record:
        record.truncate(17_000_000)  # sparse: no disk used
    assert refused(built, capsys) == (
        "leg-foot-pain.deck-record: error: the file is 17,000,000 bytes; a deck record may have at most 16,777,216"
    )


def test_a_dangling_link_is_not_a_missing_record(built, capsys):
    """A record linked to a file that is gone would have started a new deck (new times, no retired notes)."""
    Path("leg-foot-pain.deck-record").unlink()
    Path("leg-foot-pain.deck-record").symlink_to("elsewhere/leg-foot-pain.deck-record")
    assert refused(built, capsys) == (
        "leg-foot-pain.deck-record: error: the deck record is a link to elsewhere/leg-foot-pain.deck-record, which does "
        "not exist: restore the file it names, or delete the link to start a new deck"
    )


def test_a_record_linked_elsewhere_is_read_and_updated_through_its_link(built, capsys):
    kept = Path("kept")
    kept.mkdir()
    Path("leg-foot-pain.deck-record").rename(kept / "leg-foot-pain.deck-record")
    Path("leg-foot-pain.deck-record").symlink_to("kept/leg-foot-pain.deck-record")
    assert main(["anki", "leg-foot-pain.yaml"]) == 0
    assert Path("leg-foot-pain.deck-record").is_symlink()
    assert "A narrowing of" in (kept / "leg-foot-pain.deck-record").read_text(encoding="utf-8")
    assert "updated leg-foot-pain.deck-record" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["-o", "leg-foot-pain.deck-record"],
        ["--library-deck", "leg-foot-pain.deck-record"],
        ["--library", "library.yaml", "--library-deck", "library.deck-record"],
    ],
    ids=["deck over its record", "library deck over an article's record", "library deck over its record"],
)
def test_no_deck_is_written_over_a_record(argv, built, capsys):
    """`anki a.yaml -o a.deck-record` wrote the deck over the record, then crashed; a library deck replaced a record."""
    Path("library.yaml").write_text("name: Clinic Library\n", encoding="utf-8")
    assert main(["anki", "leg-foot-pain.yaml", "--library", "library.yaml", "--library-deck", "library.apkg"]) == 0
    capsys.readouterr()
    target = argv[argv.index("--library-deck") + 1] if "--library-deck" in argv else argv[1]
    assert refused(built, capsys, argv) == (
        f"{target}: error: cannot write: a file ending in .deck-record is another kind of file than this one; "
        "name a file ending in .apkg"
    )


def test_no_deck_is_written_over_a_record_under_a_name_of_its_own(built, capsys):
    """A link to the record, under a name no kind of file has, is the record all the same."""
    Path("record-link").symlink_to("leg-foot-pain.deck-record")
    for argv in (["-o", "record-link"], ["--library-deck", "record-link"]):
        assert refused(built, capsys, argv) == (
            "record-link: error: cannot write: is the input file leg-foot-pain.deck-record itself; "
            "name another output file"
        )


def test_a_record_not_there_yet_is_no_output_name_either(tmp_path, capsys, monkeypatch):
    """The record of a new article does not exist yet: a deck written there would be replaced by it at once."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(ARTICLE_PATH, "leg-foot-pain.yaml")
    assert main(["anki", "leg-foot-pain.yaml", "-o", "leg-foot-pain.deck-record"]) == 2
    assert capsys.readouterr().err == (
        "leg-foot-pain.deck-record: error: cannot write: a file ending in .deck-record is another kind of "
        "file than this one; name a file ending in .apkg\n"
    )
    Path("record-link").symlink_to("leg-foot-pain.deck-record")  # under a name of its own, not there yet either
    assert main(["anki", "leg-foot-pain.yaml", "-o", "record-link"]) == 2
    assert capsys.readouterr().err.startswith("record-link: error: cannot write: a link to a file that does not exist")
    assert sorted(os.listdir()) == ["leg-foot-pain.yaml", "record-link"]


@pytest.mark.parametrize("command", ["pdf", "cards", "html"])
def test_no_other_output_is_written_over_a_record(command, built, capsys):
    Path("record-link").symlink_to("leg-foot-pain.deck-record")
    before = state(built)
    own = ".html" if command == "html" else ".pdf"
    assert main([command, "leg-foot-pain.yaml", "-o", "leg-foot-pain.deck-record"]) == 2
    assert capsys.readouterr().err == (
        "leg-foot-pain.deck-record: error: cannot write: a file ending in .deck-record is another kind of "
        f"file than this one; name a file ending in {own}\n"
    )
    assert main([command, "leg-foot-pain.yaml", "-o", "record-link"]) == 2
    assert capsys.readouterr().err == (
        "record-link: error: cannot write: is the input file leg-foot-pain.deck-record itself; name another output file\n"
    )
    assert state(built) == before


@pytest.fixture
def small_disk(tmp_path):
    """A folder on a disk of its own, 64 KB large (a tmpfs: root only, skipped elsewhere)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small disk here (mount needs root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_replaces_neither_the_deck_nor_its_record(small_disk, tmp_path, monkeypatch, capsys):
    """The record's disk is full, the deck's is not: neither is replaced (the deck was, before)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796000000")
    source = Path(shutil.copy(ARTICLE_PATH, small_disk / "leg-foot-pain.yaml"))
    record = Path(shutil.copy(record_path(ARTICLE_PATH), small_disk / "leg-foot-pain.deck-record"))
    out = tmp_path / "out"
    assert main(["anki", str(source), "--out-dir", str(out)]) == 0
    source.write_text(source.read_text(encoding="utf-8").replace("Narrowing of", "A narrowing of"), encoding="utf-8")
    free = os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize
    (small_disk / "filler").write_bytes(b"x" * (free - 4096))  # room for a page: less than the record
    capsys.readouterr()
    before = state(tmp_path)
    assert main(["anki", str(source), "--out-dir", str(out)]) == 2
    assert capsys.readouterr() == ("", f"{record}: error: cannot write: no space left on the device\n")
    assert state(tmp_path) == before


def test_a_note_twice_from_a_union_merge_is_read_as_the_newer(tmp_path):
    """Two editors' records merged by git's union driver (.gitattributes) hold two lines for a
    note both changed: the newer is what students last received (issue 20's merge design; this
    replaced the case that refused a second line)."""
    from legpain_docs.render.deck.record_file import read_record

    parts = LINES[NOTE - 1].split("\t")
    newer = "\t".join([*parts[:3], str(int(parts[3]) + 5), *parts[4:]])
    for text in (
        "\n".join([*LINES[:NOTE], newer, *LINES[NOTE:]]),
        "\n".join([*LINES[: NOTE - 1], newer, *LINES[NOTE - 1 :]]),
    ):
        path = tmp_path / "leg-foot-pain.deck-record"
        path.write_text(text, encoding="utf-8")
        notes = read_record(path).notes
        assert notes[(parts[1], parts[2])].mod == int(parts[3]) + 5
