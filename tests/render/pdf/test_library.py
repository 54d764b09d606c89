"""reportlab's paragraphs imported without compiling their URL pattern (render/pdf/library.py):
every match is as reportlab's own pattern's, and a PDF's bytes are the same."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ARTICLE_PATH, ROOT

SCRIPT = """
import json, re, sys
from legpain_docs.render.pdf.library import DeferredPattern, defer_slow_patterns
defer_slow_patterns()
from legpain_docs import load_article
from legpain_docs.render.handout import render_handout
import reportlab.platypus.paragraph as paragraph
pattern = paragraph.uri_pat
article = load_article(sys.argv[1])
data = render_handout(article, epoch=article.reviewed_epoch)
compiled_by_the_handout = pattern._compiled is not None
words = json.loads(sys.argv[2])
ours = [paragraph._uri_split_pairs(word) for word in words]
real = re.compile(pattern.pattern, pattern.flags)
paragraph.uri_pat = real
theirs = [paragraph._uri_split_pairs(word) for word in words]
print(json.dumps({
    "deferred": isinstance(pattern, DeferredPattern),
    "compiled_by_the_handout": compiled_by_the_handout,
    "same": [bool(real.match(w)) == bool(pattern.match(w)) for w in words],
    "pairs": ours,
    "reportlabs": theirs,
    "handout": data.startswith(b"%PDF"),
}))
"""

WORDS = ["word", "https://example.org/a/b", "HTTPS://Example.ORG/a/", "ftp://x.yz", "example.org/a", "a://", "://"]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, check=True)


def test_the_url_pattern_is_deferred_and_matches_as_reportlabs_own():
    done = _run("-c", SCRIPT, str(ARTICLE_PATH), json.dumps(WORDS))
    result = json.loads(done.stdout)
    assert result["deferred"] and result["handout"]
    # The article holds no "://" in a word the handout hyphenates: the pattern was never compiled.
    assert not result["compiled_by_the_handout"]
    assert all(result["same"])
    assert result["pairs"] == result["reportlabs"]
    assert result["pairs"][0] is None and result["pairs"][3] == [["ftp://", "x.yz"]]
    assert result["pairs"][1][0] == ["https://example.org/a/", "b"]


def test_a_handout_is_the_same_with_the_pattern_deferred_or_not(tmp_path):
    script = """
import sys
from legpain_docs import load_article
if sys.argv[2] == "defer":
    from legpain_docs.render.pdf.library import defer_slow_patterns
    defer_slow_patterns()
from legpain_docs.render.handout import render_handout
article = load_article(sys.argv[1])
sys.stdout.buffer.write(render_handout(article, epoch=article.reviewed_epoch))
"""
    deferred = subprocess.run([sys.executable, "-c", script, str(ARTICLE_PATH), "defer"], capture_output=True, cwd=ROOT)
    eager = subprocess.run([sys.executable, "-c", script, str(ARTICLE_PATH), "eager"], capture_output=True, cwd=ROOT)
    assert deferred.returncode == eager.returncode == 0
    assert deferred.stdout == eager.stdout and deferred.stdout.startswith(b"%PDF")


def _reportlab_pattern() -> re.Pattern:
    """reportlab's own URL pattern, compiled as reportlab compiles it."""
    import reportlab.platypus.paragraph as paragraph

    pattern = paragraph.uri_pat
    return re.compile(pattern.pattern, pattern.flags)


REAL = None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ0.-+:/@[]?#é€ \u212a\u017f"), max_size=30))
def test_no_string_without_its_scheme_separator_matches_reportlabs_pattern(text):
    """The deferral answers "no match" for a word without "://" uncompiled: reportlab's
    pattern must never match one (its first group, which ends so, is not optional)."""
    from legpain_docs.render.pdf.library import URI_SCHEME

    global REAL
    REAL = REAL or _reportlab_pattern()
    assert REAL.pattern.startswith(URI_SCHEME)
    if "://" not in text:
        assert REAL.match(text) is None
