"""User errors (bad input: exit 2) kept apart from bugs (anything else: exit 1)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Like a compiler's error limit: past this many problems in one file, the rest are mostly
# echoes of the first (a file pasted twice, a wrong indentation), and collecting them costs.
MAX_PROBLEMS = 50
# A message is one line of plain text on a terminal: a line break or an escape sequence taken
# from the input (a quoted key may hold "\n" or "\e[2J") is shown as its code, never acted on.
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, at a 1-based line and column when it has one."""

    path: str
    line: int | None
    col: int | None
    message: str
    severity: str = "error"  # or "warning": said, but the input is still valid (exit 0)

    def __str__(self) -> str:
        # The path too: a file named with a line break or an escape would split the line or drive the terminal.
        path = _escaped(self.path)
        where = path if self.line is None else f"{path}:{self.line}:{self.col}"
        return f"{where}: {self.severity}: {_escaped(self.message)}"


def _escaped(text: str) -> str:
    """The text with each character a terminal would act on written as its escape (\\x1b, \\u2028)."""
    return UNPRINTABLE.sub(
        lambda found: f"\\x{ord(found.group()):02x}" if found.group() < "\u0100" else f"\\u{ord(found.group()):04x}",
        text,
    )


class UserError(Exception):
    """Input the user can fix; the CLI prints each problem on one line and exits 2."""

    def __init__(self, problems: list[Problem] | Problem, stopped: bool = False):
        problems = problems if isinstance(problems, list) else [problems]
        self.stopped = stopped  # True when the check gave up after MAX_PROBLEMS
        # Files in the order they came, each file's problems from its top down.
        files = {path: n for n, path in reversed(list(enumerate(p.path for p in problems)))}
        self.problems = sorted(problems, key=lambda p: (files[p.path], p.line or 0, p.col or 0))
        super().__init__("\n".join(map(str, self.problems)))

    @classmethod
    def at(cls, path: str, message: str, line: int | None = None, col: int | None = None) -> UserError:
        return cls(Problem(str(path), line, col, message))


class ContentError(Exception):
    """A valid source that an output cannot hold (a card's text too long, a deck dated ahead).

    A renderer knows the model, not the file it came from, so it names what the error concerns:
    `input` ("article" or "clinic") and `field`, the keys that lead to the value in that file
    (("name",)). The CLI turns these into `FILE:line:col: error: ...` at the value, or reports
    `SOURCE: error: ...` when the error names no field; exit status 2 like any other user error.
    """

    def __init__(self, message: str, input: str = "article", field: tuple[str | int, ...] = ()):
        super().__init__(message)
        self.input = input
        self.field = field


def interrupted(err: BaseException) -> bool:
    """Whether `err` is a Ctrl-C, or was raised while handling one: a library that catches
    everything (reportlab reading a font: `except: raise TTFError(...)`) turns a Ctrl-C that
    lands inside it into an error of its own, which is the interrupt all the same."""
    seen = set()
    while err is not None and id(err) not in seen:
        if isinstance(err, KeyboardInterrupt):
            return True
        seen.add(id(err))
        err = err.__cause__ or err.__context__
    return False
