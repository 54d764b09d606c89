"""`check`'s word on translations: each finding as a warning (an error under --strict) at its line."""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem, UserError
from ..model import Article
from .stale import findings, original_source


def translation_problems(articles: list[tuple[str, Article]], strict: bool = False) -> list[Problem]:
    """The problems of every translation among `articles`, compared with its original as it is now."""
    from ..load.positions import positions_of

    by_id = {article.id: article for _, article in articles}
    severity = "error" if strict else "warning"
    problems = []
    for source, article in articles:
        if article.translation_of is None:
            continue
        positions = positions_of(source)

        def at(field, message: str) -> Problem:
            span = positions.spans.get(field) or positions.spans.get(("translation_of",))
            return Problem(source, *(positions.line_col(span[0]) if span else (None, None)), message, severity)

        original, why = find_original(source, article, by_id)
        if original is None:
            problems.append(at(("translation_of",), why))
            continue
        found = [at(finding.field, finding.message) for finding in findings(article, source, original)]
        problems += sorted(found, key=lambda problem: (problem.line or 0, problem.col or 0))  # from the file's top down
    return problems


def find_original(
    source: str, translation: Article, loaded: dict[str, Article] | None = None
) -> tuple[Article | None, str]:
    """The original a translation names, from the articles already loaded or its folder; else None and why."""
    from ..load.walk import load_article

    wanted = translation.translation_of
    if wanted == translation.id:  # found in its own folder, it would be compared with itself
        return None, (
            f"'translation_of' names this article's own id, '{wanted}': give the id of the article this one "
            "translates, or delete the line"
        )
    if loaded and wanted in loaded:
        return loaded[wanted], ""
    path = original_source(source, wanted)
    if path is None:
        return None, (
            f"no article with the id '{wanted}' is in {Path(source).parent}/: 'translation_of' names the "
            "id of the article this one translates, in the same folder"
        )
    try:
        return load_article(path), ""
    except UserError:
        return (
            None,
            f"the original, {path}, has errors: fix them (`legpain-docs check {path}`) to compare its translation",
        )
