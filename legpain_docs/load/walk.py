"""Source files to the content model: YAML nodes walked along a spec, with `file:line:col` on every problem.

`read.py` reads the file and `compose.py` turns it into PyYAML nodes (which keep their
positions) within fixed bounds; this module walks the nodes along a spec, never asking PyYAML
to construct objects: no tag can run code, and an anchor used many times is counted as many
times, so an alias bomb stops at MAX_NODES.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import TypeVar

import yaml

from .. import fonts
from ..errors import MAX_PROBLEMS, Problem, UserError
from ..model import Article, Clinic, Library, Picture
from ..names import CLINIC_SUFFIX
from . import spec
from .compose import MAX_NODES, compose
from .read import Lines, read_source

T = TypeVar("T")

# Tags a plain YAML file may carry. The loader reads every scalar as text, so these add nothing.
PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional embeddings, overrides and isolates: invisible, they make what a reader sees differ
# from what is written ("Trojan source"): an override shows "3 mg" as "gm 3", and it runs on past
# its value into the text after it on a web page. English, Spanish and French never need them.
BIDI_CONTROL = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# The left-to-right and right-to-left marks, which text pasted from a word processor carries, are
# harmless (docs/hostile-input.md) but no font draws them: they are left out of the model, so no
# output prints a missing glyph's box for them. English, Spanish and French never need them.
DIRECTION_MARKS = frozenset("\u200e\u200f")
WITHOUT_MARKS = dict.fromkeys(map(ord, DIRECTION_MARKS))
# Characters that draw nothing: besides spaces and format characters (zero-width spaces and
# joiners, U+FEFF, the soft hyphen, bidi marks), the Hangul fillers, the blank Braille pattern,
# the combining grapheme joiner and the variation selectors. A value made only of these looks
# empty on every output (a blank deck name, a card with no question) though YAML reads text.
BLANK = frozenset("\u034f\u115f\u1160\u2800\u3164\uffa0") | frozenset(
    map(chr, [*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)])
)


def load_article(path: str | Path) -> Article:
    return load(path, spec.ARTICLE)


def load_clinic(path: str | Path) -> Clinic:
    return load(path, spec.CLINIC)


def load_library(path: str | Path) -> Library:
    return load(path, spec.LIBRARY)


def load(path: str | Path, record: spec.Record[T]) -> T:
    """Read and check a whole file; raise UserError listing every problem found (up to MAX_PROBLEMS)."""
    path = str(path)
    text = read_source(path)
    lines = Lines(text)
    root = compose(path, text, lines)
    if root is None:
        raise UserError.at(path, "the file is empty")
    mistaken = _another_kind_of_file(path, root, record)
    if mistaken:
        raise UserError.at(path, mistaken, *lines.at(root.value[0][0].start_mark.index))
    walker = _Walker(path, text, lines)
    walker.root = root
    try:
        value = walker.record(root, record, record.name)
        if not walker.problems and record.check:
            for part, field, message in record.check(value):
                walker.problem_at(part, field, message)
    except _TooMany:
        raise UserError(walker.problems, stopped=True) from None
    if walker.problems:
        raise UserError(walker.problems)
    return value


# The three kinds of source file, what to call each, and how each is given to legpain-docs and
# make: said when a file of one kind is given as another (`legpain-docs check source/*.yaml`
# takes in the clinic and library files too).
KINDS_OF_FILE = {
    "article": (
        spec.ARTICLE,
        "an article",
        "an article is given as a source (legpain-docs check FILE, or make SOURCE=FILE)",
    ),
    "clinic": (
        spec.CLINIC,
        "a clinic file",
        f"a clinic file's name ends in '{CLINIC_SUFFIX}'{{rename}} and it is given with "
        "--clinic FILE (make CLINIC=FILE), not as a source",
    ),
    "library": (
        spec.LIBRARY,
        "the library file",
        "the library file is source/library.yaml, which make reads by itself "
        "(--library FILE to legpain-docs), not a source",
    ),
}


def _another_kind_of_file(path: str, root: yaml.Node, record: spec.Record) -> str | None:
    """What to say when the file has none of `record`'s keys but another kind of file's (a clinic
    file given as an article): one message, not a dozen unknown and missing keys. The kind that
    shares the most keys wins; on a tie (a lone `name:`), a '.clinic.yaml' name, else the kind
    with fewer keys (the library)."""
    if not isinstance(root, yaml.MappingNode) or not root.value:
        return None
    keys = {key.value for key, _ in root.value if isinstance(key, yaml.ScalarNode)}
    if keys & {f.name for f in record.fields}:
        return None
    name = Path(path).name
    ranked = [
        (
            len(keys & {f.name for f in other.fields}),
            kind == "clinic" and name.endswith(CLINIC_SUFFIX),
            -len(other.fields),
            kind,
        )
        for kind, (other, _, _) in KINDS_OF_FILE.items()
        if other is not record
    ]
    shared, *_, kind = max(ranked)
    if not shared:
        return None
    _, this, how = KINDS_OF_FILE[kind]
    rename = (
        ""
        if name.endswith(CLINIC_SUFFIX)
        else f" (rename this one '{name.removesuffix('.yaml').removesuffix('.yml')}{CLINIC_SUFFIX}')"
    )
    return f"this looks like {this}, not {KINDS_OF_FILE[record.name][1]}: {how.format(rename=rename)}"


class _TooMany(Exception):
    """The walk stops at MAX_PROBLEMS: an editor fixes the first ones and runs the check again."""


class _Walker:
    """Walks YAML nodes along a spec, collecting problems instead of stopping at the first."""

    def __init__(self, path: str, text: str, lines: Lines):
        self.path, self.text, self.lines = path, text, lines
        self.problems: list[Problem] = []
        self.nodes = 0
        self.marks: dict[tuple[int, str], yaml.Mark] = {}  # (id of a built value, field) -> where it was written
        self.good_characters: set[str] = set()
        self.root: yaml.Node | None = None  # the file's top-level mapping

    def problem(self, node: yaml.Node, message: str, at: int | None = None) -> None:
        """Note a problem at a character offset (the node's start unless given)."""
        at = node.start_mark.index if at is None else at
        self.problems.append(Problem(self.path, *self.lines.at(at), message))
        if len(self.problems) >= MAX_PROBLEMS:
            raise _TooMany

    def problem_at(self, part: object, field: str, message: str) -> None:
        """A problem of a built value's field, at the field's value, else at the value itself."""
        mark = self.marks.get((id(part), field)) or self.marks[(id(part), "")]
        self.problems.append(Problem(self.path, *self.lines.at(mark.index), message))
        if len(self.problems) >= MAX_PROBLEMS:
            raise _TooMany

    def value(self, node: yaml.Node, kind: spec.Kind, what: str, in_list: bool = False) -> object:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise UserError.at(
                self.path,
                f"more than {MAX_NODES:,} values after expanding aliases",
                *self.lines.at(node.start_mark.index),
            )
        if node.tag not in PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            # `!!python/...` is an attack; `! Important` is text an editor meant.
            hint = "" if node.tag.startswith("tag:yaml.org,2002:") else ": a value starting with ! needs quotes"
            self.problem(node, f"YAML tag '{tag}' is not allowed{hint}")
            return None
        if isinstance(kind, spec.Record):
            return self.record(node, kind, what, in_list)
        handler = {
            spec.ListOf: self.list,
            spec.Text: self.text_value,
            spec.Pattern: self.pattern,
            spec.Date: self.date,
            spec.Count: self.count,
            spec.Flag: self.flag,
            spec.PictureFile: self.picture,
        }[type(kind)]
        return handler(node, kind, what)

    def record(self, node: yaml.Node, record: spec.Record, what: str, in_list: bool = False) -> object:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"expected a mapping (key: value lines) for the {record.name}, got {_describe(node)}")
            return None
        known = {f.name: f for f in record.fields}
        seen: dict[str, yaml.Node] = {}
        values: dict[str, object] = {}
        misspelt: dict[str, yaml.Node] = {}  # a known key -> the unknown key that is most likely it
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None:
                self.problem(key_node, "a key must be plain text")
            elif key in seen:
                first, _ = self.lines.at(seen[key].start_mark.index)
                # In a list of records, the record's first key again is most often the next record,
                # whose '- ' was forgotten; any other key again is simply written twice.
                dash = in_list and key_node is not node.value[0][0] and key == node.value[0][0].value
                hint = (
                    f": is a dash missing before '{_shown(key)}'? each {record.name} starts with '- '"
                    if dash
                    else f": a {record.name} has one '{_shown(key)}'; delete one of the two"
                    if in_list
                    else ""
                )
                self.problem(key_node, f"duplicate key '{_shown(key)}' (first at line {first}){hint}")
                if dash:
                    # The keys below are that next record's: one forgotten dash, one error.
                    break
            elif key == "<<" and key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(
                    key_node, f"a merge key ('<<') is not read here: write out the {record.name}'s keys in full"
                )
                seen[key] = key_node
            elif key not in known:
                suggestion = _closest(key, known)
                hidden = _hidden_characters(key)
                if hidden and suggestion:  # 'title' with a no-break space: it looks right and is not
                    said = f" (it holds {hidden}, which looks like a space or nothing: type '{suggestion}' again)"
                elif suggestion:
                    said = f" (did you mean '{suggestion}'?)"
                else:
                    said = f" (expected one of: {', '.join(known)})"
                self.problem(key_node, f"unknown key '{_shown(key)}' in the {record.name}{said}")
                seen[key] = key_node
                if suggestion and suggestion not in seen:
                    misspelt[suggestion] = key_node  # one typo, one error: not also a missing key
            else:
                seen[key] = key_node
                if _is_null(value_node):
                    self._empty(key_node, value_node, key)
                else:
                    values[key] = self.value(value_node, known[key].kind, key)
        for n, field in enumerate(record.fields):
            if field.required and field.name not in seen and field.name not in misspelt:
                self._missing(node, record, field, [seen[f.name] for f in record.fields[n + 1 :] if f.name in seen])
        if any(v is None for k, v in values.items() if known[k].required) or self.problems:
            return None
        built = record.build(**{k: v for k, v in values.items() if v is not None})
        self.marks[(id(built), "")] = node.start_mark
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                self.marks[(id(built), key_node.value)] = value_node.start_mark
        if record.check and node is not self.root:  # the file's own record is checked once the walk is done
            for part, field, message in record.check(built):
                self.problem_at(part, field, message)
        return built

    def _missing(self, node: yaml.MappingNode, record: spec.Record, field: spec.Field, later: list[yaml.Node]) -> None:
        """Point where the key belongs: at the key that follows it in the spec's order, so the
        editor types it above that line; at the mapping's start when that key opens a `- ` entry."""
        first_key = node.value[0][0] if node.value and node is not self.root else None  # the root has no '- '
        below = next((key for key in later if key is not first_key), None)
        above = f" above '{below.value}'" if below is not None else ""
        # The file's own id is best made from its name, unique in its folder (a fixed example
        # would be the seed article's id, which a copy of the seed must not take); a section's
        # from its title.
        value = None
        if field.name == "id":
            title = next((v.value for k, v in node.value if k.value == "title" and isinstance(v, yaml.ScalarNode)), "")
            value = _slug(
                Path(self.path).name.removesuffix(".yaml").removesuffix(".yml") if node is self.root else title
            )
            if value == spec.RESERVED_IDS.get(record.name):
                value = f"{value}-{record.name}"
        self.problem(
            below or node,
            f"the {record.name} is missing the required key '{field.name}': add {_example(field, value)}{above}",
        )

    def _empty(self, key_node: yaml.Node, value_node: yaml.Node, key: str) -> None:
        """`term: #1 cause` is an empty value and a comment: the editor meant the text."""
        after = self.text[key_node.end_mark.index : self.lines.end_of_line(key_node.end_mark.index)]
        comment = re.match(r":[ \t]+#(?=\S)", after)
        if comment:
            at = key_node.end_mark.index + comment.end() - 1
            self.problem(
                value_node,
                f"'{key}' is empty: YAML reads '{_shown(after[comment.end() - 1 :])}' as a comment; "
                "put text that starts with # in quotes",
                at,
            )
        else:
            self.problem(value_node, f"'{key}' is empty: give it a value or delete the line")

    def list(self, node: yaml.Node, kind: spec.ListOf, what: str) -> tuple | None:
        if not isinstance(node, yaml.SequenceNode):
            # `items:` followed by `term: ...` without `- `: one record where a list was meant.
            hint = _dash_hint(node, kind.item.name) if isinstance(node, yaml.MappingNode) else ""
            self.problem(node, f"expected a list of {kind.item.name}s for '{what}', got {_describe(node)}{hint}")
            return None
        if len(node.value) < kind.min_items:
            self.problem(node, f"'{what}' needs at least {kind.min_items} {kind.item.name}")
            return None
        items = [self.value(child, kind.item, kind.item.name, in_list=True) for child in node.value]
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
                    value = unicodedata.normalize("NFC", _one_line(value_node.value))
                    # 'Sciatica' and 'sciatica' would be two notes of one thing; so would 'Café'
                    # written composed and decomposed, which NFC makes one string.
                    key = unicodedata.normalize("NFC", value.casefold())
                    if key in first_line:
                        self.problem(
                            value_node,
                            f"duplicate {kind.item.name} {kind.unique} '{_shown(value)}' (first at line {first_line[key]})",
                        )
                    else:
                        first_line[key] = self.lines.at(value_node.start_mark.index)[0]

    def text_value(self, node: yaml.Node, kind: spec.Text, what: str) -> object:
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, f"expected text for '{what}', got {_describe(node)}")
            return None
        raw = node.value
        if not raw.strip():
            self.problem(node, f"'{what}' is empty")
            return None
        if _shows_nothing(raw):
            codes = ", ".join(
                f"U+{ord(char):04X} {_char_name(char)}" for char in dict.fromkeys(raw) if not char.isspace()
            )
            self.problem(
                node,
                f"'{what}' shows nothing: it holds only invisible characters ({_shown(codes, 120)}); "
                "write its text, or delete the line",
            )
            return None
        if kind.max_chars is not None and len(raw.strip()) > kind.max_chars:
            self.problem(
                node, f"'{what}' is {len(raw.strip()):,} characters long; at most {kind.max_chars} fit (shorten it)"
            )
            return None
        self._check_swallowed_comment(node, what)
        self._check_characters(node, raw, what)
        # NFC: the composed form Anki stores, so every output holds the same characters.
        raw = unicodedata.normalize("NFC", raw).translate(WITHOUT_MARKS)
        return _paragraphs(raw) if kind.paragraphs else _one_line(raw)

    def _check_characters(self, node: yaml.ScalarNode, raw: str, what: str) -> None:
        """Control characters and characters the font lacks, each once, in order of appearance.

        Each distinct character of the file is judged once (set operations run in C), and
        a value is walked character by character only when it holds a bad one: linear time.
        """
        new = set(raw) - self.good_characters
        bad = {
            char
            for char in new
            if CONTROL.match(char) or char in BIDI_CONTROL or (char not in DIRECTION_MARKS and not fonts.can_show(char))
        }
        self.good_characters |= new - bad
        if not bad:
            return
        for char in dict.fromkeys(raw):
            if char in bad:
                self.problem(
                    node,
                    f"{_why_bad(char)}: U+{ord(char):04X} {_char_name(char)} in '{what}'{_instead(char)}",
                    self._offset_of(node, char),
                )

    def _check_swallowed_comment(self, node: yaml.ScalarNode, what: str) -> None:
        """'... hip joint #1 cause.': YAML drops ' #1 cause.' as a comment. A comment written
        as '# words' is left alone; '#' against a word is almost always meant as text."""
        if node.style:  # quoted or block text keeps its '#' (plain style is None, or '' from libyaml)
            return
        rest = self.text[node.end_mark.index : self.lines.end_of_line(node.end_mark.index)]
        found = re.match(r"[ \t]+#(?=\S)", rest)
        if found:
            self.problem(
                node,
                f"'{what}' ends before '{_shown(rest)}': YAML reads ' #' as the start of a comment; "
                "put the whole text in quotes to keep it",
                node.end_mark.index + found.end() - 1,
            )

    def picture(self, node: yaml.Node, kind: spec.PictureFile, what: str) -> Picture | None:
        """The picture file the value names, read beside the source and checked (pictures.py)."""
        if not isinstance(node, yaml.ScalarNode) or not node.value.strip():
            self.problem(
                node, f"'{what}' must be the picture's file name (like 'sciatic-nerve.png'), got {_describe(node)}"
            )
            return None
        from .pictures import PictureError, read_picture  # only an article with a figure pays for it

        try:
            return read_picture(Path(self.path).parent, node.value)
        except PictureError as err:
            self.problem(node, f"{_shown(node.value)}: {err}")
            return None

    def pattern(self, node: yaml.Node, kind: spec.Pattern, what: str) -> str | None:
        value = node.value if isinstance(node, yaml.ScalarNode) else None
        choices = ", ".join(f"{code} ({name})" for code, name in (kind.one_of or {}).items())
        if value is not None and kind.one_of:  # `language: English`: the name of a language, not its code
            code = next(
                (code for code, name in kind.one_of.items() if name.casefold() == value.strip().casefold()), None
            )
            if code:
                self.problem(
                    node,
                    f"'{what}' takes the language's code, not its name: write '{what}: {code}' "
                    f"(the languages legpain-docs writes: {choices})",
                )
                return None
        if value is None or not re.fullmatch(kind.regex, value):
            shown = f"'{_shown(value)}'" if value is not None else _describe(node)
            use = f"; use one of {choices}" if choices else ""
            self.problem(node, f"'{what}' must be {kind.meaning} (like '{kind.example}'), got {shown}{use}")
            return None
        if kind.one_of and value.split("-")[0].lower() not in kind.one_of:
            self.problem(node, f"'{what}' is '{value}', which legpain-docs cannot write yet: use one of {choices}")
            return None
        return value

    def flag(self, node: yaml.Node, kind: spec.Flag, what: str) -> bool | None:
        value = node.value if isinstance(node, yaml.ScalarNode) else None
        plain = value is not None and not node.style  # plain style is None, or '' from libyaml
        if plain and value in kind.true + kind.false:
            return value in kind.true
        if value is not None and value.strip() in kind.true + kind.false:
            quoted = node.style in ("'", '"')
            written = f"{node.style}{value}{node.style} in quotes" if quoted else f"{value.strip()} written as a block"
            self.problem(
                node,
                f"'{what}' must be true or false, not text: YAML reads {written} as text; "
                f"write '{what}: {value.strip()}' without quotes",
            )
        else:
            shown = f"'{_shown(value)}'" if value is not None else _describe(node)
            self.problem(node, f"'{what}' must be true or false (yes or no also do), got {shown}")
        return None

    def date(self, node: yaml.Node, kind: spec.Date, what: str) -> dt.date | None:
        value = node.value if isinstance(node, yaml.ScalarNode) else ""
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            shown = f"'{_shown(value)}'" if isinstance(node, yaml.ScalarNode) else _describe(node)
            self.problem(node, f"'{what}' must be a date written YYYY-MM-DD, got {shown}")
            return None
        try:
            date = dt.date.fromisoformat(value)
        except ValueError:
            self.problem(node, f"'{what}' is {value}, which is not a day of the calendar")
            return None
        # Tomorrow, not today: wherever the editor is, it may already be tomorrow in UTC.
        if kind.not_future and date > dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1):
            self.problem(node, f"'{what}' is {value}, a day still to come: use the day the content was reviewed")
            return None
        return date

    def count(self, node: yaml.Node, kind: spec.Count, what: str) -> int | None:
        value = node.value if isinstance(node, yaml.ScalarNode) else None
        if value is None or not re.fullmatch(r"[0-9]{1,6}", value) or node.style:
            shown = f"'{_shown(value)}'" if value is not None else _describe(node)
            self.problem(
                node,
                f"'{what}' must be a whole number of {kind.unit} written in digits, like {kind.example}, got {shown}",
            )
            return None
        if not kind.minimum <= int(value) <= kind.maximum:
            self.problem(node, f"'{what}' is {int(value)} {kind.unit}: give {kind.minimum} to {kind.maximum}")
            return None
        return int(value)

    def _offset_of(self, node: yaml.Node, char: str) -> int:
        """Where a character stands in the file: exact unless the scalar wrote it as an escape."""
        at = self.text.find(char, node.start_mark.index, node.end_mark.index)
        return node.start_mark.index if at < 0 else at


