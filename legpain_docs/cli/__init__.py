"""The command line: parse arguments, call the library, report."""

from .commands import main

__all__ = ["main"]
