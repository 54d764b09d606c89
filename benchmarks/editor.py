"""`make bench`, the editor's loop: `check` against the cheapest imports that can measure text,
a warm rebuild of the handout against Typst compiling the same page, and the preview from a
saved one-word change to the page showing it with every view rebuilt. Measurements to read."""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source" / "leg-foot-pain.yaml"
CLINIC = ROOT / "source" / "example.clinic.yaml"
RUNS = 9
SAVES = 15
CHECK_TARGET = 1.3
PREVIEW_TARGET_MS = 300
# The floors: Python and YAML are what any check pays; `check` measures text with the fonts'
# tables read by the standard library, so those are also the cheapest imports that can measure it.
# Measuring with reportlab's metrics instead would cost the second line's imports.
FLOORS = {
    "import yaml (the cheapest that can measure: widths read with struct)": "import yaml",
    "import yaml + reportlab's font metrics": "import yaml, reportlab.pdfbase.pdfmetrics, reportlab.pdfbase.ttfonts",
}


def wall(argv: list[str], **options) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **options)
    return time.perf_counter() - started


def check_bench() -> None:
    check = [sys.executable, "-m", "legpain_docs", "check", "-q", str(SOURCE)]
    with_clinic = [*check, "--clinic", str(CLINIC)]
    print(f"\ncheck against its floors (median of {RUNS}, interleaved; target: within {CHECK_TARGET}x)")
    for label, code in FLOORS.items():
        floors, checks, clinics = [], [], []
        for _ in range(RUNS):
            floors.append(wall([sys.executable, "-c", code]))
            checks.append(wall(check))
            clinics.append(wall(with_clinic))
        floor = statistics.median(floors)
        print(f"  floor {floor * 1000:5.0f} ms  {label}")
        print(
            f"    check {statistics.median(checks) * 1000:5.0f} ms ({statistics.median(checks) / floor:4.2f}x), "
            f"with a clinic {statistics.median(clinics) * 1000:5.0f} ms ({statistics.median(clinics) / floor:4.2f}x)"
        )


TYPST_PAGE = """#set page(paper: "us-letter", margin: 0.5in, columns: 2)
#set text(font: "Source Sans Pro", size: 12pt, lang: "en")
#place(top, scope: "parent", float: true)[#text(size: 25pt, weight: "bold")[{title}]]
{body}
"""


def typst_source(folder: Path) -> Path:
    """The article's words as a Typst page of the same type, columns and margins."""
    from legpain_docs.load.walk import load_article

    article = load_article(SOURCE)
    body = "\n\n".join(article.intro)
    for section in article.sections:
        body += f"\n\n== {section.title}\n\n" + "\n\n".join(section.intro)
        body += "".join(
            f"\n- *{item.term}*" + (f": {item.definition}" if item.definition else "") for item in section.items
        )
        body += "\n\n" + "\n\n".join(section.outro)
    body += "\n\n" + "\n\n".join(article.outro)
    escape = lambda text: re.sub(r"([#$@<>*_`\\[\]])", r"\\\1", text)
    path = folder / "handout.typ"
    path.write_text(
        TYPST_PAGE.format(title=escape(article.title), body=escape(body).replace("\\*", "*").replace("\n\\- ", "\n- ")),
        encoding="utf-8",
    )
    return path


def handout_bench() -> None:
    from legpain_docs.build.epoch import build_epoch
    from legpain_docs.load.walk import load_article
    from legpain_docs.render.handout import render_handout

    article = load_article(SOURCE)
    render_handout(article, epoch=build_epoch(article))  # warm
    warm = []
    for _ in range(RUNS):
        started = time.perf_counter()
        render_handout(load_article(SOURCE), epoch=build_epoch(article))
        warm.append(time.perf_counter() - started)
    print(
        f"\nthe handout, warm (load + render in a running process, median of {RUNS}): "
        f"{statistics.median(warm) * 1000:.0f} ms"
    )
    try:
        import typst  # noqa: F401
    except ImportError:
        print("  Typst: not installed (make bench installs it)")
        return
    from legpain_docs.fonts import font_path

    with tempfile.TemporaryDirectory() as folder:
        page = typst_source(Path(folder))
        code = "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]])"
        fonts = str(font_path("regular").parent)
        whole = [
            wall([sys.executable, "-c", code, str(page), str(Path(folder) / "out.pdf"), fonts]) for _ in range(RUNS)
        ]
        bare = [wall([sys.executable, "-c", "import typst"]) for _ in range(RUNS)]
    print(
        f"  Typst, the same page in a process of its own: {statistics.median(whole) * 1000:.0f} ms "
        f"({(statistics.median(whole) - statistics.median(bare)) * 1000:.0f} ms past Python and its import)"
    )


def preview_bench() -> None:
    """Save a one-word change SAVES times; each time, how long until the open page shows it with
    every view rebuilt (the page's version moves only after all of them are)."""
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / SOURCE.name
        shutil.copy(SOURCE, source)
        shutil.copy(SOURCE.with_suffix(".deck-record"), folder)
        child = subprocess.Popen(
            [sys.executable, "-m", "legpain_docs", "preview", str(source)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            url = next(m.group(1) for line in child.stdout if (m := re.match(r"preview: (http\S+)", line)))
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page()
                page.goto(url)
                text, took = source.read_text(encoding="utf-8"), []
                for n in range(SAVES):
                    word = f"Narrowing{n}" if n else "Narrowing0"
                    version = int(page.evaluate("document.body.dataset.version"))
                    started = time.perf_counter()
                    source.write_text(text.replace("Narrowing of the small", f"{word} of the small"), encoding="utf-8")
                    page.wait_for_function(f"Number(document.body.dataset.version) > {version}", timeout=60_000)
                    page.frame_locator("iframe[title^='Web handout']").locator(f"text={word}").first.wait_for()
                    took.append(time.perf_counter() - started)
                    time.sleep(0.3)
                browser.close()
        finally:
            child.terminate()
            child.wait()
    print(
        f"\npreview: a saved one-word change to the page showing every view rebuilt, median of {SAVES} saves: "
        f"{statistics.median(took) * 1000:.0f} ms (target < {PREVIEW_TARGET_MS} ms; fastest "
        f"{min(took) * 1000:.0f} ms, slowest {max(took) * 1000:.0f} ms)"
    )


def main() -> None:
    check_bench()
    handout_bench()
    preview_bench()


if __name__ == "__main__":
    main()