def _shows_nothing(text: str) -> bool:
    """True when no character of `text` draws anything (its spaces are already known not to be all of it)."""
    return all(char.isspace() or char in BLANK or unicodedata.category(char) == "Cf" for char in text)


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return "nothing" if _is_null(node) else f"text '{_shown(node.value, 40)}'"


def _dash_hint(node: yaml.MappingNode, item: str) -> str:
    first = node.value[0][0].value if node.value and isinstance(node.value[0][0], yaml.ScalarNode) else ""
    if first.startswith("-"):  # `-term: Pain`: the dash is there, the space after it is not
        return f": a space is missing after '-': each {item} starts with '- ' (a dash and a space)"
    return f": is a dash missing? each {item} starts with '- '"


def _closest(key: str, known: dict) -> str | None:
    """The known key a misspelt one most likely is (`Term` -> `term`, `tittle` -> `title`), if any."""
    import difflib  # only a misspelt key needs it

    if key.lower() in known:
        return key.lower()
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6) if len(key) < 40 else []
    return close[0] if close else None


def _example(field: spec.Field, value: str | None = None) -> str:
    """How to write a missing field, with what it is for: "'reviewed: YYYY-MM-DD' (when ...)";
    `value`, when given, is the value to suggest for a one-word field instead of the spec's example."""
    kind = field.kind
    if isinstance(kind, spec.Date):
        line = f"'{field.name}: YYYY-MM-DD'"
    elif isinstance(kind, spec.Pattern):
        line = f"'{field.name}: {value or kind.example}'"
    elif isinstance(kind, spec.ListOf):
        first = next((f.name for f in kind.item.fields if f.required), kind.item.fields[0].name)
        line = f"'{field.name}:' and below it a list, each {kind.item.name} starting '- {first}: ...'"
    elif isinstance(kind, spec.Record):
        line = f"'{field.name}:' and its keys indented below it"
    else:
        line = f"'{field.name}: ...'"
    purpose = re.split(r"[;.]", field.doc, maxsplit=1)[0].strip()
    return f"{line} ({purpose[:1].lower()}{purpose[1:]})" if purpose else line


