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
# The same, plus those that start a list or mapping written on one line, or a stray list entry.
VALUE_SYNTAX = INDICATORS + "[{-?,"
# `key: value` on one editor line, with the value's first character in group 1; after `- ` too.
KEY_VALUE = re.compile(r"[ \t]*(?:-[ \t]+)*[^\s#'\"?:,\[\]{}&*!|>%@`-][^:\r\n]*:[ \t]+(\S)")
# `term:Pain` is one text to YAML, not a key and a value: the space after the colon is missing.
NO_SPACE = re.compile(r"[ \t]*(?:-[ \t]+)?[A-Za-z_][\w-]*(:)[^\s:]")
# A line inside a quoted text that looks like the next `key:` line: the quote ran on past it.
KEY_LINE = re.compile(r"[\r\n][ \t]*(?:-[ \t]+)?[^\s:'\"#-][^:\r\n]*:(?:[ \t]|$)", re.MULTILINE)
# libyaml's scanner gives the same tokens and marks as pure Python's, ten times faster (4 MiB in
# about 0.6 s); without it, a long file keeps the place where the parser gave up.
SCANNER = getattr(yaml, "CSafeLoader", None)
DIRECTIVE = "a line starting with % is read as a YAML directive: indent it under its key, or put the text in quotes"


def explain(err: yaml.MarkedYAMLError, text: str) -> tuple[str, int]:
    """The message for a syntax error and the character offset it belongs at."""
    problem = err.problem or "not valid YAML"
    context = err.context or ""
    mark = err.problem_mark or err.context_mark
    start = err.context_mark.index if err.context_mark else mark.index
    breaks = _invisible_break(text, mark.index)
    if breaks is not None:
        return (
            f"a U+{ord(text[breaks]):04X} character, which YAML reads as a line break but editors do not show: delete it",
            breaks,
        )
    if "escape" in problem or "hexadecimal" in problem or "hexdecimal" in problem:
        return _bad_escape(text, start, mark.index, problem)
    if context == "while scanning a quoted scalar":
        return _unclosed(text, start)
    if context.startswith(("while scanning an anchor", "while scanning an alias", "while scanning a block scalar")):
        return value_needs_quotes(text[start]), start
    if context == "while scanning a directive":  # '%' at the left margin, anywhere in the file
        return DIRECTIVE, start
    if "cannot start any token" in problem and text[mark.index : mark.index + 1] in INDICATORS:
        return value_needs_quotes(text[mark.index]), mark.index
    if "'\\t'" in problem or "\\t" in problem or text[mark.index : mark.index + 1] == "\t":
        return "a tab character; indent YAML with spaces", mark.index
    run_on = _quote_running_on(text, mark.index)
    if run_on is not None:
        return _unclosed(text, run_on)
    for at in dict.fromkeys((mark.index, start)):
        found = _value_on_line(text, at)
        if found is not None:
            return found
    missing = _space_missing(text, mark.index)
    if missing is not None:
        return missing
    dash = _dash_without_space(text, mark.index)
    if dash is None and problem.startswith("mapping values are not allowed"):
        # `-term: A` then `definition: B`: YAML reads both lines as one text and fails at the second ':'.
        dash = _dash_without_space(text, _line_above(text, mark.index))
    if dash is not None:
        return "a dash needs a space after it: a list item starts with '- '", dash
    ending = _text_ending_in_colon(text, mark.index) if problem.startswith("mapping values are not allowed") else None
    if ending is not None:
        value, at = ending
        quote = "'" if '"' in value else '"'
        return (
            f"this text ends with ':', and YAML reads a ':' at the end of a line as the end of a key: put the whole text "
            f"in quotes, as {quote}{value}{quote}"
        ), at
    colon = _colon_missing_above(text, mark.index) if problem.startswith("mapping values are not allowed") else None
    if colon is not None:
        key, at = colon
        return f"is a ':' missing after '{key}'? write '{key}: ' and then the value", at
    if problem.startswith("mapping values are not allowed"):
        return (
            "a ':' where a value should end: put text that contains ': ' in quotes, "
            "or indent this line like the lines above it"
        ), mark.index
    if problem == "could not find expected ':'" and err.context_mark:
        # PyYAML notices on the next line; the line without its colon is where the scan began:
        # a key that lost its ':', or text that continues the line above but is indented too little.
        return (
            "a line without 'key: ' here: if it is a key, add ':'; if it continues the text above, "
            "indent it further than that text's key"
        ), start
    if problem == "but found another document":  # `---` after the article: two articles pasted into one file
        return (
            "a second document starts at this '---': a source holds one article; delete this line "
            "(and move what follows to a file of its own)"
        ), mark.index
    if problem.startswith("expected '<document start>'"):
        directive = _last_directive(text, mark.index)
        if directive is not None:  # `%20 of cases` at the margin was read as a directive, then '---' expected
            return DIRECTIVE, directive
        # The top level held something else before this mapping: text without a key, or a list.
        return (
            "the top level must be one set of 'key: value' lines, starting at the left margin; "
            "the lines above this one are not part of it"
        ), mark.index
    if problem.startswith(("expected <block end>", "did not find expected key")):
        sibling = _misaligned_dash(text, mark.index, err)
        if sibling is not None:
            return (
                f"this dash is indented differently from the dashes of its list (line {sibling}): "
                "line up the dashes of one list"
            ), _first_character(text, mark.index)
        outlier = _dash_out_of_line_above(text, mark.index)
        if outlier is not None:
            at, below = outlier
            return (
                f"this dash is indented differently from the dashes of its list (line {below}): "
                "line up the dashes of one list"
            ), at
        dashless = _dash_missing_above(text, mark.index)
        if dashless is not None:
            key, at = dashless
            return (f"is a dash missing before '{key}'? a list item starts with '- ', like the one below it"), at
        return "this line is indented differently from the lines above it", mark.index
    return f"YAML syntax: {problem}" + (f" ({context})" if context else ""), mark.index


