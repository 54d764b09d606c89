"""The deck's three note types, one card each, in each language's own copy.

A note type is shared by every deck in a student's collection, so a translated deck has
note types of its own (their name and id carry the language): importing it never rewrites
the templates of an English student's cards. Every field is literal text made inert by
notes.field_text, and every card sits in a `mathjax_ignore` block, so Anki's MathJax leaves
a `\\(` in an article alone.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ... import ids
from ...words import Words

if TYPE_CHECKING:
    import genanki

# Beside this module (a plain read: importlib.resources costs `check`, which reads records through
# this package, 3 ms of imports: tempfile, zipfile, threading).
CSS = (Path(__file__).parent / "style.css").read_text(encoding="utf-8")

# Every field of every kind starts with the term, so the browser sorts every note by it.
FIELDS = {
    "term": ("Term", "Definition", "Section", "Source"),
    "reverse": ("Term", "Clue", "Definition", "Section", "Source"),
    "list": ("Term", "Before", "After", "Section", "Intro", "Source"),
}
SHEET = '<div class="sheet mathjax_ignore tex2jax_ignore">'
TEMPLATES = {
    "term": (
        "Term → definition",
        SHEET
        + """
<div class="label">{{Section}}</div>
<div class="term">{{Term}}</div>
<div class="prompt">%(definition_prompt)s</div>
</div>""",
        SHEET
        + """
