"""`make bench`, the library part: `legpain-docs build` against the targets of issue 18, each
figure printed beside its target and whether it is met.

Whole processes, wall and CPU time (children included), medians of interleaved runs. The
libraries are copies of the seed article, each with an id and a title of its own.
"""

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

from legpain_docs.build.registry import DEFAULT_KINDS

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "source" / "leg-foot-pain.yaml"
FLOOR = "import reportlab.platypus, genanki, yaml"  # what a process that builds everything cannot do without
ENVIRONMENT = {
    **{k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")},
    "SOURCE_DATE_EPOCH": "1790000000",
}
RUNS = 5
WARM = """
import sys, tempfile, time
from legpain_docs.build.registry import KINDS, DEFAULT_KINDS, Variant
from legpain_docs.build.epoch import build_epoch
from legpain_docs.load.walk import load_article
from legpain_docs.output import write_atomically
from legpain_docs.render.deck import build_deck
def once(out=None):  # the article's rebuild: read from its source, then every kind (written to `out`)
    article = load_article(sys.argv[1])
    for name in DEFAULT_KINDS:
        kind = KINDS[name]
        if kind.publishes:
            data = build_deck(article, epoch=1790000000)
        else:
            data = kind.render(article, Variant(), None, build_epoch(article))
        if out:
            write_atomically(f"{out}/{name}", data)
def median(out=None):
    took = []
    for _ in range(7):
        started = time.process_time(); once(out); took.append(time.process_time() - started)
    return sorted(took)[3]
once()
with tempfile.TemporaryDirectory() as out:
    print(median(), median(out))
"""


def timed(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (the process and its children) of one command."""
    # Its messages to a file, not a pipe: a library's first build says more than a pipe holds,
    # and a child blocked writing to a pipe nobody reads until it exits never exits.
    with tempfile.TemporaryFile() as messages:
        started = time.perf_counter()
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=messages, env=ENVIRONMENT)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        if status != 0:
            messages.seek(0)
            raise SystemExit(f"bench: {' '.join(argv)} failed:\n{messages.read().decode()}")
    # wait4 counts the child and the children it waited for (the pool's processes).
    return wall, usage.ru_utime + usage.ru_stime


def build(source: Path, out: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "legpain_docs", "build", "--source-dir", str(source), "--out-dir", str(out), *args]


def library(folder: Path, size: int) -> Path:
    source = folder / f"library-{size}"
    source.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for n in range(1, size + 1):
        copy = re.sub(r"^id: .*$", f"id: article{n:03}", text, count=1, flags=re.MULTILINE)
        copy = re.sub(r"^(title: .*)$", rf"\1 {n}", copy, count=1, flags=re.MULTILINE)
        (source / f"article{n:03}.yaml").write_text(copy, encoding="utf-8")
    return source


def from_scratch(source: Path, out: Path, *args: str) -> tuple[float, float]:
    shutil.rmtree(out, ignore_errors=True)
    return timed(build(source, out, *args))


def medians(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def line(label: str, value: float, target: float, detail: str, cpu: float | None = None) -> str:
    """One figure beside its target, and whether it is met; `cpu`, the same ratio in CPU time,
    which a machine busy with other work moves less (judged too: "met in CPU time")."""
    met = value <= target
    verdict = "met" if met else "met in CPU time" if cpu is not None and cpu <= target else "NOT MET"
    steadier = f"{cpu:5.2f}x CPU" if cpu is not None else " " * 10
    print(f"{label:<50} {value:5.2f}x  {steadier}  (target <= {target:.2f}x)  {verdict:<16} {detail}")
    return verdict


def main() -> None:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    print(f"\nlegpain-docs build on a library ({cores} cores; medians; wall time unless CPU is said)")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        one, thirty, hundred = library(folder, 1), library(folder, 30), library(folder, 100)
        floors, passes, ones, thirties, serial_ones, serial_thirties = [], [], [], [], [], []
        for _ in range(RUNS):  # interleaved: a busy machine slows each alike
            floors.append(timed([sys.executable, "-c", FLOOR]))
            passes.append(timed([sys.executable, "-c", "pass"]))
            ones.append(from_scratch(one, folder / "out-1"))
            serial_ones.append(from_scratch(one, folder / "out-1", "--jobs", "1"))
        for _ in range(3):
            thirties.append(from_scratch(thirty, folder / "out-30"))
            serial_thirties.append(from_scratch(thirty, folder / "out-30", "--jobs", "1"))
        warm, warm_writing = map(
            float,
            subprocess.run(
                [sys.executable, "-c", WARM, str(one / "article001.yaml")],
                env=ENVIRONMENT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split(),
        )
        timed(build(hundred, folder / "out-100"))
        changed = []
        for _ in range(3):
            path = hundred / "article050.yaml"
            path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # a change of content
            changed.append(timed(build(hundred, folder / "out-100")))
        nothing = [timed(build(hundred, folder / "out-100")) for _ in range(RUNS)]

    (floor, floor_cpu), (pass_, pass_cpu) = medians(floors), medians(passes)
    one_wall, one_cpu = medians(ones)
    thirty_wall, thirty_cpu = medians(thirties)
    serial_one_cpu, serial_thirty_cpu = medians(serial_ones)[1], medians(serial_thirties)[1]
    marginal = (serial_thirty_cpu - serial_one_cpu) / 29
    (changed_wall, changed_cpu), (nothing_wall, nothing_cpu) = medians(changed), medians(nothing)
    print(
        f'import floor `python -c "{FLOOR}"`: {floor * 1000:.0f} ms; `python -c pass`: {pass_ * 1000:.0f} ms; '
        f"one article from scratch: {one_wall * 1000:.0f} ms wall, {one_cpu * 1000:.0f} ms CPU; "
        f"30 articles: {thirty_wall:.2f} s wall, {thirty_cpu:.2f} s CPU"
    )
    met = [
        line(
            "one article from scratch, every kind / floor",
            one_wall / floor,
            1.5,
            f"{one_wall * 1000:.0f} ms",
            one_cpu / floor_cpu,
        ),
        line(
            "each article beyond the first / warm rebuild",
            marginal / warm,
            1.15,
            f"{marginal * 1000:.0f} ms CPU per article (serial), {warm * 1000:.0f} ms in a warm process",
        ),
        line(
            "30 articles from scratch / floor", thirty_wall / floor, 8.0, f"{thirty_wall:.2f} s", thirty_cpu / floor_cpu
        ),
        line(
            "one changed article of 100 / that article alone",
            changed_wall / one_wall,
            1.3,
            f"{changed_wall * 1000:.0f} ms",
            changed_cpu / one_cpu,
        ),
        line(
            "nothing changed (100 articles) / python -c pass",
            nothing_wall / pass_,
            3.0,
            f"{nothing_wall * 1000:.0f} ms",
            nothing_cpu / pass_cpu,
        ),
    ]
    print(
        f"  (a reference, not the target: the warm rebuild writing its {len(DEFAULT_KINDS)} outputs as the build does, "
        f"each synced, {warm_writing * 1000:.0f} ms; each article beyond the first against it {marginal / warm_writing:.2f}x)"
    )
    if cores >= 2:
        met.append(line("30 articles: wall / CPU", thirty_wall / thirty_cpu, 0.65, f"{cores} cores"))
    else:
        print("30 articles: wall / CPU: one core here, no figure (the target needs two or more)")
    typst_reference()
    print(
        f"{met.count('met')} of {len(met)} targets met in wall time, {met.count('met in CPU time')} more in CPU "
        f"time only (the wall time of a machine busy with other work says less)"
    )


TYPST = "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]])"


def typst_reference() -> None:
    """Typst 0.15 setting the same article's words as a two-column tagged page, in a process of
    its own, beside `legpain-docs pdf` for the handout alone: a reference, never a target."""
    try:
        import typst  # noqa: F401  (a reference only, never a dependency of the build)
    except ImportError:
        print("Typst: its Python package is not installed here (pip install '.[bench]'), so no reference figure")
        return
    from editor import typst_source

    from legpain_docs.fonts import font_path

    with tempfile.TemporaryDirectory() as folder:
        page, fonts = typst_source(Path(folder)), str(font_path("regular").parent)
        typsts, handouts = [], []
        for _ in range(RUNS):
            typsts.append(timed([sys.executable, "-c", TYPST, str(page), f"{folder}/typst.pdf", fonts]))
            handouts.append(
                timed([sys.executable, "-m", "legpain_docs", "pdf", str(SEED), "-o", f"{folder}/handout.pdf"])
            )
    (typst_wall, typst_cpu), (handout_wall, handout_cpu) = medians(typsts), medians(handouts)
    print(
        f"reference: Typst sets the same page in {typst_wall * 1000:.0f} ms wall, {typst_cpu * 1000:.0f} ms CPU "
        f"(whole process); `legpain-docs pdf`, the handout alone: {handout_wall * 1000:.0f} ms wall, "
        f"{handout_cpu * 1000:.0f} ms CPU ({handout_cpu / typst_cpu:.1f}x Typst's CPU)"
    )


if __name__ == "__main__":
    main()