def _dash_missing_above(text: str, error_at: int) -> tuple[str, int] | None:
    """`items:` then `term: A` without its '- ', then `- term: B`: YAML stops at the dash, but the
    editor must add one where the first item began. That line's key and where it stands, if so."""
    start, end = _line_around(text, error_at)
    line = text[start:end]
    indent = len(line) - len(line.lstrip(" "))
    if not line[indent:].startswith("- "):
        return None
    first = None  # (offset of its first character, the line without its indent)
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\r\n]*", text[:start]) if m.start() < start]
    for offset, above in reversed(lines):
        stripped = above.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        if len(above) - len(stripped) < indent or stripped.startswith("- "):
            break
        first = offset + len(above) - len(stripped), stripped
    key = first and re.match(r"([^\s:#][^:]*):(?:\s|$)", first[1])
    return (key.group(1), first[0]) if key else None


def _dash_out_of_line_above(text: str, error_at: int) -> tuple[int, int] | None:
    """`    - term: A` then `      - term: B`: the first dash is indented less than the next, so
    YAML reads the next as a list inside the first item and fails there. The fault is the first
    dash: where it stands, and the line of the dash it should line up with, if so."""
    start, end = _line_around(text, error_at)
    line = text[start:end]
    indent = len(line) - len(line.lstrip(" "))
    if not line[indent:].startswith("- "):
        return None
    for offset, above in _lines_above(text, start):
        stripped = above.lstrip(" ")
        depth = len(above) - len(stripped)
        if not stripped or stripped.startswith("#") or (depth == indent and not stripped.startswith("- ")):
            continue  # the item's own keys, lined up with its text
        if stripped.startswith("- ") and depth < indent <= depth + 2:
            return offset + depth, _line_number(text, start)
        return None
    return None


def _line_above(text: str, at: int) -> int:
    """The start of the nearest line above the one holding `at` that is neither blank nor a comment."""
    start, _ = _line_around(text, at)
    for offset, above in _lines_above(text, start):
        if above.strip() and not above.lstrip().startswith("#"):
            return offset
    return at


