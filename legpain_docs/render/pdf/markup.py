"""Text escaped for reportlab's paragraph markup and for XML: what `xml.sax.saxutils` does, here
because importing it imports `urllib.request`, `http.client`, `ssl` and `email` (some 8 ms in
every process) for three replacements."""

from __future__ import annotations

_ATTRIBUTE = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def escape(text: str) -> str:
    """`&`, `<` and `>` as entities (saxutils.escape)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(text: str) -> str:
    """An attribute's value escaped and quoted, with the quote it does not hold (saxutils.quoteattr)."""
    text = escape(text)
    for character, entity in _ATTRIBUTE.items():
        text = text.replace(character, entity)
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"{}"'.format(text.replace('"', "&quot;"))
