"""YAML text to nodes within fixed bounds (characters, nesting, count), every refusal at the editor's line:col.

libyaml composes nested collections by recursion in C: 30,000 levels of `[[[` overflow the
stack and kill the process. So the text first goes through libyaml's event stream (no
recursion, no nodes built), which stops at MAX_DEPTH levels or MAX_NODES values, and only a
file within both bounds is composed into nodes.
"""

from __future__ import annotations

import re

import yaml

from ..errors import MAX_PROBLEMS, Problem, UserError
from . import messages as yaml_messages
from .read import Lines

MAX_DEPTH = 64  # the article nests five deep; nobody writes sixty-four by hand
MAX_NODES = 200_000  # after alias expansion too; a 4 MiB copy of the article has about 160,000, four times the 1 MiB a source may hold
# libyaml composes seven times faster than pure Python and keeps the same marks.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Characters YAML refuses in a file: C0 and C1 controls (but tab, line breaks and NEL), DEL,
# surrogates, U+FFFE/F. Listed, not negated: a negated class spanning all of Unicode takes
# 10-40 ms to compile, a third of what `check` costs above Python's start-up.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# Pure-Python PyYAML words syntax errors better than libyaml, at about 1 s per MB.
PURE_LIMIT = 300_000


def compose(path: str, text: str, lines: Lines) -> yaml.Node | None:
    """The root node of the text, or UserError with every problem found (at most MAX_PROBLEMS)."""
    _refuse_forbidden_characters(path, text, lines)
    try:
        _check_bounds(path, text, lines)
        return yaml.compose(text, Loader=FAST_LOADER)
    except yaml.MarkedYAMLError as err:
        message, at = yaml_messages.explain(_in_pythons_words(text, err), text)
        raise UserError.at(path, message, *lines.at(at)) from None
    except yaml.YAMLError as err:
        raise UserError.at(path, f"not valid YAML: {err}") from None


def _refuse_forbidden_characters(path: str, text: str, lines: Lines) -> None:
    problems = []
    for found in FORBIDDEN.finditer(text):
        char = found.group()
        kind = "a noncharacter" if char in "\ufffe\uffff" else "a control character"
        problems.append(
            Problem(
                path,
                *lines.at(found.start()),
                f"{kind} U+{ord(char):04X} that YAML does not allow: delete it (it is invisible in most editors)",
            )
        )
        if len(problems) == MAX_PROBLEMS:
            break
    if problems:
        raise UserError(problems, stopped=len(problems) == MAX_PROBLEMS)


def _check_bounds(path: str, text: str, lines: Lines) -> None:
    """Walk libyaml's events: nesting depth, the number of values, anchors no alias uses."""
    from yaml._yaml import CParser  # the C parser's events: no recursion, no nodes

    parser = CParser(text)
    # Values are counted with each alias at the full size of what it names, so an alias bomb
    # is refused at the alias that takes it past MAX_NODES, before any node is built. Each open
    # collection keeps [values inside it, its anchor, where it starts] for the anchor's size.
    open_collections: list[list] = [[0, None, 0]]
    anchors: dict[str, tuple[int, int]] = {}  # name: (where first defined, values it holds)
    used: set[str] = set()
    total = 0
    while True:
        event = parser.get_event()
        kind = type(event)
        if kind is yaml.StreamEndEvent:
            break
        if kind is yaml.AliasEvent:
            if event.anchor not in anchors:  # `*bold* text` is an alias of an anchor never defined
                raise _refusal(path, lines, event, yaml_messages.value_needs_quotes("*"))
            used.add(event.anchor)
            size = anchors[event.anchor][1]
        elif kind is yaml.ScalarEvent:
            if event.tag == "!" and not event.style:  # `term: ! Important` would lose its "!"
                raise _refusal(path, lines, event, yaml_messages.value_needs_quotes("!"))
            size = 1
            if event.anchor is not None:
                anchors.setdefault(event.anchor, (event.start_mark.index, 1))
        elif kind in (yaml.SequenceStartEvent, yaml.MappingStartEvent):
            open_collections.append([1, event.anchor, event.start_mark.index])
            if len(open_collections) > MAX_DEPTH + 1:
                raise _refusal(
                    path, lines, event, f"lists or mappings nested more than {MAX_DEPTH} deep; an article nests five"
                )
            size = 1
        elif kind in (yaml.SequenceEndEvent, yaml.MappingEndEvent):
            inside, anchor, start = open_collections.pop()
            open_collections[-1][0] += inside
            if anchor is not None:
                anchors.setdefault(anchor, (start, inside))
            continue
        else:
            continue
        if kind is not yaml.SequenceStartEvent and kind is not yaml.MappingStartEvent:
            open_collections[-1][0] += size
        total += size
        if total > MAX_NODES:
            expanded = " once aliases are expanded" if used else ""
            raise _refusal(
                path, lines, event, f"more than {MAX_NODES:,} values{expanded}: far more than an article holds"
            )
    # `term: &amp; more` is an anchor named 'amp;' on the text 'more': an anchor nothing uses
    # is text that lost its first word.
    unused = [(name, at, size) for name, (at, size) in anchors.items() if name not in used]
    if unused:
        raise UserError(
            [
                Problem(path, *lines.at(at), _unused_anchor(name, text, at, size))
                for name, at, size in unused[:MAX_PROBLEMS]
            ]
        )


def _unused_anchor(name: str, text: str, at: int, size: int) -> str:
    """An anchor on a text is most often text that lost its first word; on a list or mapping
    (`- &alpha` above an item's keys), it is an anchor left behind."""
    if size == 1 and text.startswith("&", at):
        return yaml_messages.value_needs_quotes("&")
    return (
        f"an anchor no alias uses: delete '&{name}' (or, if the value is text that starts with '&', put it in quotes)"
    )


def _refusal(path: str, lines: Lines, event: yaml.Event, message: str) -> UserError:
    return UserError.at(path, message, *lines.at(event.start_mark.index))


def _in_pythons_words(text: str, err: yaml.MarkedYAMLError) -> yaml.MarkedYAMLError:
    """The same error found by pure-Python PyYAML, whose words are plainer, when the text is short."""
    if len(text) > PURE_LIMIT:
        return err
    try:
        for _ in yaml.parse(text, Loader=yaml.SafeLoader):
            pass
    except yaml.MarkedYAMLError as pure:
        return pure
    except (yaml.YAMLError, RecursionError, ValueError):  # ValueError: `"\\U00110000"` is past chr()'s range
        pass
    return err
