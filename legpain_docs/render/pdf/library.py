"""reportlab's paragraphs, imported without compiling the one pattern that costs 20 ms.

As it is imported, reportlab.platypus.paragraph compiles `uri_pat`, a case-insensitive URL
pattern over most of Unicode (taken from Django's validators): some 20 ms, a fifth of the
cost of importing reportlab, in every process that writes a PDF. reportlab matches each word
it tries to hyphenate against it, to break a URL at its slashes instead. Every match of it
holds "://" (its scheme, which is not optional, ends so), so a word without "://" cannot
match: `defer_slow_patterns()`, called once at start-up before anything imports reportlab's
paragraphs, has the module's case-insensitive patterns compiled when first used, and that
one answers "no match" for a word without "://" without being compiled. Every match is as
before. For any reportlab but the one this was checked against, nothing is deferred.
"""

from __future__ import annotations

import re
import sys

MODULE = "reportlab.platypus.paragraph"
WRITTEN_FOR = "5.1.0"  # the reportlab whose `uri_pat` is checked to begin with URI_SCHEME
# uri_pat's first group, which nothing makes optional: every match of the pattern holds "://".
URI_SCHEME = "(^(?:[a-z0-9\\.\\-\\+]*)://)"


class DeferredPattern:
    """A pattern compiled when first used. `needs`: a string every match holds, so that a
    string without it is answered "no match" at once, compiled or not."""

    __slots__ = ("_source", "_flags", "_compiled", "_compile", "_needs")

    def __init__(self, compile_now, source: str, flags: int, needs: str | None = None):
        self._compile, self._source, self._flags, self._needs = compile_now, source, flags, needs
        self._compiled = None

    def match(self, string, *bounds):
        if self._needs is not None and isinstance(string, str) and self._needs not in string:
            return None
        return self._pattern().match(string, *bounds)

    def __getattr__(self, name: str):  # search, sub, pattern, flags, ...: the compiled pattern's
        return getattr(self._pattern(), name)

    def _pattern(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = self._compile(self._source, self._flags)
        return self._compiled

    def __repr__(self) -> str:
        return f"DeferredPattern({self._source[:40]!r}..., {self._flags})"


def defer_slow_patterns() -> None:
    """Have reportlab's paragraph module compile its case-insensitive patterns when first used
    (once; nothing when it is already imported)."""
    if MODULE in sys.modules or any(isinstance(finder, _Finder) for finder in sys.meta_path):
        return
    sys.meta_path.insert(0, _Finder())


class _Finder:
    """Finds the paragraph module as Python would, then has its loader defer the patterns."""

    def find_spec(self, name: str, path=None, target=None):
        if name != MODULE:
            return None
        sys.meta_path.remove(self)
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(name, path, target)
        version = getattr(sys.modules.get("reportlab"), "Version", None)
        if spec is not None and spec.loader is not None and version == WRITTEN_FOR:
            spec.loader = _Loader(spec.loader)
        return spec


class _Loader:
    """The module's own loader, executing it with its case-insensitive patterns deferred."""

    def __init__(self, loader):
        self._loader = loader

    def __getattr__(self, name: str):  # get_source (for tracebacks), get_filename, ...
        return getattr(self._loader, name)

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module) -> None:
        compile_now = re.compile
        own = module.__dict__

        def compile(source, flags=0):
            # Only the module's own compiles, made as it is imported; any other caller as ever.
            if isinstance(source, str) and flags & re.IGNORECASE and sys._getframe(1).f_globals is own:
                needs = "://" if source.startswith(URI_SCHEME) else None
                return DeferredPattern(compile_now, source, flags, needs)
            return compile_now(source, flags)

        re.compile = compile
        try:
            self._loader.exec_module(module)
        finally:
            re.compile = compile_now
