"""-o names a file of the command's own kind: never another kind of the project's files."""

from __future__ import annotations

import pytest

from legpain_docs.cli import main

from tests.conftest import ARTICLE_PATH

CASES = [
    (["html"], "deck.apkg", ".apkg", ".html"),
    (["pdf"], "other-article.yaml", ".yaml", ".pdf"),
    (["cards"], "leg-foot-pain.deck-record", ".deck-record", ".pdf"),
    (["anki"], "handout.pdf", ".pdf", ".apkg"),
    (["fhir"], "article.yml", ".yml", ".fhir.json"),
    (["epub"], "LIBRARY.TSV", ".tsv", ".epub"),
]


@pytest.mark.parametrize(("command", "name", "ending", "own"), CASES, ids=[c[1] for c in CASES])
def test_a_name_of_another_kind_of_file_is_refused_and_the_file_kept(tmp_path, capsys, command, name, ending, own):
    target = tmp_path / name
    target.write_bytes(b"a file someone keeps")
    assert main([*command, str(ARTICLE_PATH), "-o", str(target)]) == 2
    assert capsys.readouterr().err == (
        f"{target}: error: cannot write: a file ending in {ending} is another kind of file than this one; "
        f"name a file ending in {own}\n"
    )
    assert target.read_bytes() == b"a file someone keeps"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


@pytest.mark.parametrize("name", ["handout", "handout.PDF", "for-the-clinic.pdf"])
def test_a_name_of_the_users_own_or_of_the_same_kind_is_written(tmp_path, capsys, name):
    assert main(["pdf", str(ARTICLE_PATH), "-o", str(tmp_path / name)]) == 0
    assert (tmp_path / name).read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("name", ["other-article.yaml", "handout.pdf", "library.tsv"])
def test_a_library_deck_named_as_another_kind_of_file_is_refused_and_the_file_kept(tmp_path, capsys, name):
    """`anki a.yaml --library-deck b.yaml` wrote the library deck over the article b.yaml."""
    target = tmp_path / name
    target.write_bytes(b"a file someone keeps")
    source = tmp_path / "leg-foot-pain.yaml"
    source.write_bytes(ARTICLE_PATH.read_bytes())
    assert main(["anki", str(source), "--out-dir", str(tmp_path / "out"), "--library-deck", str(target)]) == 2
    ending = "." + name.split(".", 1)[1]
    assert capsys.readouterr().err == (
        f"{target}: error: cannot write: a file ending in {ending} is another kind of file than this one; "
        "name a file ending in .apkg\n"
    )
    assert target.read_bytes() == b"a file someone keeps"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "leg-foot-pain.yaml"])
