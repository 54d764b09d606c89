"""Where the text of a checked source stands in its file, for reports that point at a sentence.

The model carries no positions (it knows nothing of YAML); the loader keeps them only for its
errors. A report that must say `file:line:col` of a sentence composes the file again here and
looks the sentence up in its field's span of the file. Only call this on a file that
`load_article` has accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

# A field of the source, as the keys and list indexes that lead to it: ("sections", 0, "intro").
FieldPath = tuple[str | int, ...]


@dataclass
class Positions:
    """The file's text and the span of every text field in it."""

    text: str
    spans: dict[FieldPath, tuple[int, int]]
    _after: dict[FieldPath, int] = field(default_factory=dict)  # where the next look-up in a field starts

    def locate(self, path: FieldPath, sentence: str) -> int:
        """Where `sentence` begins inside the field at `path`, as an index into `text`.

        Sentences are looked up in order, each after the one before in the same field, so a
        sentence that a field repeats is found at its own place. Folded and quoted text breaks
        lines anywhere, so the words are matched across any whitespace. A sentence not found
        (text written with escapes, say) points at its field's start.
        """
        start, end = self.spans[path]
        found = _words_pattern(sentence).search(self.text, self._after.get(path, start), end)
        if not found:
            return start
        self._after[path] = found.end()
        return found.start()

    def locate_word(self, path: FieldPath, word: str, after: int) -> int:
        """Where `word` first stands as a whole word in the field at `path`, from index `after`."""
        found = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE).search(
            self.text, after, self.spans[path][1]
        )
        return found.start() if found else after

    def line_col(self, index: int) -> tuple[int, int]:
        """1-based (line, column) of an index into `text`, as editors count them."""
        return self.text.count("\n", 0, index) + 1, index - (self.text.rfind("\n", 0, index) + 1) + 1


def _words_pattern(text: str) -> re.Pattern:
    return re.compile(r"\s+".join(re.escape(word) for word in text.split()[:8]))


def positions_of(path: str) -> Positions:
    text = open(path, encoding="utf-8").read().removeprefix("\ufeff")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    spans: dict[FieldPath, tuple[int, int]] = {}
    _walk(yaml.compose(text, Loader=loader), (), spans)
    return Positions(text, spans)


def _walk(node: yaml.Node, path: FieldPath, spans: dict[FieldPath, tuple[int, int]]) -> None:
    if isinstance(node, yaml.ScalarNode):
        spans[path] = (node.start_mark.index, node.end_mark.index)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _walk(value, (*path, key.value), spans)
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            _walk(child, (*path, index), spans)
