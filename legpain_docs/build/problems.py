"""A renderer's error placed at the file and the line:col the editor must act on."""

from __future__ import annotations

from ..errors import ContentError, Problem


def content_problem(err: ContentError, source: str, clinic: str | None = None) -> Problem:
    """A renderer's error at the file it concerns (the source, or the clinic file), at the
    line:col of the field it names, or at the file alone when it names none."""
    path = clinic if err.input == "clinic" and clinic else source
    if not err.field:
        return Problem(path, None, None, str(err))
    return field_problem(path, err.field, str(err))


def field_problem(path: str, field: tuple, message: str) -> Problem:
    """A problem at the line:col of a field of a checked source, or at the file when it has no such field."""
    from ..load.positions import positions_of

    positions = positions_of(path)
    span = positions.spans.get(field)
    return Problem(path, *(positions.line_col(span[0]) if span else (None, None)), message)


def duplicate_id_problem(source: str, article_id: str, other: str) -> Problem:
    """The later of two articles with one id: the two would write the same files."""
    return Problem(
        source,
        None,
        None,
        f"the id '{article_id}' is also the id of {other}: the two would write the same "
        "files; give the new article an id of its own (a published article's id never changes)",
    )
