"""Which addresses may become links in an output: absolute http and https ones, and no other.

One rule for the handout PDF and the web handout, so a `javascript:`, `file:` or `data:`
address never turns live in either; it is printed as plain text instead.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def is_web_address(text: str) -> bool:
    """True for an absolute http or https URL with a host and no surrounding space."""
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and text == text.strip()
