"""`make bench`: each command's wall time beside the bare import of the libraries it needs.

Python's start-up and the libraries' import are the floor no change of ours can lower; the
question is how far above it the project's own work stands. Runs are interleaved (floor,
command, floor, command, ...) so that a busy machine slows both alike, and the median of
several is reported. Then `pdf`, `anki` and `cards` on a source 100 times the article, with
time and peak memory. These are measurements to read, not pass/fail tests.
"""

from __future__ import annotations

import os
import statistics
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source" / "leg-foot-pain.yaml"
RUNS = 7
COMMANDS = {
    # command: (extra arguments, the import it cannot do without, target ratio)
    "check": ([], "import yaml"),
    "pdf": (["-o", "{out}/handout.pdf"], "import reportlab.platypus, yaml"),
    "anki": (["-o", "{out}/deck.apkg"], "import genanki, yaml"),
    "cards": (["-o", "{out}/cards.pdf"], "import reportlab.platypus, yaml"),
}
TARGETS_100X = {"pdf": 4.0, "anki": 3.0, "cards": 4.0}  # seconds; and 300 MB each


def run(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one child process."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"bench: {' '.join(argv)} failed:\n{child.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def command(name: str, source: Path, out: str) -> list[str]:
    extra = [a.format(out=out) for a in COMMANDS[name][0]]
    return [sys.executable, "-m", "legpain_docs", name, str(source), *extra]


def hundredfold(article_text: str) -> str:
    """The article's sections 100 times over, each copy with its own section ids (700 sections)."""
    head, sections = article_text.split("\nsections:\n", 1)
    body, _, outro = sections.partition("\noutro:")
    # Each copy's terms get its number too: an item's deck key is unique in the article.
    copies = [re.sub(r"(- term: .*)", rf"\1 {n}", body.replace("  - id: ", f"  - id: copy{n}-")) for n in range(1, 101)]
    return head + "\nsections:\n" + "\n".join(copies) + "\noutro:" + outro


def main() -> None:
    with tempfile.TemporaryDirectory() as out:
        print(f"{'command':<8} {'floor':>9} {'command':>9} {'ratio':>6}   floor = python -c '<import>'  (median of {RUNS})")
        for name, (_, floor_import) in COMMANDS.items():
            floors, times = [], []
            for _ in range(RUNS):
                floors.append(run([sys.executable, "-c", floor_import])[0])
                times.append(run(command(name, SOURCE, out))[0])
            floor, took = statistics.median(floors), statistics.median(times)
            print(f"{name:<8} {floor * 1000:7.0f} ms {took * 1000:7.0f} ms {took / floor:5.2f}x   {floor_import}")

        big = Path(out) / "hundredfold.yaml"
        big.write_text(hundredfold(SOURCE.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"\n100x source: {big.stat().st_size:,} bytes, 700 sections (median of 3)")
        for name, target in TARGETS_100X.items():
            results = [run(command(name, big, out)) for _ in range(3)]
            took = statistics.median(r[0] for r in results)
            peak = max(r[1] for r in results)
            print(f"{name:<8} {took:6.2f} s (target < {target:.0f} s)   peak {peak:5.0f} MB (target < 300 MB)")


if __name__ == "__main__":
    main()