def _text_ending_in_colon(text: str, error_at: int) -> tuple[str, int] | None:
    """`intro: Common signs include:`: a ':' at the end of the line makes a key of the text. The
    text and where it starts, if the error is at such a line's last ':'."""
    start, end = _line_around(text, error_at)
    found = KEY_VALUE.match(text, start, end)
    value = text[found.start(1) : end].rstrip() if found else ""
    if not found or error_at != found.start(1) + len(value) - 1 or not value.endswith(":"):
        return None
    if value[0] in "'\"" + VALUE_SYNTAX:
        return None
    return value, found.start(1)


def _lines_above(text: str, start: int) -> list[tuple[int, str]]:
    """(offset, line) of every editor line before offset `start` (a line's start), nearest first."""
    return [(m.start(), m.group()) for m in re.finditer(r"[^\r\n]*", text[:start]) if m.start() < start][::-1]


def _first_character(text: str, at: int) -> int:
    start, end = _line_around(text, at)
    return start + len(text[start:end]) - len(text[start:end].lstrip(" "))


def _misaligned_dash(text: str, error_at: int, err: yaml.MarkedYAMLError) -> int | None:
    """`- term: B` indented more or less than the item above it: the line number of a dash of
    its list, when the error's line is such an item. YAML names the list's first dash in its
    context when the item is indented more; indented less, the item above is the nearest dash
    line, a column or two to the right, with only its own lines between."""
    start, end = _line_around(text, error_at)
    line = text[start:end]
    indent = len(line) - len(line.lstrip(" "))
    if not line[indent:].startswith("- "):
        return None
    first = err.context_mark
    if (
        first is not None
        and "collection" in (err.context or "")
        and first.column != indent
        and text[first.index : first.index + 2] == "- "
    ):
        return _line_number(text, first.index)
    for offset, above in _lines_above(text, start):
        stripped = above.lstrip(" ")
        depth = len(above) - len(stripped)
        if not stripped or stripped.startswith("#") or (depth > indent and not stripped.startswith("- ")):
            continue
        return _line_number(text, offset) if stripped.startswith("- ") and indent < depth <= indent + 2 else None
    return None


def _line_number(text: str, offset: int) -> int:
    return len(re.findall(r"\r\n|\r|\n", text[:offset])) + 1


def _dash_without_space(text: str, error_at: int) -> int | None:
    """`-term: A`: YAML reads '-term' as text, not a list item. Where the dash is, if so."""
    at = _first_character(text, error_at)
    return at if re.match(r"-[^\s\-]", text[at : at + 2]) else None


def _colon_missing_above(text: str, error_at: int) -> tuple[str, int] | None:
    """`- term Sciatica` then `definition: ...`: YAML reads the two lines as one text and fails
    at the second line's ':'. The word that lost its colon and where it ends, if so."""
    start, _ = _line_around(text, error_at)
    for offset, above in _lines_above(text, start):
        stripped = above.strip()
        if not stripped or stripped.startswith("#"):
            continue
        found = re.match(r"[ \t]*(?:-[ \t]+)?([A-Za-z_][\w-]*)[ \t]+\S", above)
        if found is None or ":" in above or "'" in above or '"' in above:
            return None
        return found.group(1), offset + found.end(1)
    return None


def _last_directive(text: str, before: int) -> int | None:
    starts = [found.start() for found in re.finditer(r"(?:^|(?<=[\r\n]))%", text[:before])]
    return starts[-1] if starts else None


def _invisible_break(text: str, error_at: int) -> int | None:
    """A NEL, U+2028 or U+2029 on the editor's line of the error, or the line before: YAML
    broke the line there, so what follows it looks misplaced."""
    line_start = max(text.rfind("\n", 0, error_at), text.rfind("\r", 0, error_at))
    line_start = max(text.rfind("\n", 0, line_start), text.rfind("\r", 0, line_start)) + 1
    found = re.search("[\x85\u2028\u2029]", text[line_start : error_at + 1])
    return line_start + found.start() if found else None


def _line_around(text: str, at: int) -> tuple[int, int]:
    """Where the editor's line holding offset `at` starts and ends."""
    start = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1
    ends = [e for e in (text.find("\n", at), text.find("\r", at)) if e >= 0]
    return start, min(ends, default=len(text))


