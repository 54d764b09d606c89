"""`make bench`: each command's wall time beside the bare import of the libraries it needs.

Python's start-up and the libraries' import are the floor no change of ours can lower; the
question is how far above it the project's own work stands. Runs are interleaved (floor,
command, floor, command, ...) so that a busy machine slows both alike, and the median of
several is reported. Then every command on a source 100 times the article and on one as
large as a source may be (1 MiB), with time, peak memory and items per second: cost must
grow linearly with the input. Last, `legpain-docs build` on libraries of 1, 30 and 100
articles (build_bench.py), each figure beside its target. Measurements to read, not tests.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from legpain_docs.load.read import MAX_BYTES

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source" / "leg-foot-pain.yaml"
RUNS = 7
ITEMS_PER_COPY = 24  # items in one copy of the article's sections
COMMANDS = {
    # command: (extra arguments, the import it cannot do without, target ratio)
    "check": ([], "import yaml"),  # target: within 1.5x
    "pdf": (["-o", "{out}/handout.pdf"], "import reportlab.platypus, yaml"),
    "anki": (["-o", "{out}/deck.apkg"], "import genanki, yaml"),
    "cards": (["-o", "{out}/cards.pdf"], "import reportlab.platypus, yaml"),
}
COMMAND_TARGET = 1.3  # every command within 1.3 times the import it cannot do without
TARGETS_100X = {"pdf": 4.0, "anki": 3.0, "cards": 4.0}  # seconds; and 300 MB each
TARGET_LIMIT = 10.0  # seconds for any command at the 1 MiB source limit; and 300 MB
SCALE_COMMANDS = ["check", "pdf", "anki", "cards"]


# `make bench` runs this under make, whose settings would make every `make` here a sub-make
# (serial, not the top-level build a user starts): each runs as if typed at a shell.
ENVIRONMENT = {name: value for name, value in os.environ.items() if name not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}


def run(argv: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak resident MB and CPU seconds (user + system) of one child process."""
    with tempfile.TemporaryFile() as messages:  # not a pipe, which a child may fill and then wait on forever
        started = time.perf_counter()
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=messages, env=ENVIRONMENT)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - started
        if status != 0:
            messages.seek(0)
            raise SystemExit(f"bench: {' '.join(argv)} failed:\n{messages.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def command(name: str, source: Path, out: str) -> list[str]:
    extra = [a.format(out=out) for a in COMMANDS[name][0]]
    return [sys.executable, "-m", "legpain_docs", name, str(source), *extra]


def hundredfold(article_text: str) -> str:
    """The article's sections 100 times over, each copy with its own section ids (700 sections)."""
    return manifold(article_text, 100)


def manifold(article_text: str, copies: int) -> str:
    """The article's sections `copies` times over, each copy with its own section ids."""
    head, sections = article_text.split("\nsections:\n", 1)
    body, _, outro = sections.partition("\noutro:")
    # Each copy's terms get its number too: an item's deck key is unique in the article.
    # (and a sentence, which starts with its term, gets it after the term as well).
    copied = [
        re.sub(
            r"(- term: (.*))(\n\s+sentence: >?\s*)\2|(- term: .*)",
            lambda m, n=n: f"{m[1]} {n}{m[3]}{m[2]} {n}" if m[1] else f"{m[4]} {n}",
            body.replace("  - id: ", f"  - id: copy{n}-"),
        )
        for n in range(1, copies + 1)
    ]
    return head + "\nsections:\n" + "\n".join(copied) + "\noutro:" + outro


def largest(article_text: str) -> tuple[str, int]:
    """As many copies of the article's sections as fit in a source of MAX_BYTES."""
    per_copy = len(manifold(article_text, 2).encode()) - len(manifold(article_text, 1).encode())
    copies = (MAX_BYTES - len(manifold(article_text, 1).encode())) // per_copy
    while len(text := manifold(article_text, copies).encode()) > MAX_BYTES:
        copies -= 1
    return text.decode(), copies


def scale(name: str, source: Path, out: str, copies: int, runs: int, target: float) -> None:
    """One line: median time, peak memory, and items per second, for a source of `copies` articles
    (or the command's failure, in one line: the figures after it are still measured)."""
    try:
        results = [run(command(name, source, out)) for _ in range(runs)]
    except SystemExit as failure:
        print(f"{name:<8} FAILED: {str(failure).strip().splitlines()[-1]}")
        return
    took = statistics.median(r[0] for r in results)
    peak = max(r[1] for r in results)
    items = copies * ITEMS_PER_COPY
    print(
        f"{name:<8} {took:6.2f} s (target < {target:.0f} s)   peak {peak:5.0f} MB (target < 300 MB)   "
        f"{items / took:8,.0f} items/s"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as out:
        # CPU time beside wall time: on a machine shared with other work, CPU time moves less.
        print(
            f"{'command':<8} {'floor':>9} {'command':>9} {'ratio':>6} {'cpu ratio':>10}   "
            f"floor = python -c '<import>'  (median of {RUNS}; target: within {COMMAND_TARGET}x)"
        )
        for name, (_, floor_import) in COMMANDS.items():
            floors, times = [], []
            for _ in range(RUNS):
                floors.append(run([sys.executable, "-c", floor_import]))
                times.append(run(command(name, SOURCE, out)))
            floor, took = (statistics.median(r[0] for r in rs) for rs in (floors, times))
            cpu = statistics.median(r[2] for r in times) / statistics.median(r[2] for r in floors)
            met = "met" if took / floor <= COMMAND_TARGET else "met in CPU" if cpu <= COMMAND_TARGET else "NOT MET"
            print(
                f"{name:<8} {floor * 1000:7.0f} ms {took * 1000:7.0f} ms {took / floor:5.2f}x {cpu:9.2f}x   {met:<11}"
                f"{floor_import}"
            )

        article = SOURCE.read_text(encoding="utf-8")
        big = Path(out) / "hundredfold.yaml"
        big.write_text(hundredfold(article), encoding="utf-8")
        print(
            f"\n100x source: {big.stat().st_size:,} bytes, 700 sections, {100 * ITEMS_PER_COPY:,} items (median of 3)"
        )
        for name in SCALE_COMMANDS:
            scale(name, big, out, 100, 3, TARGETS_100X.get(name, 1.0))

        text, copies = largest(article)
        biggest = Path(out) / "largest.yaml"
        biggest.write_text(text, encoding="utf-8")
        print(
            f"\nLargest source allowed: {biggest.stat().st_size:,} bytes, {copies}x the article, {copies * ITEMS_PER_COPY:,} items (one run)"
        )
        for name in SCALE_COMMANDS:
            scale(name, biggest, out, copies, 1, TARGET_LIMIT)


if __name__ == "__main__":
    import build_bench

    if sys.argv[1:] != ["library"]:  # `python benchmarks/bench.py library` runs the library part alone
        main()
        import editor  # the editor's loop: check's floors, a warm handout against Typst, the preview

        editor.main()
    build_bench.main()
