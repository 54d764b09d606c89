"""The build's processes (build/work.py): outcomes in the order given whatever order they end in,
a user's mistake back as data, a bug back as its exception, a process that dies reported, big
results whole, and no process left behind."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest

from legpain_docs.build.work import RemoteTraceback, Task, run_all
from legpain_docs.errors import Problem, UserError, interrupted

from tests.conftest import ARTICLE_PATH, ROOT


def _children() -> list[int]:
    """The processes this one started that are still there (Linux's /proc)."""
    me = str(os.getpid())
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == me:
                found.append(int(entry))
    return found


@pytest.fixture
def no_process_left():
    """Every process a test's build started has ended when it returns (others of pytest's aside)."""
    before = set(_children())
    yield
    assert set(_children()) <= before


def _slow(seconds: float, value: object) -> object:
    time.sleep(seconds)
    return value


def _refuse(path: str) -> None:
    raise UserError([Problem(path, 3, 5, "error: a mistake")])


class Bug(Exception):
    pass


def _bug() -> None:
    raise Bug("a renderer's bug")


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _ctrl_c_in_a_library() -> None:
    try:
        raise KeyboardInterrupt  # Ctrl-C, as it lands inside a library that catches everything
    except:  # noqa: E722 - as reportlab's font reader does
        raise ValueError("not a TTF file: can't read version")  # noqa: B904


def _task(run, *args) -> Task:
    return Task(run, args, "a.yaml")


needs_fork = pytest.mark.skipif(not hasattr(os, "fork") or not os.path.isdir("/proc"), reason="forks; reads /proc")


@needs_fork
def test_outcomes_come_in_the_order_given_though_they_end_in_another(no_process_left):
    # The first tasks are the slowest: the later ones end first, in other processes.
    tasks = [_task(_slow, 0.3 - n * 0.05, f"result {n}") for n in range(6)]
    got = list(run_all(tasks, 3))
    assert [task for task, _ in got] == tasks
    assert [outcome for _, outcome in got] == [("ok", f"result {n}") for n in range(6)]


@needs_fork
def test_a_users_mistake_comes_back_as_problems_and_the_others_are_done(no_process_left):
    got = list(run_all([_task(_slow, 0, 1), _task(_refuse, "b.yaml"), _task(_slow, 0, 3)], 2))
    assert [outcome for _, outcome in got] == [
        ("ok", 1),
        ("problems", [Problem("b.yaml", 3, 5, "error: a mistake")]),
        ("ok", 3),
    ]


@needs_fork
def test_a_bug_is_raised_here_with_the_other_process_traceback_and_no_process_is_left(no_process_left):
    with pytest.raises(Bug, match="a renderer's bug") as raised:
        list(run_all([_task(_slow, 0, 1), _task(_bug), _task(_slow, 2, 3)], 2))
    assert isinstance(raised.value.__cause__, RemoteTraceback)
    assert "in _bug" in str(raised.value.__cause__)
    # (no_process_left: the one still working was stopped, not waited for)


@needs_fork
def test_a_process_that_dies_is_reported_and_none_is_left(no_process_left):
    with pytest.raises(RuntimeError, match=r"ended before it finished its task \(killed by signal 9\)"):
        list(run_all([_task(_die), _task(_slow, 1, 2)], 2))


def _unpicklable() -> object:
    return lambda: None  # a result that cannot travel between processes


@needs_fork
def test_a_result_that_cannot_travel_is_raised_here_with_its_traceback(no_process_left):
    with pytest.raises(Exception, match="lambda") as raised:
        list(run_all([_task(_slow, 0, 1), _task(_unpicklable)], 2))
    assert isinstance(raised.value.__cause__, RemoteTraceback)


@needs_fork
def test_when_the_system_gives_no_process_the_work_is_done_here(monkeypatch, no_process_left):
    def refused():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    got = list(run_all([_task(_slow, 0, n) for n in range(3)], 2))
    assert [outcome for _, outcome in got] == [("ok", 0), ("ok", 1), ("ok", 2)]


def test_interrupted_is_a_ctrl_c_or_an_error_raised_while_handling_one():
    def chained(first: BaseException, then: BaseException, cause: bool = False) -> BaseException:
        try:
            try:
                raise first
            except BaseException as inner:
                if cause:
                    raise then from inner
                raise then  # noqa: B904
        except BaseException as outer:
            return outer

    assert interrupted(KeyboardInterrupt())
    assert interrupted(chained(KeyboardInterrupt(), ValueError("a library's own error")))
    assert interrupted(chained(KeyboardInterrupt(), OSError("wrapped"), cause=True))
    assert not interrupted(chained(ValueError("a bug"), TypeError("another")))
    looped_a, looped_b = ValueError("a"), ValueError("b")
    looped_a.__context__, looped_b.__context__ = looped_b, looped_a
    assert not interrupted(looped_a)  # a loop of contexts ends


@needs_fork
def test_a_ctrl_c_a_library_turned_into_its_own_error_stops_the_build_as_a_ctrl_c(no_process_left):
    """reportlab caught a Ctrl-C reading a font and raised its own error, which the build reported as a bug."""
    with pytest.raises(KeyboardInterrupt):
        list(run_all([_task(_ctrl_c_in_a_library), _task(_slow, 5, 1)], 2))


def _loaded(names: tuple[str, ...], seconds: float) -> tuple[dict[str, bool], int]:
    """Which of the modules the process held as the task began, and the process."""
    held = {name: name in sys.modules for name in names}
    time.sleep(seconds)
    return held, os.getpid()


@pytest.fixture
def kinds(tmp_path, monkeypatch):
    """The modules two kinds of task import (the decks', the PDFs'): made for the test, not yet
    imported, and forgotten after it."""
    names = ("first_kind", "other_kind")
    for name in names:
        (tmp_path / f"{name}.py").write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in names:
        sys.modules.pop(name, None)
    yield names
    for name in names:
        sys.modules.pop(name, None)


@needs_fork
def test_the_first_task_starts_before_the_others_modules_load_and_each_task_finds_its_own_loaded(
    kinds, no_process_left
):
    """The decks' task started only once reportlab was imported for the PDFs, which it never uses."""
    names = kinds
    first = Task(_loaded, (names, 0), "a.yaml", modules=(names[0],))
    others = [Task(_loaded, (names, 0.3), "b.yaml", modules=(names[1],)) for _ in range(3)]
    got = [outcome[1] for _, outcome in run_all([first, *others], 2)]
    (first_held, first_process), *rest = got
    assert first_held == {names[0]: True, names[1]: False}
    assert all(held == {names[0]: True, names[1]: True} for held, _ in rest)
    # the first process, without what the others import, did none of them: one that had it did
    assert first_process not in {process for _, process in rest}


def _descriptors() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


@needs_fork
def test_a_fork_refused_leaves_no_pipe_open(monkeypatch, no_process_left):
    """Each refused fork left its two pipes open: a library under a process limit ran out of files."""

    def refused():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    before = _descriptors()
    got = list(run_all([_task(_slow, 0, n) for n in range(3)], 2))
    assert [outcome for _, outcome in got] == [("ok", 0), ("ok", 1), ("ok", 2)]
    assert _descriptors() == before


@needs_fork
def test_a_process_that_could_not_be_replaced_does_the_rest_and_is_not_replaced_again(
    kinds, monkeypatch, no_process_left
):
    """Refused once, the replacement was tried again for every task after (and each try left its pipes)."""
    names = kinds
    real, forks = os.fork, []

    def fork():
        forks.append(1)
        if len(forks) > 1:
            raise BlockingIOError(11, "Resource temporarily unavailable")
        return real()

    monkeypatch.setattr(os, "fork", fork)
    before = _descriptors()
    tasks = [Task(_loaded, (names, 0), "a.yaml", modules=(names[0],))]
    tasks += [Task(_loaded, (names, 0), "b.yaml", modules=(names[1],)) for _ in range(5)]
    got = [outcome for _, outcome in run_all(tasks, 3)]
    assert [kind for kind, _ in got] == ["ok"] * 6  # each done once, in order
    assert len(forks) == 3  # the first; the second process, refused; one replacement, refused
    assert _descriptors() == before


@needs_fork
def test_a_ctrl_c_another_thread_takes_as_a_process_is_forked_leaves_no_process(monkeypatch):
    """The build's writer threads took a Ctrl-C as fork returned: raised before the new process
    was known, and nobody stopped it."""
    import threading

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)  # a thread that takes signals, as a writer of the build
    other.start()
    real = os.fork

    def fork():
        pid = real()
        if pid:
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C as fork returns
            time.sleep(0.05)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    before = set(_children())
    try:
        with pytest.raises(KeyboardInterrupt):
            list(run_all([_task(_slow, 0, n) for n in range(3)], 2))
    finally:
        stop.set()
        other.join()
    left = set(_children()) - before
    for pid in left:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    assert not left


