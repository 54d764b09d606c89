"""The words PEMAT's rules look for, in English, Spanish and French.

Rules of thumb, not a parser: each finding is a place for an editor to look at, and the report
says so. A language without rules here is reported as not measured, never as passing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Rules:
    passive: re.Pattern  # a passive verb phrase
    number_words: re.Pattern  # a number written as a word, where digits read better
    reader: re.Pattern  # a word that addresses the reader
    action: re.Pattern  # a sentence that tells someone what to do


def _words(*words: str) -> str:
    return r"(?:" + "|".join(words) + r")"


# Shaped like a medical term in all three languages: Greek and Latin suffixes and roots.
MEDICAL = re.compile(
    r"(?i)\b(?=\w{7,})\w*(?:itis|osis|opath\w*|opat[ií]a|algi[ae]|[ae]?emia|émie|ectom\w+|plast[yi]\w*|scop[yi]\w*"
    r"|oma|omas|iasis|pleg\w+|paresis|ology|olog[ií]a|ologie|pathie|patía)\b"
    r"|\b(?:thromb|phleb|fleb|neur|arthr|artr|spondyl|espondil|vertebr|radicul|myel|miel|oste|vascul)\w{3,}\b"
)

# Everyday words of those shapes.
EVERYDAY = {
    "síntoma",
    "síntomas",
    "symptôme",
    "symptômes",
    "idioma",
    "idiomas",
    "diploma",
    "aroma",
    "technology",
    "neutral",
    "neutrally",
}

ENGLISH = Rules(
    passive=re.compile(
        r"(?i)\b"
        + _words("am", "is", "are", "was", "were", "be", "been", "being", "get", "gets", "got", "gotten", "getting")
        + r"\s+(?:\w+ly\s+)?(?:\w{2,}ed|"
        + _words(
            "born",
            "broken",
            "done",
            "given",
            "known",
            "made",
            "seen",
            "shown",
            "taken",
            "worn",
            "torn",
            "bent",
            "built",
            "caught",
            "felt",
            "found",
            "held",
            "hurt",
            "kept",
            "lost",
            "put",
            "spread",
            "struck",
            "thrown",
            "written",
        )
        + r")\b"
    ),
    number_words=re.compile(
        r"(?i)\b"
        + _words(
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "twenty",
            "thirty",
            "forty",
            "fifty",
            "hundred",
            "thousand",
            "dozen",
        )
        + r"\b"
    ),
    reader=re.compile(r"(?i)\b" + _words("you", "your", "yours", "yourself") + r"\b"),
    action=re.compile(
        r"(?i)\b"
        + _words(
            "should",
            "must",
            "need to",
            "needs to",
            "ask",
            "call",
            "talk to",
            "tell",
            "seek",
            "avoid",
            "see a",
            "see your",
            "visit",
        )
        + r"\b"
        r"|^\s*"
        + _words(
            "Ask",
            "Call",
            "See",
            "Seek",
            "Talk",
            "Tell",
            "Take",
            "Avoid",
            "Try",
            "Keep",
            "Use",
            "Wear",
            "Rest",
            "Stop",
            "Do",
            "Don't",
            "Make",
            "Go",
            "Get",
            "Follow",
            "Check",
            "Write",
            "Bring",
            "Read",
        )
        + r"(?![-\w])"
    ),
)

SPANISH = Rules(
    passive=re.compile(
        r"(?i)\b"
        + _words("es", "son", "fue", "fueron", "era", "eran", "ser", "sido", "siendo", "será", "serán")
        + r"\s+(?:\w+mente\s+)?\w{2,}(?:ado|ada|ados|adas|ido|ida|idos|idas)\b"
    ),
    number_words=re.compile(
        r"(?i)\b"
        + _words(
            "dos",
            "tres",
            "cuatro",
            "cinco",
            "seis",
            "siete",
            "ocho",
            "nueve",
            "diez",
            "once",
            "doce",
            "veinte",
            "treinta",
            "cuarenta",
            "cincuenta",
            "cien",
            "ciento",
            "mil",
            "docena",
        )
        + r"\b"
    ),
    reader=re.compile(r"(?i)\b" + _words("usted", "ustedes", "tú", "te", "tu", "tus") + r"\b"),
    action=re.compile(
        r"(?i)\b"
        + _words(
            "debe",
            "deben",
            "debería",
            "tiene que",
            "consulte",
            "llame",
            "hable",
            "pida",
            "evite",
            "busque",
            "pregunte",
            "acuda",
            "vea a",
        )
        + r"\b"
    ),
)

FRENCH = Rules(
    passive=re.compile(
        r"(?i)\b"
        + _words("est", "sont", "était", "étaient", "été", "être", "sera", "seront", "fut", "furent")
        + r"\s+(?:\w+ment\s+)?\w{2,}(?:é|ée|és|ées|ise|ises|uit|uite|uits|uites)(?!\w)"
    ),
    number_words=re.compile(
        r"(?i)\b"
        + _words(
            "deux",
            "trois",
            "quatre",
            "cinq",
            "six",
            "sept",
            "huit",
            "neuf",
            "dix",
            "onze",
            "douze",
            "vingt",
            "trente",
            "quarante",
            "cinquante",
            "cent",
            "mille",
            "douzaine",
        )
        + r"\b"
    ),
    reader=re.compile(r"(?i)\b" + _words("vous", "votre", "vos", "tu", "ton", "ta", "tes") + r"\b"),
    action=re.compile(
        r"(?i)\b"
        + _words(
            "devez",
            "doit",
            "doivent",
            "faut",
            "consultez",
            "appelez",
            "parlez",
            "demandez",
            "évitez",
            "cherchez",
            "prenez",
            "voyez",
        )
        + r"\b"
    ),
)

RULES = {"en": ENGLISH, "es": SPANISH, "fr": FRENCH}
