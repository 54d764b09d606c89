"""`legpain-docs preview` in a real browser: start it on a copy of the article, edit the copy on
disk, and watch the page follow; a broken save shows its line:col over the last good view, a fix
clears it; nothing is written beside the source or in output/; it listens on loopback only."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import ARTICLE_PATH, ROOT
from tests.render.web.test_web_browser import AXE_TAGS, readable  # the browser and axe_source fixtures are conftest's

WAIT_MS = 60_000  # a rebuild takes well under a second; a loaded CI machine gets room
DEFINITION = "Narrowing of the small bony openings (foramina) for spinal nerves."
EDITED = "Narrowing of the small bony openings (foramina) for zebrafinch nerves."


def tree(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


class Running:
    """The preview of a copy of the article, as a child process."""

    def __init__(self, folder: Path):
        self.source = folder / "leg-foot-pain.yaml"
        shutil.copy(ARTICLE_PATH, self.source)
        shutil.copy(ARTICLE_PATH.with_suffix(".deck-record"), folder)
        environment = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "legpain_docs", "preview", str(self.source)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
        )
        for line in self.process.stdout:
            found = re.match(r"preview: (http://127\.0\.0\.1:(\d+)/)", line)
            if found:
                self.url, self.port = found.group(1), int(found.group(2))
                return
        raise AssertionError(f"the preview never said where it is: {self.process.stderr.read()}")

    def edit(self, old: str, new: str) -> None:
        text = self.source.read_text(encoding="utf-8")
        assert old in text
        self.source.write_text(text.replace(old, new), encoding="utf-8")

    def stop(self) -> tuple[int, str]:
        self.process.send_signal(signal.SIGINT)  # Ctrl-C
        out, _ = self.process.communicate(timeout=30)
        return self.process.returncode, out


@pytest.fixture
def running(tmp_path):
    before = tree(ROOT / "output"), tree(ROOT / "source")
    preview = Running(tmp_path)
    yield preview
    if preview.process.poll() is None:
        preview.process.kill()
        preview.process.wait()
    assert (tree(ROOT / "output"), tree(ROOT / "source")) == before, "the preview wrote into output/ or source/"


def listening_addresses(port: int) -> set[str]:
    """The local addresses of the sockets listening on `port`, from the kernel's own tables."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, hex_port = local.split(":")
            if int(hex_port, 16) == port and state == "0A":  # LISTEN
                found.add(address)
    return found


def test_the_page_follows_every_save_and_shows_a_mistake_over_the_last_good_view(browser, running, tmp_path):
    record = (tmp_path / "leg-foot-pain.deck-record").read_bytes()
    assert listening_addresses(running.port) == {"0100007F"}  # 127.0.0.1, and no other interface
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(running.url)
    web = page.frame_locator("iframe[title^='Web handout']")
    deck = page.frame_locator('iframe[title="The deck\'s cards"]')
    expect(web.locator("body")).to_contain_text(DEFINITION, timeout=WAIT_MS)
    expect(deck.locator("body")).to_contain_text(DEFINITION)
    first_page = page.locator("img[alt='Handout, Letter, page 1 of 2']")
    drawn = first_page.get_attribute("src")

    running.edit(DEFINITION, EDITED)  # saved: the page updates without a reload
    expect(web.locator("body")).to_contain_text(EDITED, timeout=WAIT_MS)
    expect(deck.locator("body")).to_contain_text(EDITED)
    redrawn = first_page.get_attribute("src")
    assert redrawn != drawn
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", first_page.element_handle())
    new_image = page.request.get(running.url.rstrip("/") + redrawn).body()
    assert new_image != page.request.get(running.url.rstrip("/") + drawn).body()  # the edit is drawn on it

    running.edit("reviewed: 2026-11-23", "reviewed: 23/11/2026")  # a mistake
    problem = page.locator(".problems")
    expect(problem).to_contain_text(f"{running.source}:13:11: error: 'reviewed' must be a date", timeout=WAIT_MS)
    expect(web.locator("body")).to_contain_text(EDITED)  # the last good view stays under the message
    link = problem.locator("a", has_text=":13:11:")
    assert link.get_attribute("href") == "#line-13"
    expect(page.locator("#line-13")).to_contain_text("reviewed: 23/11/2026")

    running.edit("reviewed: 23/11/2026", "reviewed: 2026-11-23")  # fixed
    expect(problem).to_have_count(0, timeout=WAIT_MS)
    expect(page.locator("[role=status]")).to_contain_text("No problems")
    status, out = running.stop()
    assert status == 0 and out.rstrip().endswith("preview: stopped")
    assert (tmp_path / "leg-foot-pain.deck-record").read_bytes() == record
    assert sorted(p.name for p in tmp_path.iterdir()) == ["leg-foot-pain.deck-record", "leg-foot-pain.yaml"]


@pytest.mark.parametrize("width", [375, 1280])
def test_axe_finds_nothing_on_the_preview(browser, axe_source, running, width):
    running.edit("reviewed: 2026-11-23", "reviewed: soon")  # the problems too, over the views
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(running.url)
    expect(page.locator(".problems")).to_contain_text("'reviewed' must be a date", timeout=WAIT_MS)
    running.edit("reviewed: soon", "reviewed: 2026-11-23")
    expect(page.locator(".problems")).to_have_count(0, timeout=WAIT_MS)
    running.edit("reviewed: 2026-11-23", "reviewed: soon")
    expect(page.locator(".problems")).to_have_count(1, timeout=WAIT_MS)
    page.add_script_tag(content=axe_source)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    assert len(result["passes"]) >= 20, "axe ran too few rules to say anything"
    assert result["violations"] == [], readable(result["violations"])
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing wider than a phone
