"""User errors (bad input: exit 2) kept apart from bugs (anything else: exit 1)."""

from __future__ import annotations

from dataclasses import dataclass

# Like a compiler's error limit: past this many problems in one file, the rest are mostly
# echoes of the first (a file pasted twice, a wrong indentation), and collecting them costs.
MAX_PROBLEMS = 50


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, at a 1-based line and column when it has one."""

    path: str
    line: int | None
    col: int | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}:{self.col}"
        return f"{where}: error: {self.message}"


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
    def at(cls, path: str, message: str, line: int | None = None, col: int | None = None) -> "UserError":
        return cls(Problem(str(path), line, col, message))


class ContentError(Exception):
    """A valid source that an output cannot hold (a card's text too long, a deck dated ahead).

    A renderer knows the model, not the file it came from: the CLI reports the message as
    `SOURCE: error: ...` with exit status 2, like any other user error.
    """