def _value_on_line(text: str, error_at: int) -> tuple[str, int] | None:
    """A `key: value` line whose value YAML read as syntax: it starts with an indicator, or it
    goes on after its closing quote (`title: "Knee" pain`)."""
    line_start, line_end = _line_around(text, error_at)
    found = KEY_VALUE.match(text, line_start, line_end)
    if found is None or error_at < found.start(1):
        return None
    char, at = found.group(1), found.start(1)
    if char in VALUE_SYNTAX:
        return value_needs_quotes(char), at
    if char in "'\"" and error_at > at:
        value = text[at:line_end].strip()
        if len(value) > 2 and value.endswith(char):  # `'Runner's knee'`: a quote inside ended the text early
            return _quote_inside(char, value[1:-1]), max(text.rfind(char, at + 1, error_at), at)
        return "text after the closing quote: a quoted value ends at its quote; quote the whole value" + _requoted(
            value
        ), error_at
    return None


def _quote_inside(quote: str, inner: str) -> str:
    other = "'" if quote == '"' else '"'
    doubled = "write it twice ('')" if quote == "'" else 'write it as \\"'
    if other in inner or "\\" in inner:
        return f"this {quote} inside the text ends it early: {doubled}"
    return f"this {quote} inside the text ends it early: put the text in the other quotes, as {other}{inner}{other}, or {doubled}"


def _requoted(value: str) -> str:
    """`"One" two` as one quoted value, when the other kind of quote makes that plain to see."""
    other = "'" if value[0] == '"' else '"'
    return "" if other in value or "\\" in value or value.count(value[0]) > 2 else f", as {other}{value}{other}"


def _space_missing(text: str, error_at: int) -> tuple[str, int] | None:
    """`term:Pain` on the error's line or the line above it: YAML reads one text, then stumbles."""
    line_start, _ = _line_around(text, error_at)
    above_start, above_end = _line_around(text, max(line_start - 1, 0))
    for start, end in ((line_start, error_at), (above_start, above_end)):
        found = NO_SPACE.match(text, start, end)
        if found:
            key = text[start : found.start(1)].strip(" \t-")
            return f"a space is missing after '{key}:': write '{key}: ' and then the value", found.end(1)
    return None


def value_needs_quotes(char: str) -> str:
    return f"a value starting with {char} needs quotes: YAML reads '{char}' there as syntax; write the value as \"{char}...\""


def _bad_escape(text: str, start: int, error_at: int, problem: str) -> tuple[str, int]:
    """`"50\\% of"` or `"C:\\Users"`: in double quotes a backslash starts an escape, and YAML
    stops a character or two past it. The message and where the backslash is."""
    at = text.rfind("\\", start, error_at + 1)
    at = at if at >= 0 else error_at
    if "invalid Unicode" in problem:  # `\ud800` (half of a UTF-16 pair) or past U+10FFFF
        width = {"x": 2, "u": 4, "U": 8}.get(text[at + 1 : at + 2], 0)
        return f"'{text[at : at + 2 + width]}' is not the code of a character: write the character itself", at
    return (
        f"this backslash starts an escape YAML cannot read ('{text[at : at + 2]}'): in double quotes write \\\\ "
        "for a backslash, or put the text in single quotes"
    ), at


def _unclosed(text: str, at: int) -> tuple[str, int]:
    quote = text[at]
    return f"this quote is never closed: end the text with a matching {quote} on its line", at


def _quote_running_on(text: str, error_at: int) -> int | None:
    """The opening of the last quoted text before the error that runs over a `key:` line, if any.

    `title: "Mini` closes at the next quote in the file, lines later; YAML then fails there.
    """
    if SCANNER is None and error_at > 1_000_000:
        return None
    last = None
    try:
        for token in yaml.scan(text[:error_at], Loader=SCANNER or yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
                raw = text[token.start_mark.index : token.end_mark.index]
                if KEY_LINE.search(raw):
                    last = token.start_mark.index
    except yaml.YAMLError:
        pass
    return last
