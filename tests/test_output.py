"""output.py: files replaced in one step, synced to the disk unless they are a cache."""

from __future__ import annotations

import os

import pytest

from legpain_docs import output


@pytest.fixture
def synced(monkeypatch):
    """The files os.fsync is called on (by name, read from /proc: each is still synced)."""
    if not os.path.isdir("/proc/self/fd"):
        pytest.skip("the names of open files are read from Linux's /proc")
    names = []
    fsync = os.fsync

    def recording(fd):
        names.append(os.path.basename(os.readlink(f"/proc/self/fd/{fd}")))
        return fsync(fd)

    monkeypatch.setattr(os, "fsync", recording)
    return names


def test_an_output_reaches_the_disk_before_it_replaces_the_old_one(tmp_path, synced):
    target = tmp_path / "handout.pdf"
    target.write_bytes(b"old")
    output.write_atomically(target, b"new")
    assert target.read_bytes() == b"new" and os.listdir(tmp_path) == ["handout.pdf"]
    assert len(synced) == 1 and synced[0].endswith(".tmp")  # the temporary file, before its rename


def test_files_written_together_are_each_synced(tmp_path, synced):
    output.write_together([(tmp_path / "a.apkg", b"deck"), (tmp_path / "a.deck-record", b"record")])
    assert sorted(os.listdir(tmp_path)) == ["a.apkg", "a.deck-record"]
    assert len(synced) == 2 and all(name.endswith(".tmp") for name in synced)  # each before its rename


def test_a_cache_is_replaced_in_one_step_but_not_synced(tmp_path, synced):
    target = tmp_path / "manifest.json"
    target.write_bytes(b"old")
    output.write_atomically(target, b"new", sync=False)
    assert target.read_bytes() == b"new" and os.listdir(tmp_path) == ["manifest.json"] and synced == []
