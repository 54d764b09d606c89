"""Every handout variant, built once per session and read back with pdfplumber.

conftest.py makes its `handouts` fixture every test's: `handouts(("seed", "a4", True, False))`
is the seed article on A4 in large print without a clinic.
"""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pdfplumber
import pytest

from legpain_docs import Clinic, load_article, load_clinic
from legpain_docs.render.handout import render_handout

# As conftest.py names them (which imports this module: it cannot import conftest).
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
ARTICLE_PATH = ROOT / "source" / "leg-foot-pain.yaml"
CLINIC_PATH = ROOT / "source" / "example.clinic.yaml"
# The seed, the second test article, a Spanish and a French one, and a short one of one page.
ARTICLES = {
    "seed": ARTICLE_PATH,
    "second": DATA / "second-article.yaml",
    "es": DATA / "es-leg-pain.yaml",
    "fr": DATA / "fr-leg-pain.yaml",
    "mini": DATA / "mini.yaml",
}
ALL_VARIANTS = [
    (name, paper, large, clinic)
    for name in ARTICLES
    for paper in ("letter", "a4")
    for large in (False, True)
    for clinic in (False, True)
]


def variant_id(variant: tuple) -> str:
    name, paper, large, clinic = variant
    return "-".join([name, paper, "large" if large else "regular"] + (["clinic"] if clinic else []))


@dataclasses.dataclass
class Handout:
    """One built variant: its source, its bytes, and its text per page and per column."""

    article: object
    clinic: Clinic | None
    large: bool
    pdf: bytes
    columns: list[list[str]]  # per page, the text of each column top to bottom (footer left out)
    pages: list[pdfplumber.page.Page]
    doc: pdfplumber.PDF


def footer_rule(page: pdfplumber.page.Page) -> float:
    """The top of the footer's rule: the lowest line across most of the page."""
    return max(line["top"] for line in page.lines if line["x1"] - line["x0"] > page.width / 2)


@pytest.fixture(scope="session")
def handouts():
    built: dict[tuple, Handout] = {}

    def get(variant: tuple) -> Handout:
        if variant not in built:
            name, paper, large, with_clinic = variant
            article = load_article(ARTICLES[name])
            clinic = load_clinic(CLINIC_PATH) if with_clinic else None
            pdf = render_handout(article, paper=paper, large_print=large, clinic=clinic, epoch=article.reviewed_epoch)
            doc = pdfplumber.open(io.BytesIO(pdf))
            columns = []
            for page in doc.pages:
                rule, middle = footer_rule(page), page.width / 2
                boxes = [(0, 0, page.width, rule)] if large else [(0, 0, middle, rule), (middle, 0, page.width, rule)]
                columns.append([page.crop(box).extract_text() or "" for box in boxes])
            built[variant] = Handout(article, clinic, large, pdf, columns, doc.pages, doc)
        return built[variant]

    yield get
    for handout in built.values():
        handout.doc.close()
