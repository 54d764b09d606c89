"""Which section a flowable opens, continues or closes: what a column's top must repeat.

The handout marks its blocks where it makes them: a section's heading `opens_section` (its
title), a "(continued)" heading `continues_section`, each block of the closing matter
`ends_sections`. Pages and the balancing of the last page read the marks here alike.
"""

from __future__ import annotations

from reportlab.platypus import Flowable


def parts(flowable: Flowable) -> list[Flowable]:
    """The flowable and, for a group kept together, the flowables inside it, first to last."""
    inner = getattr(flowable, "_content", None)
    return [flowable, *(part for item in inner for part in parts(item))] if isinstance(inner, list) else [flowable]


def closes(flowable: Flowable) -> bool:
    """Whether the closing matter (summary, contact, the note) begins with this flowable."""
    return any(getattr(part, "ends_sections", False) for part in parts(flowable))


def starts_part(flowable: Flowable) -> bool:
    """Whether a column beginning with this flowable needs no "(continued)": a heading, one
    already continued, or the closing matter."""
    return any(
        getattr(part, "opens_section", None)
        or getattr(part, "continues_section", None)
        or getattr(part, "ends_sections", False)
        for part in parts(flowable)[:2]
    )


def section_after(section: str | None, flowable: Flowable) -> str | None:
    """The title of the section being set once this flowable is set (None outside any)."""
    for part in parts(flowable):
        if getattr(part, "opens_section", None):
            section = part.opens_section
        if getattr(part, "ends_sections", False):
            section = None
    return section
