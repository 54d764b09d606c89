"""YAML syntax errors in an editor's words, at the place where the editor must act.

PyYAML says where its scanner gave up, which is often lines after the real mistake (a quote
never closed) and in a parser's words ("while scanning an anchor"). Each rule here knows one
common mistake, says what to type, and moves the position back to where it was made.
"""

from __future__ import annotations

import re

import yaml

# Characters YAML reads as syntax at the start of a value, where editors mean them as text.
INDICATORS = "&*!|>%@`"
# A line inside a quoted text that looks like the next `key:` line: the quote ran on past it.
KEY_LINE = re.compile(r"[\r\n][ \t]*(?:-[ \t]+)?[^\s:'\"#-][^:\r\n]*:(?:[ \t]|$)", re.MULTILINE)
# Scanning again in pure Python takes about 1 s per MB: past this, a long file keeps libyaml's place.
SCAN_LIMIT = 1_000_000


def explain(err: yaml.MarkedYAMLError, text: str) -> tuple[str, int]:
    """The message for a syntax error and the character offset it belongs at."""
    problem = err.problem or "not valid YAML"
    context = err.context or ""
    mark = err.problem_mark or err.context_mark
    start = err.context_mark.index if err.context_mark else mark.index
    breaks = _invisible_break(text, mark.index)
    if breaks is not None:
        return f"a U+{ord(text[breaks]):04X} character, which YAML reads as a line break but editors do not show: delete it", breaks
    if context == "while scanning a quoted scalar":
        return _unclosed(text, start)
    if context.startswith(("while scanning an anchor", "while scanning an alias", "while scanning a block scalar")):
        return value_needs_quotes(text[start]), start
    if "cannot start any token" in problem and text[mark.index : mark.index + 1] in INDICATORS:
        return value_needs_quotes(text[mark.index]), mark.index
    if "'\\t'" in problem or "\\t" in problem or text[mark.index : mark.index + 1] == "\t":
        return "a tab character; indent YAML with spaces", mark.index
    run_on = _quote_running_on(text, mark.index)
    if run_on is not None:
        return _unclosed(text, run_on)
    if problem.startswith("mapping values are not allowed"):
        return ("a ':' where a value should end: put text that contains ': ' in quotes, "
                "or indent this line like the lines above it"), mark.index
    if problem == "could not find expected ':'" and err.context_mark:
        # PyYAML notices on the next line; the key without its colon is where the scan began.
        return "a key without its ':' (write 'key: value')", start
    if problem.startswith(("expected <block end>", "did not find expected key")):
        return "this line is indented differently from the lines above it", mark.index
    return f"YAML syntax: {problem}" + (f" ({context})" if context else ""), mark.index


def _invisible_break(text: str, error_at: int) -> int | None:
    """A NEL, U+2028 or U+2029 on the editor's line of the error, or the line before: YAML
    broke the line there, so what follows it looks misplaced."""
    line_start = max(text.rfind("\n", 0, error_at), text.rfind("\r", 0, error_at))
    line_start = max(text.rfind("\n", 0, line_start), text.rfind("\r", 0, line_start)) + 1
    found = re.search("[\x85\u2028\u2029]", text[line_start:error_at + 1])
    return line_start + found.start() if found else None


def value_needs_quotes(char: str) -> str:
    return f"a value starting with {char} needs quotes: YAML reads '{char}' there as syntax; write the value as \"{char}...\""


def _unclosed(text: str, at: int) -> tuple[str, int]:
    quote = text[at]
    return f"this quote is never closed: end the text with a matching {quote} on its line", at


def _quote_running_on(text: str, error_at: int) -> int | None:
    """The opening of the last quoted text before the error that runs over a `key:` line, if any.

    `title: "Mini` closes at the next quote in the file, lines later; YAML then fails there.
    """
    if error_at > SCAN_LIMIT:
        return None
    last = None
    try:
        for token in yaml.scan(text[:error_at], Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
                raw = text[token.start_mark.index : token.end_mark.index]
                if KEY_LINE.search(raw):
                    last = token.start_mark.index
    except yaml.YAMLError:
        pass
    return last
