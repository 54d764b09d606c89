"""Doing the work: each output rendered in a process forked from this one (or in this one),
its bytes handed back to the build, which alone writes files.

The tasks are made, and what each imports is imported, before the processes that do them
are forked: each inherits both, so a library pays for Python and the libraries once, whatever
the number of jobs, and no task is pickled on its way to a process (the first process starts
on its task before the others' renderers are imported: see _forked). A process is handed one
task at a time, the next when it sends back its result, so that a long task never holds the
others back. Every task returns ("ok", result) or ("problems", [Problem]): a user's mistake travels
back as data (an exception would not survive the trip between processes intact); a bug
comes back as its exception with the process's traceback as its cause.

The processes are forked here (os.fork and two pipes each) rather than by
multiprocessing: its pool imports some 5 ms of modules, starts threads and pickles each
task's article to a process that already holds it, some 15 ms of a one-article build.
"""

from __future__ import annotations

import importlib
import os
import struct
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..errors import ContentError, Problem, UserError, interrupted
from .problems import content_problem


@dataclass(frozen=True)
class Task:
    """One piece of work: `run(*args)` gives the result, its errors are placed at `source`."""

    run: Callable[..., object]
    args: tuple
    source: str
    clinic: str | None = None
    modules: tuple[str, ...] = ()  # what `run` imports: imported before the process it is first handed to is forked


def perform(task: Task) -> tuple[str, object]:
    try:
        return "ok", task.run(*task.args)
    except UserError as err:
        return "problems", err.problems
    except ContentError as err:
        return "problems", [content_problem(err, task.source, task.clinic)]
    except SystemExit as err:  # a renderer that exits is a bug, never the program's own exit (argparse's)
        raise RuntimeError(f"a task of the build called sys.exit({err.code!r})") from err


def default_jobs() -> int:
    """One process per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def run_all(tasks: list[Task], jobs: int) -> Iterator[tuple[Task, tuple[str, object]]]:
    """Each task with its outcome, in the order given; side by side in `jobs` processes when
    there is more than one task and the platform can fork."""
    jobs = min(jobs, len(tasks))
    if jobs <= 1 or not hasattr(os, "fork"):
        yield from _here(tasks)
        return
    yield from _forked(tasks, jobs)


def _here(tasks: list[Task]) -> Iterator[tuple[Task, tuple[str, object]]]:
    import gc

    # What the tasks were made from (every article of the library) is never garbage while they
    # run: the collector leaves it alone, as it does in the processes forked from here.
    gc.freeze()
    try:
        for task in tasks:
            yield task, perform(task)
    finally:
        gc.unfreeze()


_INTERRUPTED = 130  # a process's exit status when Ctrl-C stopped it (as the shell's 128 + SIGINT)
STOP = 0xFFFFFFFF  # the index that tells a process its work is done
_INDEX = struct.Struct("<I")
_LENGTH = struct.Struct("<Q")


class RemoteTraceback(Exception):
    """The traceback of an exception raised in a process of the build, as its cause."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return self.text


class _Process:
    """A process of the pool: its pipes, the bytes of a result not yet whole, its exit status once waited for."""

    def __init__(self, pid: int, tasks: int, results: int):
        self.pid, self.tasks, self.results = pid, tasks, results  # it reads task indexes; it writes results
        self.received = bytearray()
        self.status: int | None = None
        self.modules: frozenset[str] = frozenset()  # the tasks' modules it was forked with


def _forked(tasks: list[Task], jobs: int) -> Iterator[tuple[Task, tuple[str, object]]]:
    """The tasks done in `jobs` processes.

    The first process is forked once what its first task imports is imported here, and is
    handed that task at once: the decks' task (no reportlab) is under way while the renderers
    of every other task are imported for the next processes. A process whose next task needs
    what was imported only after it was forked is stopped, and a new one forked in its place:
    a fork costs a millisecond or two, an import of reportlab in that process thirty."""
    import selectors

    processes: list[_Process] = []
    outcomes, given = {}, 0
    try:
        with selectors.DefaultSelector() as selector:
            pool = _Pool(tasks, processes, selector)
            try:
                for _ in range(jobs):
                    pool.start()
            except _NoProcess:  # the system has no process left to give: those it gave do the work
                if not processes:
                    yield from _here(tasks)
                    return
            while given < len(tasks):
                for key, _ in selector.select():
                    for index, outcome in _receive(key.data):
                        outcomes[index] = outcome
                        pool.next(key.data)
                while given in outcomes:
                    outcome = outcomes.pop(given)
                    if outcome[0] == "crash":
                        _raise(outcome[1])
                    yield tasks[given], outcome
                    given += 1
    finally:
        _end(processes, killed=given < len(tasks))