def _exits() -> None:
    sys.exit(3)


@pytest.mark.parametrize("jobs", [1, pytest.param(2, marks=needs_fork)])
def test_a_task_that_exits_is_a_bug_not_the_programs_exit(jobs, no_process_left):
    """A task's sys.exit(3) ended the build with status 3 and not a word."""
    with pytest.raises(RuntimeError, match=r"called sys.exit\(3\)"):
        list(run_all([_task(_exits), _task(_slow, 0, 1)], jobs))


PRINTS_BETWEEN_FORKS = """
import sys, time
sys.path[:0] = sys.argv[1:]
from legpain_docs.build.work import Task, run_all
def wait(seconds, value):
    time.sleep(seconds)
    return value
def prints(value):
    print("a task's own line", flush=True)  # a library that prints, in a process of the build
    return value
tasks = [Task(wait, (0.0, "a0"), "x", modules=("printing_first",)),
         Task(wait, (0.5, "b0"), "x", modules=("printing_other",)),
         Task(wait, (0.1, "a1"), "x", modules=("printing_first",)),
         Task(prints, ("b1",), "x", modules=("printing_other",))]
for task, outcome in run_all(tasks, 2):
    print("wrote", outcome[1])
"""


@needs_fork
def test_what_the_build_printed_before_a_replacement_fork_is_printed_once(tmp_path):
    for name in ("printing_first", "printing_other"):
        (tmp_path / f"{name}.py").write_text("VALUE = 1\n", encoding="utf-8")
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # stdout a block-buffered pipe
    done = subprocess.run(
        [sys.executable, "-c", PRINTS_BETWEEN_FORKS, str(ROOT), str(tmp_path)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(done.stdout.splitlines()) == sorted(
        ["a task's own line", "wrote a0", "wrote b0", "wrote a1", "wrote b1"]
    )


@needs_fork
def test_results_larger_than_a_pipe_holds_come_back_whole(no_process_left):
    big = [bytes([n]) * (5 * 1024 * 1024 + n) for n in range(3)]  # each some 80 times a pipe's buffer
    got = list(run_all([_task(_slow, 0, data) for data in big], 2))
    assert [outcome for _, outcome in got] == [("ok", data) for data in big]


@needs_fork
def test_leaving_early_stops_the_processes(no_process_left):
    outcomes = run_all([_task(_slow, 0, 1), *[_task(_slow, 5, n) for n in range(3)]], 2)
    assert next(outcomes)[1] == ("ok", 1)
    outcomes.close()


INTERRUPT = """
import os, signal, sys
from legpain_docs.cli import main
if sys.argv[1] == "ctrl-c":  # every process of the group
    signal.signal(signal.SIGALRM, lambda *_: os.killpg(0, signal.SIGINT))
else:  # `kill`: this process alone
    signal.signal(signal.SIGALRM, lambda *_: os.kill(os.getpid(), signal.SIGTERM))
signal.setitimer(signal.ITIMER_REAL, float(sys.argv[2]))
sys.argv = ["legpain-docs", *sys.argv[3:]]
status = main()
signal.setitimer(signal.ITIMER_REAL, 0)
sys.exit(status)
"""


@needs_fork
@pytest.mark.parametrize("how", ["ctrl-c", "kill"])
@pytest.mark.parametrize("delay", [0.15, 0.3, 0.5, 0.7])
def test_ctrl_c_or_kill_during_a_parallel_build_is_one_line_and_130_and_no_process_is_left(delay, how, tmp_path):
    source, out = tmp_path / "source", tmp_path / "out"
    source.mkdir()
    text = ARTICLE_PATH.read_text(encoding="utf-8")
    for n in range(16):  # an id and a title of its own each: some 1 s of work
        copy = re.sub(
            r"^(title: .*)$", rf"\1 {n}", text.replace("id: leg-foot-pain", f"id: a{n}", 1), count=1, flags=re.M
        )
        (source / f"a{n}.yaml").write_text(copy, encoding="utf-8")
    started = subprocess.Popen(
        [sys.executable, "-c", INTERRUPT, how, str(delay), "build", "--source-dir", str(source)]
        + ["--out-dir", str(out), "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        start_new_session=True,  # its own group: the interrupt reaches it and its processes, not pytest
    )
    _, stderr = started.communicate(timeout=120)
    try:
        os.killpg(started.pid, 0)
        left = True
    except ProcessLookupError:
        left = False
    assert not left, "a process of the build outlived it"
    if started.returncode == 0:  # the build ended first
        return
    assert started.returncode == 130
    lines = stderr.splitlines()  # the build's notes, then one line
    assert lines[-1].startswith("legpain-docs: interrupted;"), stderr
    assert all(": note: " in line for line in lines[:-1]), stderr
    assert not [p.name for p in out.rglob("*") if p.name.endswith((".tmp", ".new"))]