<div class="label">{{Section}}</div>
<div class="term">{{Term}}</div>
<hr id="answer">
<div class="definition">{{Definition}}</div>
{{#Source}}<div class="source">{{Source}}</div>{{/Source}}
</div>""",
    ),
    # The clue is the definition with the term's own words hidden.
    "reverse": (
        "Definition → term",
        SHEET
        + """
<div class="label">{{Section}}</div>
<div class="definition">{{Clue}}</div>
<div class="prompt">%(term_prompt)s</div>
</div>""",
        SHEET
        + """
<div class="label">{{Section}}</div>
<div class="definition">{{Definition}}</div>
<hr id="answer">
<div class="term">{{Term}}</div>
{{#Source}}<div class="source">{{Source}}</div>{{/Source}}
</div>""",
    ),
    # One note per entry of a section's list: the entries before it shown, it hidden (After is
    # empty since the order was designed: a list card never shows an entry a later one asks for).
    "list": (
        "List entry",
        SHEET
        + """
<div class="label">{{Section}}</div>
<div class="prompt">%(list_prompt)s</div>
{{#Intro}}<div class="intro">{{Intro}}</div>{{/Intro}}
<ul class="items">{{Before}}<li class="missing">[...]</li>{{After}}</ul>
</div>""",
        SHEET
        + """
<div class="label">{{Section}}</div>
{{#Intro}}<div class="intro">{{Intro}}</div>{{/Intro}}
<ul class="items">{{Before}}<li class="cloze">{{Term}}</li>{{After}}</ul>
{{#Source}}<div class="source">{{Source}}</div>{{/Source}}
</div>""",
    ),
}
KINDS = tuple(FIELDS)

# Image occlusion (occlusion.py), only in a deck with a labelled drawing: Anki's own note type's
# fields, template and canvas colours (Anki 23.10's stock "Image Occlusion"), so that Anki draws
# the masks and its occlusion editor opens the notes. Anki 23.10 and later show these cards.
OCCLUSION_FIELDS = ("Occlusion", "Image", "Header", "Back Extra", "Comments")
_OCCLUSION_CARD = """{{#Header}}<div>{{Header}}</div>{{/Header}}
<div style="display: none">{{cloze:Occlusion}}</div>
<div id="err"></div>
<div id="image-occlusion-container">
    {{Image}}
    <canvas id="image-occlusion-canvas"></canvas>
</div>
<script>
try {
    anki.imageOcclusion.setup();
} catch (exc) {
    document.getElementById("err").innerHTML = `Error loading image occlusion. Is your Anki version up to date?<br><br>${exc}`;
}
</script>
"""
OCCLUSION_TEMPLATE = (
    "Image Occlusion",
    _OCCLUSION_CARD,
    _OCCLUSION_CARD
    + """
<div><button id="toggle">Toggle Masks</button></div>
{{#Back Extra}}<div>{{Back Extra}}</div>{{/Back Extra}}
""",
)
OCCLUSION_CSS = (
    """#image-occlusion-canvas {
    --inactive-shape-color: #ffeba2;
    --active-shape-color: #ff8e8e;
    --inactive-shape-border: 1px #212121;
    --active-shape-border: 1px #212121;
    --highlight-shape-color: #ff8e8e00;
    --highlight-shape-border: 1px #ff8e8e;
}
"""
    + CSS
)
IMAGE_OCCLUSION_STOCK_KIND = 6  # Anki's OriginalStockKind for Image Occlusion: its editor opens such notes


@dataclass(frozen=True)
class NoteType:
    kind: str
    model: genanki.Model
    digest: str  # of what a student's copy must be updated for: the fields, the templates, the CSS

    @property
    def name(self) -> str:
        return self.model.name


def note_type(kind: str, words: Words) -> NoteType:
    """The note type of `kind` ('term', 'reverse' or 'list') in the words' language."""
    return _note_type(kind, words.language, words.term_prompt, words.definition_prompt, words.list_prompt)


@cache
def _note_type(kind: str, language: str, term_prompt: str, definition_prompt: str, list_prompt: str) -> NoteType:
    name = note_type_name(kind, language)
    template, front, back = TEMPLATES[kind]
    prompts = {"term_prompt": term_prompt, "definition_prompt": definition_prompt, "list_prompt": list_prompt}
    fields = FIELDS[kind]
    templates = [{"name": template, "qfmt": front % prompts, "afmt": back % prompts}]
    # Taken before genanki sees the model: writing a package adds its own keys to these dicts.
    digest = hashlib.sha256(json.dumps([name, fields, templates, CSS]).encode("utf-8")).hexdigest()[:16]
    from .library import (
        load_genanki,  # here, not at the top: `check` reads records through this package without writing a deck
    )

    genanki = load_genanki()

    model = genanki.Model(
        ids.note_type_id(name, fields, [template]),
        name,
        fields=[{"name": field} for field in fields],
        templates=templates,
        css=CSS,
        sort_field_index=0,
    )
    return NoteType(kind, model, digest)


def occlusion_note_type(words: Words) -> NoteType:
    """The image-occlusion note type, in the words' language's own copy like the others."""
    return _occlusion_note_type(words.language)


@cache
def _occlusion_note_type(language: str) -> NoteType:
    name = note_type_name("occlusion", language)
    template, front, back = OCCLUSION_TEMPLATE
    templates = [{"name": template, "qfmt": front, "afmt": back}]
    digest = hashlib.sha256(json.dumps([name, OCCLUSION_FIELDS, templates, OCCLUSION_CSS]).encode("utf-8")).hexdigest()[
        :16
    ]
    from .library import load_genanki

    genanki = load_genanki()

    class OcclusionModel(genanki.Model):
        """A cloze note type that says it is Anki's Image Occlusion, its fields tagged as Anki's are."""

        def to_json(self, timestamp: float, deck_id: int) -> dict:
            model = super().to_json(timestamp, deck_id)
            model["originalStockKind"] = IMAGE_OCCLUSION_STOCK_KIND
            for number, field in enumerate(model["flds"]):
                field["tag"], field["preventDeletion"] = number, number < 4
            return model

    model = OcclusionModel(
        ids.note_type_id(name, OCCLUSION_FIELDS, [template]),
        name,
        fields=[{"name": f} for f in OCCLUSION_FIELDS],
        templates=templates,
        css=OCCLUSION_CSS,
        model_type=genanki.Model.CLOZE,
        sort_field_index=0,
    )
    return NoteType("occlusion", model, digest)


def note_type_name(kind: str, language: str) -> str:
    """The note type's name, which carries the language of its prompts (English's carries none)."""
    return f"legpain-docs {kind}" if language == "en" else f"legpain-docs {kind} ({language})"
