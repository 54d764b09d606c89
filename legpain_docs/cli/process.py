"""The program as a process: its standard streams and Ctrl-C, whatever the terminal, locale or disk.

Messages may hold any character of an article ("—", "é"): in a locale whose encoding lacks
one (LC_ALL=en_US.ISO-8859-1) it is written as an escape (\\u2014), never a UnicodeEncodeError.
A standard output or error that is closed or cannot be written (`> /dev/full`) ends the run
with status 2 and, where it can still be said, one line on standard error. Ctrl-C at any
moment after start-up (or a `kill`) ends it with status 130 and one line; outputs are written whole or not
at all (output.py), so an interrupted build leaves each file as it was.
"""

from __future__ import annotations

import errno
import gc
import os
import signal
import sys

INTERRUPTED = "legpain-docs: interrupted; no output was changed"


def _interrupted() -> str:
    """The line for Ctrl-C: output.py knows whether any file was written before it (when it was loaded at all)."""
    output = sys.modules.get("legpain_docs.output")
    return output.interrupted_line() if output else INTERRUPTED


class StreamFailed(Exception):
    """A standard stream could not be written (a full disk, a closed terminal)."""

    def __init__(self, name: str, err: OSError):
        super().__init__(f"legpain-docs: error: cannot write the {name}: {_reason(err)}")
        self.name = name


class _Guarded:
    """A standard stream whose write errors become StreamFailed: a full disk is not a bug."""

    def __init__(self, stream, name: str):
        self._stream, self._name = stream, name

    def write(self, text: str) -> int:
        return self._guard(self._stream.write, text)

    def flush(self) -> None:
        self._guard(self._stream.flush)

    def _guard(self, call, *args):
        try:
            return call(*args)
        except BrokenPipeError:
            raise  # the reader stopped reading: the command's own quiet exit
        except OSError as err:
            raise StreamFailed(self._name, err) from None

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def run_program(main) -> int:
    """`main()` (the command, reading sys.argv) run as the program: its exit status."""
    if sys.stderr is None:  # closed (2>&-): nothing can be reported, so nothing is done
        _to_null(2)
        return 2
    if sys.stdout is None:  # closed (>&-): what the command prints would be lost
        _to_null(1)
        print(
            "legpain-docs: error: the standard output is closed: run it with an output (or > /dev/null)",
            file=sys.stderr,
        )
        return 2
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(errors="backslashreplace")
    sys.stdout, sys.stderr = _Guarded(sys.stdout, "standard output"), _Guarded(sys.stderr, "standard error")
    try:
        try:
            status = main()
        except SystemExit as done:  # --help, --version, a usage error: argparse's own exit
            status = done.code if isinstance(done.code, int) else 2
        sys.stdout.flush()
        return status
    except StreamFailed as err:
        _to_null(1)  # what is still buffered goes nowhere, quietly, as Python exits
        if err.name != "standard error":
            _say(str(err))
        return 2
    except BaseException as err:  # Ctrl-C, or an error a library made of it (errors.interrupted)
        from ..errors import interrupted

        if not interrupted(err):
            raise
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not break this line
        _say(_interrupted())
        return 130
    finally:
        for number in (signal.SIGINT, signal.SIGTERM):  # the work is done: Python's exit is not to be interrupted
            signal.signal(number, signal.SIG_IGN)
        _settle()
        # What is left is the system's to free when the process ends: Python's last collection
        # would first walk every object the command made or imported (some 15 ms after a build).
        gc.freeze()


def _settle() -> None:
    """The plain streams back, flushed, so that Python's own last flush has nothing to fail on."""
    sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    for fd, stream in ((1, sys.stdout), (2, sys.stderr)):
        try:
            stream.flush()
        except OSError:
            _to_null(fd)


def _say(line: str) -> None:
    try:
        print(line, file=sys.stderr)
    except (OSError, StreamFailed):
        _to_null(2)


def _to_null(fd: int) -> None:
    """Point `fd` at /dev/null: Python's final flush then fails quietly, and no file opened later takes its number."""
    null = os.open(os.devnull, os.O_WRONLY)
    if null != fd:
        os.dup2(null, fd)
        os.close(null)


def _reason(err: OSError) -> str:
    if err.errno == errno.ENOSPC:
        return "no space left on the device"
    return (err.strerror or str(err)).lower()