class _Pool:
    """Which task goes next, and to which process (forking one that has what it imports)."""

    def __init__(self, tasks: list[Task], processes: list[_Process], selector):
        self.tasks, self.processes, self.selector = tasks, processes, selector  # selector: the results to wait on
        self.handed = 0  # the tasks handed out so far
        self.imported: set[str] = set()  # the tasks' modules imported here so far

    def start(self) -> None:
        """Fork a process that has what the next task imports, and hand it that task."""
        import gc
        import selectors

        # The first process, what its first task imports; any other, what every task left does.
        left = self.tasks[self.handed : self.handed + 1] if not self.processes else self.tasks[self.handed :]
        for module in dict.fromkeys(module for task in left for module in task.modules):
            importlib.import_module(module)
            self.imported.add(module)
        gc.freeze()  # the processes share this process's memory: no collection of theirs writes to it
        try:
            _fork(self.tasks, self.processes)
        finally:
            gc.unfreeze()
        process = self.processes[-1]
        process.modules = frozenset(self.imported)
        self.selector.register(process.results, selectors.EVENT_READ, process)
        self.handed = _hand(process, self.handed, len(self.tasks))

    def next(self, process: _Process) -> None:
        """`process` sent back its outcome: hand it the next task, or stop it."""
        count = len(self.tasks)
        if self.handed < count and not set(self.tasks[self.handed].modules) <= process.modules:
            try:
                self.start()  # one in its place, with what the task imports
            except _NoProcess:  # no process to be had: it does the task, importing what it needs
                process.modules = frozenset(self.imported)  # (and is not replaced again for each task after)
                self.handed = _hand(process, self.handed, count)
                return
            self.selector.unregister(process.results)
            _hand(process, count, count)  # it stops
            return
        if self.handed == count:  # nothing left to hand: it stops, and sends nothing more
            self.selector.unregister(process.results)
        self.handed = _hand(process, self.handed, count)


class _NoProcess(Exception):
    """The system gave no process (fork or pipe refused: EAGAIN, ENOMEM, EMFILE)."""


def _fork(tasks: list[Task], processes: list[_Process]) -> None:
    """Start a process of the pool and add it to `processes`; _NoProcess when the system gives none.

    Ctrl-C and `kill` are held back while it is forked (their handlers only note them, on
    whichever thread the system delivers them): one raised as fork returned would unwind the
    build before the new process is in `processes`, and nobody would stop it. Noted, it is
    raised once the process is known. The new process forgets one noted before it was forked
    (this process's) and takes its own from then on."""
    import signal

    sys.stdout.flush()  # what this process printed is not printed again by a copy of it
    sys.stderr.flush()
    noted: list[int] = []
    handlers = {}
    fds: list[int] = []  # to close when this ends: all, unless the process is made
    try:
        try:
            for number in (signal.SIGINT, signal.SIGTERM):
                handlers[number] = signal.signal(number, lambda number, frame: noted.append(number))
        except ValueError:  # not the main thread: Python gives the signals to the main thread's handlers
            pass
        try:
            fds += os.pipe()
            fds += os.pipe()
            task_read, task_write, result_read, result_write = fds
            _widen(result_write)
            pid = os.fork()
        except OSError as err:
            raise _NoProcess(str(err)) from err
        if pid == 0:  # the process of the pool: it never returns to the caller's code
            status = 1
            try:
                for number, handler in handlers.items():
                    signal.signal(number, handler)
                for fd in [task_write, result_read, *(fd for p in processes for fd in (p.tasks, p.results))]:
                    os.close(fd)
                _serve(tasks, task_read, result_write)
                status = 0
            except KeyboardInterrupt:  # Ctrl-C reaches every process: the build says so, once
                status = _INTERRUPTED
            finally:
                os._exit(status)
        processes.append(_Process(pid, task_write, result_read))
        fds = [task_read, result_write]  # the new process's ends
    finally:
        for fd in fds:
            os.close(fd)
        for number, handler in handlers.items():
            signal.signal(number, handler)
    if noted:
        raise KeyboardInterrupt


