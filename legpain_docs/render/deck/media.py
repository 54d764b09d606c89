"""A figure's picture as a media file of the deck, named by its content.

The name is a digest of the picture's bytes, so a revised picture gets a new name: the note's
field changes with it, the build gives the note a newer time (publication.py), and students' Anki
takes the new picture while the card keeps its history; an unchanged picture keeps its name,
and Anki stores it once however many notes and decks show it.
"""

from __future__ import annotations

import hashlib

from ...model import Picture

EXTENSIONS = {"png": "png", "jpeg": "jpg", "svg": "svg"}


def media_name(picture: Picture) -> str:
    """legpain-<first 16 hex digits of the SHA-256 of its bytes>.<png|jpg|svg>."""
    return f"legpain-{hashlib.sha256(picture.data).hexdigest()[:16]}.{EXTENSIONS[picture.format]}"
