"""Source files to the content model, with `file:line:col` on every problem.

PyYAML composes the file into nodes (which keep their positions) and this module walks the
nodes along a spec, never asking PyYAML to construct objects: no tag can run code, and an
anchor used many times is counted as many times, so an alias bomb stops at MAX_NODES.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import TypeVar

import yaml

from . import fonts, spec
from .errors import Problem, UserError
from .model import Article, Clinic, Library

T = TypeVar("T")

MAX_BYTES = 4 * 1024 * 1024  # the article is 5 KB; 100 times it is well under this
MAX_NODES = 50_000  # after alias expansion; the 100x benchmark source has about 15,000
# Tags a plain YAML file may carry. The loader reads every scalar as text, so these add nothing.
PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
# libyaml composes seven times faster than pure Python and keeps the same marks.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def load_article(path: str | Path) -> Article:
    return load(path, spec.ARTICLE)


def load_clinic(path: str | Path) -> Clinic:
    return load(path, spec.CLINIC)


def load_library(path: str | Path) -> Library:
    return load(path, spec.LIBRARY)


def load(path: str | Path, record: spec.Record[T]) -> T:
    """Read and check a whole file; raise UserError listing every problem found."""
    text = _read_text(str(path))
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as err:
        message, mark = _yaml_error(err)
        raise UserError.at(str(path), message, mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as err:
        raise UserError.at(str(path), f"not valid YAML: {err}") from None
    if root is None:
        raise UserError.at(str(path), "the file is empty")
    walker = _Walker(str(path), text)
    value = walker.record(root, record, record.name)
    if not walker.problems and record.check:
        for part, field, message in record.check(value):
            walker.problem_at(part, field, message)
    if walker.problems:
        raise UserError(walker.problems)
    return value


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        # Pure-Python PyYAML words syntax errors better than libyaml; errors are rare, so
        # compose again with it to report the same problem in its words.
        return yaml.compose(text, Loader=yaml.SafeLoader)


def _read_text(path: str) -> str:
    file = Path(path)
    try:
        if file.is_dir():
            raise UserError.at(path, "is a directory, not a source file")
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise UserError.at(path, f"the file is {size:,} bytes; a source may have at most {MAX_BYTES:,}")
        data = file.read_bytes()
    except FileNotFoundError:
        raise UserError.at(path, "no such file") from None
    except OSError as err:
        raise UserError.at(path, f"cannot read the file: {err.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        col = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise UserError.at(path, f"not UTF-8: byte 0x{data[err.start]:02x} cannot start a character; save the file as UTF-8", line, col) from None
    return text.removeprefix("\ufeff")


def _yaml_error(err: yaml.MarkedYAMLError) -> tuple[str, yaml.Mark]:
    """PyYAML's syntax errors in an editor's words, at the place an editor would look."""
    problem = err.problem or "not valid YAML"
    mark = err.problem_mark or err.context_mark
    if "'\\t'" in problem or "\\t" in problem:
        return "a tab character; indent YAML with spaces", mark
    if problem == "mapping values are not allowed here":
        return ("a ':' where a value should end: put text that contains ': ' in quotes, "
                "or indent this line like the lines above it"), mark
    if problem == "could not find expected ':'" and err.context_mark:
        # PyYAML notices on the next line; the key without its colon is where the scan began.
        return "a key without its ':' (write 'key: value')", err.context_mark
    if problem.startswith("expected <block end>") or problem.startswith("did not find expected key"):
        return "this line is indented differently from the lines above it", mark
    return f"YAML syntax: {problem}" + (f" ({err.context})" if err.context else ""), mark


class _Walker:
    """Walks YAML nodes along a spec, collecting problems instead of stopping at the first."""

    def __init__(self, path: str, text: str):
        self.path, self.text = path, text
        self.problems: list[Problem] = []
        self.nodes = 0
        self.marks: dict[tuple[int, str], yaml.Mark] = {}  # (id of a built value, field) -> where it was written

    def problem(self, node: yaml.Node, message: str, mark: yaml.Mark | None = None) -> None:
        mark = mark or node.start_mark
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, message))

    def problem_at(self, part: object, field: str, message: str) -> None:
        """A problem of a built value's field, at the field's value, else at the value itself."""
        mark = self.marks.get((id(part), field)) or self.marks[(id(part), "")]
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, message))

    def value(self, node: yaml.Node, kind: spec.Kind, what: str) -> object:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise UserError.at(self.path, f"more than {MAX_NODES:,} values after expanding aliases", node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in PLAIN_TAGS:
            self.problem(node, f"YAML tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed")
            return None
        handler = {spec.Record: self.record, spec.ListOf: self.list, spec.Text: self.text_value,
                   spec.Pattern: self.pattern, spec.Date: self.date, spec.Flag: self.flag}[type(kind)]
        return handler(node, kind, what)

    def record(self, node: yaml.Node, record: spec.Record, what: str) -> object:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"expected a mapping (key: value lines) for the {record.name}, got {_describe(node)}")
            return None
        known = {f.name: f for f in record.fields}
        seen: dict[str, yaml.Node] = {}
        values: dict[str, object] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None:
                self.problem(key_node, "a key must be plain text")
            elif key in seen:
                first = seen[key].start_mark
                self.problem(key_node, f"duplicate key '{key}' (first at line {first.line + 1})")
            elif key not in known:
                self.problem(key_node, f"unknown key '{key}' in the {record.name}{_suggest(key, known)}")
                seen[key] = key_node
            else:
                seen[key] = key_node
                if _is_null(value_node):
                    self.problem(value_node, f"'{key}' is empty: give it a value or delete the line")
                else:
                    values[key] = self.value(value_node, known[key].kind, key)
        for field in record.fields:
            if field.required and field.name not in seen:
                self.problem(node, f"the {record.name} is missing the required key '{field.name}'")
        if any(v is None for k, v in values.items() if known[k].required) or self.problems:
            return None
        built = record.build(**{k: v for k, v in values.items() if v is not None})
        self.marks[(id(built), "")] = node.start_mark
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                self.marks[(id(built), key_node.value)] = value_node.start_mark
        return built

    def list(self, node: yaml.Node, kind: spec.ListOf, what: str) -> tuple | None:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"expected a list of {kind.item.name}s for '{what}', got {_describe(node)}")
            return None
        if len(node.value) < kind.min_items:
            self.problem(node, f"'{what}' needs at least {kind.min_items} {kind.item.name}")
            return None
        items = [self.value(child, kind.item, kind.item.name) for child in node.value]
        if kind.unique:
            self._check_unique(node, kind)
        return tuple(items)

    def _check_unique(self, node: yaml.SequenceNode, kind: spec.ListOf) -> None:
        first_line: dict[str, int] = {}
        for child in node.value:
            if not isinstance(child, yaml.MappingNode):
                continue
            for key_node, value_node in child.value:
                if key_node.value == kind.unique and isinstance(value_node, yaml.ScalarNode):
                    value = _one_line(value_node.value)
                    key = value.casefold()  # 'Sciatica' and 'sciatica' would be two notes of one thing
                    if key in first_line:
                        self.problem(value_node, f"duplicate {kind.item.name} {kind.unique} '{value}' (first at line {first_line[key]})")
                    else:
                        first_line[key] = value_node.start_mark.line + 1

    def text_value(self, node: yaml.Node, kind: spec.Text, what: str) -> object:
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, f"expected text for '{what}', got {_describe(node)}")
            return None
        raw = node.value
        if not raw.strip():
            self.problem(node, f"'{what}' is empty")
            return None
        self._check_swallowed_comment(node, what)
        for char in sorted(set(raw), key=raw.index):
            if CONTROL.match(char) or not fonts.can_show(char):
                reason = "a control character" if CONTROL.match(char) else "a character the handout font cannot show"
                self.problem(node, f"{reason}: U+{ord(char):04X} {_char_name(char)} in '{what}'", self._mark_of(node, char))
        # NFC: the composed form Anki stores, so every output holds the same characters.
        raw = unicodedata.normalize("NFC", raw)
        return _paragraphs(raw) if kind.paragraphs else _one_line(raw)

    def _check_swallowed_comment(self, node: yaml.ScalarNode, what: str) -> None:
        """'... hip joint #1 cause.': YAML drops ' #1 cause.' as a comment. A comment written
        as '# words' is left alone; '#' against a word is almost always meant as text."""
        if node.style:  # quoted or block text keeps its '#' (plain style is None, or '' from libyaml)
            return
        end = self.text.find("\n", node.end_mark.index)
        rest = self.text[node.end_mark.index : end if end >= 0 else len(self.text)]
        found = re.match(r"[ \t]+#(?=\S)", rest)
        if found:
            at = node.end_mark.column + found.end() - 1
            mark = yaml.Mark(self.path, node.end_mark.index + found.end() - 1, node.end_mark.line, at, None, None)
            self.problem(node, f"'{what}' ends before '{rest.strip()}': YAML reads ' #' as the start of a comment; "
                               "put the whole text in quotes to keep it", mark)

    def pattern(self, node: yaml.Node, kind: spec.Pattern, what: str) -> str | None:
        value = node.value if isinstance(node, yaml.ScalarNode) else None
        if value is None or not re.fullmatch(kind.regex, value):
            shown = f"'{value}'" if value is not None else _describe(node)
            self.problem(node, f"'{what}' must be {kind.meaning} (like '{kind.example}'), got {shown}")
            return None
        if kind.one_of and value.split("-")[0].lower() not in kind.one_of:
            choices = ", ".join(f"{code} ({name})" for code, name in kind.one_of.items())
            self.problem(node, f"'{what}' is '{value}', which legpain-docs cannot write yet: use one of {choices}")
            return None
        return value

    def flag(self, node: yaml.Node, kind: spec.Flag, what: str) -> bool | None:
        value = node.value if isinstance(node, yaml.ScalarNode) else None
        if value not in ("true", "false"):
            shown = f"'{value}'" if value is not None else _describe(node)
            self.problem(node, f"'{what}' must be true or false, got {shown}")
            return None
        return value == "true"

    def date(self, node: yaml.Node, kind: spec.Date, what: str) -> dt.date | None:
        value = node.value if isinstance(node, yaml.ScalarNode) else ""
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            shown = f"'{value}'" if isinstance(node, yaml.ScalarNode) else _describe(node)
            self.problem(node, f"'{what}' must be a date written YYYY-MM-DD, got {shown}")
            return None
        try:
            date = dt.date.fromisoformat(value)
        except ValueError:
            self.problem(node, f"'{what}' is {value}, which is not a day of the calendar")
            return None
        # Tomorrow, not today: wherever the editor is, it may already be tomorrow in UTC.
        if kind.not_future and date > dt.datetime.now(dt.timezone.utc).date() + dt.timedelta(days=1):
            self.problem(node, f"'{what}' is {value}, a day still to come: use the day the content was reviewed")
            return None
        return date

    def _mark_of(self, node: yaml.Node, char: str) -> yaml.Mark:
        """Where a character stands in the file: exact unless the scalar wrote it as an escape."""
        at = self.text.find(char, node.start_mark.index, node.end_mark.index)
        if at < 0:
            return node.start_mark
        line = self.text.count("\n", 0, at)
        col = at - (self.text.rfind("\n", 0, at) + 1)
        return yaml.Mark(self.path, at, line, col, None, None)


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return "nothing" if _is_null(node) else f"text '{_one_line(node.value)[:40]}'"


def _suggest(key: str, known: dict) -> str:
    import difflib  # only a misspelt key needs it

    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else f" (expected one of: {', '.join(known)})"


def _char_name(char: str) -> str:
    return unicodedata.name(char, "(unnamed)")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(_one_line(p) for p in re.split(r"\n[ \t]*\n", text.strip()) if p.strip())