def _widen(pipe: int) -> None:
    """A pipe that holds a MiB (where the system allows): a library deck of some MB arrives in
    a few reads, not in a hundred turns of 64 KiB between the processes."""
    try:
        import fcntl

        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, 1 << 20)
    except (ImportError, AttributeError, OSError):  # not Linux, or over the system's limit: as it is
        pass


def _serve(tasks: list[Task], requests: int, results: int) -> None:
    """In a process of the pool: perform each task handed to it, and send back its outcome."""
    import pickle

    with os.fdopen(requests, "rb", buffering=0) as inbox, os.fdopen(results, "wb") as outbox:
        while len(asked := inbox.read(_INDEX.size)) == _INDEX.size:
            index = _INDEX.unpack(asked)[0]
            if index == STOP:
                return
            try:
                data = pickle.dumps((index, perform(tasks[index])), pickle.HIGHEST_PROTOCOL)
            except BaseException as err:  # a bug (or a result that cannot travel): raised there, with its traceback
                if interrupted(err):  # Ctrl-C, even as a library's error: this process stops
                    raise KeyboardInterrupt from None
                data = pickle.dumps((index, ("crash", _crash(err))), pickle.HIGHEST_PROTOCOL)
            outbox.write(_LENGTH.pack(len(data)) + data)
            outbox.flush()


def _crash(err: BaseException) -> tuple[bytes | None, str]:
    import pickle
    import traceback

    text = "".join(traceback.format_exception(err))
    try:
        return pickle.dumps(err), text
    except Exception:  # an exception that cannot travel: its traceback still does
        return None, text


def _raise(crash: tuple[bytes | None, str]) -> None:
    import pickle

    pickled, text = crash
    err = None
    if pickled is not None:
        try:
            err = pickle.loads(pickled)
        except Exception:
            err = None
    if not isinstance(err, BaseException):
        err = RuntimeError("a process of the build failed")
    raise err from RemoteTraceback(f'\n"""\n{text}"""')


def _hand(process: _Process, handed: int, count: int) -> int:
    """Hand the process the next task (or tell it to stop); how many tasks are handed now."""
    try:
        os.write(process.tasks, _INDEX.pack(handed if handed < count else STOP))
    except BrokenPipeError:  # it ended (killed, say): the end of its results says so, with how it ended
        pass
    return min(handed + 1, count)


def _receive(process: _Process) -> list[tuple[int, tuple[str, object]]]:
    """The outcomes whose bytes are all here; a process that ended before sending its outcome is a failure."""
    import pickle

    chunk = os.read(process.results, 1 << 20)
    if not chunk:
        how = _ended(process)
        if os.WIFEXITED(process.status) and os.WEXITSTATUS(process.status) == _INTERRUPTED:
            raise KeyboardInterrupt  # a Ctrl-C that reached that process alone: the build is interrupted
        raise RuntimeError(f"a process of the build ended before it finished its task ({how})")
    received = process.received
    received += chunk  # a bytearray: a library deck of some MB arrives in a hundred reads, each copied once
    done = []
    while len(received) >= _LENGTH.size:
        length = _LENGTH.unpack_from(received)[0]
        if len(received) < _LENGTH.size + length:
            break
        done.append(pickle.loads(memoryview(received)[_LENGTH.size : _LENGTH.size + length]))
        del received[: _LENGTH.size + length]
    return done


def _ended(process: _Process) -> str:
    _, status = os.waitpid(process.pid, 0)
    process.status = status
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


def _end(processes: list[_Process], killed: bool) -> None:
    """Close the pipes and wait for every process; when the work stopped short, they are killed first."""
    import signal

    for process in processes:
        if killed and process.status is None:
            try:
                os.kill(process.pid, signal.SIGKILL)  # it writes no file: nothing is left half done
            except ProcessLookupError:
                pass
        for fd in (process.tasks, process.results):
            try:
                os.close(fd)
            except OSError:
                pass
    for process in processes:
        if process.status is None:
            try:
                os.waitpid(process.pid, 0)
            except ChildProcessError:
                pass
            process.status = 0


def problems_of(outcome: tuple[str, object]) -> list[Problem]:
    return outcome[1] if outcome[0] == "problems" else []
