"""The PEMAT-P self-audit as an editor reads it: every item answered, each finding at `file:line:col`."""

from __future__ import annotations

from ..load.positions import Positions
from ..model import Article
from .items import ITEMS, How
from .measure import Measures, measure


def audit(article: Article, positions: Positions, *, grade: bool = True) -> Measures:
    return measure(article, positions, grade=grade)


def report_text(path: str, article: Article, measures: Measures) -> list[str]:
    """The whole audit: a header, every item with its answer, then the one-line summary."""
    lines = [
        f"PEMAT-P self-audit of {path} ('{article.title}'): 24 print items",
        "(a self-audit of the text; it adds nothing to the handout and is not a scored PEMAT rating)",
    ]
    topic = None
    for item in ITEMS:
        if item.topic != topic:
            topic = item.topic
            lines += ["", topic]
        lines.append(f"  {item.number:>2}. {item.text}")
        if item.how is How.CONSTRUCTION:
            lines.append(f"      met by construction: {item.reason}")
        elif item.how is How.MEASURED:
            found = measures.of(item.number)
            verdict = "to look at" if found else "nothing found"
            lines.append(f"      measured ({verdict}): {measures.figures.get(item.number, item.reason)}")
            lines += [
                f"      {_where(path, finding)}: note: PEMAT-P {item.number}: {finding.message}" for finding in found
            ]
        else:
            lines.append(
                "      for a person to judge: [ ] agree  [ ] disagree"
                + ("  [ ] not applicable" if item.number in NOT_APPLICABLE_ALLOWED else "")
            )
    lines += ["", summary_line(path, measures)]
    return lines


# The items PEMAT lets a rater mark not applicable (visual aids, tables, calculations).
NOT_APPLICABLE_ALLOWED = {7, 16, 17, 18, 19, 24, 25, 26}


def summary_line(path: str, measures: Measures) -> str:
    count = {how: sum(item.how is how for item in ITEMS) for how in How}
    flagged = sorted({finding.item for finding in measures.findings})
    return (
        f"{path}: PEMAT-P: {count[How.CONSTRUCTION]} items met by construction, {count[How.MEASURED]} measured "
        f"({len(measures.findings)} finding(s) in {len(flagged)} item(s)), {count[How.JUDGE]} for a person to judge"
    )


def _where(path: str, finding) -> str:
    return path if finding.line is None else f"{path}:{finding.line}:{finding.col}"
