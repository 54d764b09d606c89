"""Text and links as HTML: every literal escaped here, and only http(s) and tel: ever become links.

The article's text is literal (`<b>` prints as `<b>`), so nothing reaches the page without
passing through `text`. A URL from the source or a clinic file becomes a link only when it
is http or https: a `javascript:` or `data:` one would run or hide something on a click, so
it prints as plain text instead.
"""

from __future__ import annotations

import html
import string

from ...links import is_web_address
from ..phone import dialled


def text(value: str) -> str:
    """Literal text, escaped for an element's content or a quoted attribute alike."""
    return html.escape(value, quote=True)


def element(tag: str, content: str, **attributes: str | None) -> str:
    """`<tag ...>content</tag>`; content is HTML already, attribute values are escaped here."""
    attrs = "".join(
        f' {name.rstrip("_").replace("_", "-")}="{text(value)}"'
        for name, value in attributes.items()
        if value is not None
    )
    return f"<{tag}{attrs}>{content}</{tag}>"


def fill(phrase: str, **parts: str) -> str:
    """A phrase from words.py with its {placeholders} replaced by HTML; its own words escaped."""
    pieces = []
    for literal, field, _, _ in string.Formatter().parse(phrase):
        pieces.append(text(literal))
        if field is not None:
            pieces.append(parts[field])
    return "".join(pieces)


def web_link(url: str, label: str | None = None) -> str:
    """A link to `url` when it is http(s), reading `label` (else the URL); other URLs as plain text.

    A link whose text is its own URL is marked `bare`, so that print does not repeat it.
    """
    if not is_web_address(url):
        return text(url) if label is None else f"{text(label)} ({text(url)})"
    if label is None:
        return element("a", text(url), href=url, class_="bare")
    return element("a", text(label), href=url)


def phone_link(phone: str) -> str:
    """The phone number as written, as a `tel:` link dialling its digits when it has enough (phone.py)."""
    number = dialled(phone)
    if number is None:
        return text(phone)
    return element("a", text(phone), href=f"tel:{number}", class_="bare")
