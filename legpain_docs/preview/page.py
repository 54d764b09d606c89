"""The preview's page: a shell that follows the event stream, and the panel it fetches on each
change (problems linked to their lines, then every view of the last good build, then the source)."""

from __future__ import annotations

import html
from pathlib import Path

from .state import Preview, Shown

STYLE = """
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.4; }
body { margin: 0; }
h1, h2 { overflow-wrap: anywhere; }  /* a long path in a heading wraps on a phone */
header, main { padding: 0 1rem; max-width: 70rem; margin: 0 auto; }
nav ul { display: flex; flex-wrap: wrap; gap: .5rem 1rem; padding: 0; list-style: none; }
nav a { display: inline-block; min-height: 24px; }
.problems a { display: block; min-height: 24px; }
.problems { position: sticky; top: 0; z-index: 1; background: #fdecea; color: #5c0b05;
  border: 2px solid #b3261e; border-radius: .5rem; padding: .5rem 1rem; }
.problems a { color: #5c0b05; }
.problems code, .source code { white-space: pre-wrap; overflow-wrap: anywhere; }
.stale { font-style: italic; }
.pages { display: flex; flex-wrap: wrap; gap: 1rem; }
.pages img { max-width: 100%; width: 28rem; height: auto; border: 1px solid #8886; background: white; }
iframe { width: 100%; height: 40rem; border: 1px solid #8886; background: white; }
pre { overflow-x: auto; }
.source { font-size: .9rem; padding-left: 3.5rem; }
.source li:target, .source li.problem { background: #fdecea; color: #5c0b05; }
"""

SCRIPT = """
const index = new URLSearchParams(location.search).get('article') || '0';
let shown = document.getElementById('panel').dataset.version;
async function update(version) {
  if (version === shown) return;
  const response = await fetch('/panel?article=' + index, {cache: 'no-store'});
  const panel = document.getElementById('panel');
  panel.innerHTML = await response.text();
  shown = panel.firstElementChild ? panel.firstElementChild.dataset.version : version;
  document.body.dataset.version = shown;
}
new EventSource('/events').onmessage = (event) => update(event.data);
"""


def shell(preview: Preview, index: int) -> str:
    shown = preview.shown[index]
    title = f"Preview: {Path(shown.source).name}"
    nav = ""
    if len(preview.sources) > 1:
        links = "".join(
            f'<li><a href="/?article={n}"{" aria-current=page" if n == index else ""}>{_e(source)}</a></li>'
            for n, source in enumerate(preview.sources)
        )
        nav = f'<nav aria-label="Articles"><ul>{links}</ul></nav>'
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{_e(title)}</title>'
        f'<style>{STYLE}</style></head><body data-version="{preview.version}">'
        f"<header><h1>{_e(title)}</h1>{nav}</header>"
        f'<main id="panel" data-version="{preview.version}">{panel(preview, index)}</main>'
        f"<script>{SCRIPT}</script></body></html>"
    )


def panel(preview: Preview, index: int) -> str:
    """Everything under the heading, for one version of the views."""
    shown = preview.shown[index]
    parts = [_problems(shown), *_views(shown), _source(shown)]
    return f'<div data-version="{preview.version}">{"".join(parts)}</div>'


def _problems(shown: Shown) -> str:
    if not shown.problems:
        return '<div role="status" class="ok">No problems.</div>'
    items = "".join(f"<li>{_link(problem, shown.source)}</li>" for problem in shown.problems)
    stale = (
        '<p class="stale">The views below are from the last save without problems.</p>'
        if shown.views
        else '<p class="stale">No view yet: fix these first.</p>'
    )
    count = len(shown.problems)
    return (
        f'<section class="problems" role="alert" aria-labelledby="problems-heading">'
        f'<h2 id="problems-heading">{count} problem{"s" if count != 1 else ""}</h2><ul>{items}</ul>{stale}</section>'
    )


def _link(problem, source: str) -> str:
    """The message, linked to its line in the source shown below (a clinic file's is not shown)."""
    text = _e(str(problem))
    if problem.line is None or problem.path != source:
        return f"<code>{text}</code>"
    return f'<a href="#line-{problem.line}"><code>{text}</code></a>'


def _views(shown: Shown) -> list[str]:
    views = shown.views
    if views is None:
        return []
    base = f"/files/{views.folder.name}/"
    parts = [
        f'<section aria-labelledby="web-heading"><h2 id="web-heading">Web handout</h2>'
        f'<iframe src="{base}web.html" title="Web handout: {_e(views.title)}"></iframe></section>'
    ]
    for n, (caption, images) in enumerate(views.images.items()):
        pictures = "".join(
            f'<img src="{base}{name}" alt="{_e(caption)}, page {page} of {len(images)}" loading="lazy">'
            for page, name in enumerate(images, 1)
        )
        parts.append(
            f'<section aria-labelledby="pages-{n}"><h2 id="pages-{n}">{_e(caption)}</h2>'
            f'<div class="pages">{pictures}</div></section>'
        )
    retired = f", then {views.retired} retired note{'s' if views.retired != 1 else ''}" if views.retired else ""
    parts.append(
        f'<section aria-labelledby="deck-heading"><h2 id="deck-heading">Anki deck: {views.deck} cards, '
        f'front and back{retired}</h2><iframe src="{base}deck.html" title="The deck\'s cards"></iframe></section>'
    )
    parts.append(
        f'<section aria-labelledby="reading-heading"><h2 id="reading-heading">Reading level</h2>'
        f'<pre tabindex="0">{_e(chr(10).join(views.readability))}</pre></section>'
    )
    return parts


def _source(shown: Shown) -> str:
    try:
        lines = Path(shown.source).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    marked = {problem.line for problem in shown.problems if problem.line is not None}
    rows = "".join(
        f'<li id="line-{n}"{" class=problem" if n in marked else ""}><code>{_e(line) or " "}</code></li>'
        for n, line in enumerate(lines, 1)
    )
    return (
        f'<section aria-labelledby="source-heading"><h2 id="source-heading">Source: {_e(shown.source)}</h2>'
        f'<ol class="source">{rows}</ol></section>'
    )


def _e(text: str) -> str:
    return html.escape(text, quote=True)
