"""Spelling folds shared by people and organisation resolution.

Names of people and groups reach English text through several romanisation systems, so one name
is written many ways (Mirzoyev / Mirzoev, Dzhaksybekov / Zhaksybekov, al-Qaeda / al-Qaida).
``fold`` maps each word onto a coarse phonetic spelling so that such variants compare equal or
nearly so; ``similar`` then decides with rapidfuzz ratios on the folded forms. Nothing here knows
any particular name: the rules are about letters only.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

# Ordered rewrites: longer clusters first so that "dzh" is not read as "d" + "zh".
_REWRITES: tuple[tuple[str, str], ...] = (
    ("shch", "sh"),
    ("tsch", "ch"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("ph", "f"),
    ("ck", "k"),
    ("x", "ks"),
    ("q", "k"),
    ("w", "v"),
    ("oo", "u"),
    ("ou", "u"),
    ("y", "i"),
)
_FINAL_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=[oe])ff$"), "v"),  # Smirnoff / Smirnov
    (re.compile(r"(?<=[aeiou])h$"), ""),  # Abdullah / Abdulla
)
_VOWELS = re.compile(r"[aeiou]+")
_DOUBLED = re.compile(r"(.)\1+")

VOWEL_ONLY_MIN = 70
"""Two folded words whose consonants agree match from this ratio (vowels vary most)..."""
SHORT_WORD = 5
"""...when both have at least this many letters (Dina / Dana stay apart)."""
CONSONANT_MIN = 88
"""Two folded words whose consonants differ need this ratio and ``LONG_WORD`` letters."""
LONG_WORD = 8


def ascii_lower(text: str) -> str:
    """Lower case without accents: "António" -> "antonio"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=8192)
def fold(word: str) -> str:
    """A coarse phonetic spelling of one word: letters only, transliteration variants merged.

    y -> i, dzh / zh -> j, kh -> h, ph -> f, x -> ks, w -> v, oo / ou -> u, doubled letters single, a final
    "-off" -> "-ov" and a final "h" after a vowel dropped.
    """
    text = re.sub(r"[^a-z]", "", ascii_lower(word))
    for old, new in _REWRITES:
        text = text.replace(old, new)
    for pattern, new in _FINAL_REWRITES:
        text = pattern.sub(new, text)
    return _DOUBLED.sub(r"\1", text)


def skeleton(folded: str) -> str:
    """The consonants of a folded word, in order."""
    return _VOWELS.sub("", folded)


def gender_clash(a: str, b: str) -> bool:
    """Whether two folded words look like the feminine and masculine of one name.

    Ivanova / Ivanov, Alexandra / Alexander: one ends in "a", the other in a consonant. Such
    pairs name different people (a wife, a daughter), never one person.
    """
    if not a or not b:
        return False
    a_fem, b_fem = a.endswith("a"), b.endswith("a")
    last = b[-1] if a_fem else a[-1]
    return a_fem != b_fem and last not in "aeiou"


def similar(a: str, b: str) -> bool:
    """Whether two words are spellings of one name (both raw; folded here).

    Equal when folded; otherwise, when only vowels differ, a rapidfuzz ratio of at least
    ``VOWEL_ONLY_MIN`` and ``SHORT_WORD`` letters or more; when consonants differ too, at least ``CONSONANT_MIN`` and both words
    ``LONG_WORD`` letters or longer (one slip in a long name, not Ivanov / Ivankov). A feminine /
    masculine pair never matches.
    """
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    if gender_clash(fa, fb):
        return False
    score = fuzz.ratio(fa, fb)
    if skeleton(fa) == skeleton(fb):
        return score >= VOWEL_ONLY_MIN and min(len(fa), len(fb)) >= SHORT_WORD
    return score >= CONSONANT_MIN and min(len(fa), len(fb)) >= LONG_WORD
