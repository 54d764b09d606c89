"""Doing the work: each output rendered in a process of a pool (or in this one), its bytes
handed back to the build, which alone writes files.

The renderers are imported before the pool starts, and the pool's processes are forked from
this one, so a library pays for Python and the libraries once, whatever the number of jobs.
Every task returns ("ok", result) or ("problems", [Problem]): a user's mistake travels back as
data (an exception would not survive the trip between processes intact).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..errors import ContentError, Problem, UserError
from .problems import content_problem


@dataclass(frozen=True)
class Task:
    """One piece of work: `run(*args)` gives the result, its errors are placed at `source`."""

    run: Callable[..., object]
    args: tuple
    source: str
    clinic: str | None = None


def perform(task: Task) -> tuple[str, object]:
    try:
        return "ok", task.run(*task.args)
    except UserError as err:
        return "problems", err.problems
    except ContentError as err:
        return "problems", [content_problem(err, task.source, task.clinic)]


def default_jobs() -> int:
    """One process per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def run_all(tasks: list[Task], jobs: int, modules: list[str]) -> Iterator[tuple[Task, tuple[str, object]]]:
    """Each task with its outcome, in the order given; side by side in `jobs` processes when
    there is more than one task and the platform can fork."""
    jobs = min(jobs, len(tasks))
    if jobs <= 1 or not hasattr(os, "fork"):
        for task in tasks:
            yield task, perform(task)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    for module in modules:  # imported once here, inherited by every process of the pool
        importlib.import_module(module)
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        futures = [pool.submit(perform, task) for task in tasks]
        try:
            for task, future in zip(tasks, futures):
                yield task, future.result()
        except BaseException:
            for future in futures:
                future.cancel()
            raise


def problems_of(outcome: tuple[str, object]) -> list[Problem]:
    return outcome[1] if outcome[0] == "problems" else []