def _slug(text: str) -> str | None:
    """`Knee Pain (2)` -> `knee-pain-2`, `Café` -> `cafe`: an id by the id rules (lowercase
    letters, digits, single hyphens), None when the text has no such letter or digit."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text[:200]) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60].strip("-") or None


# Characters a word processor puts in that look like ones the font has: what to write instead.
LOOKALIKES = {"\u2010": "-", "\u2011": "-", "\u2012": "\u2013", "\u2015": "\u2014", "\u2212": "-", "\u2044": "/"}


def _instead(char: str) -> str:
    """': write '-' instead' when a character the font shows looks the same (a hyphen for a
    non-breaking hyphen, NFKC's letters for a ligature); empty when there is none to offer."""
    if CONTROL.match(char) or char in BIDI_CONTROL:
        return ""
    like = LOOKALIKES.get(char) or unicodedata.normalize("NFKC", char)
    if like == char or not like.strip() or not all(fonts.can_show(c) for c in like):
        return ""
    return f": write '{like}' instead"


def _why_bad(char: str) -> str:
    if CONTROL.match(char):
        return "a control character"
    if char in BIDI_CONTROL:
        return "an invisible character that reorders the text shown around it (delete it)"
    return "a character the handout font cannot show"


def _char_name(char: str) -> str:
    return unicodedata.name(char, "(a control code)" if CONTROL.match(char) else "(unnamed)")


def _shown(text: str, limit: int = 60) -> str:
    """Text quoted in a message: one line, and short, however long the value."""
    text = _one_line(text[: limit * 4])
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _hidden_characters(text: str) -> str:
    """The characters of `text` a reader cannot tell from a space or from nothing, named
    ('U+00A0 NO-BREAK SPACE'); empty when there are none."""
    hidden = dict.fromkeys(c for c in text if (c.isspace() and c != " ") or unicodedata.category(c) == "Cf")
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'a format character')}" for c in hidden)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(_one_line(p) for p in re.split(r"\n[ \t]*\n", text.strip()) if p.strip())
