"""genanki imported without asyncio (render/deck/library.py), and nothing left behind."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ARTICLE_PATH, ROOT

SCRIPT = """
import sys
from legpain_docs import load_article
from legpain_docs.render.deck import build_deck
article = load_article(sys.argv[1])
data = build_deck(article, epoch=article.reviewed_epoch)
import genanki
print(len(data) > 10_000, "asyncio" in sys.modules, "cached_property" in sys.modules,
      type(genanki.Model.__dict__["_req"]).__module__)
"""


def test_a_deck_is_written_without_importing_asyncio_and_the_stand_in_is_put_back():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(ARTICLE_PATH)], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.split() == ["True", "False", "False", "functools"]


def test_an_earlier_import_of_the_real_package_is_left_alone():
    script = "import cached_property, sys\n" + SCRIPT
    done = subprocess.run(
        [sys.executable, "-c", script, str(ARTICLE_PATH)], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.split() == ["True", "True", "True", "cached_property"]
