"""Restore the case of all-capital text (old wire copy) so that case-aware readers can work on it.

The annotators (spaCy's entities, the date and place patterns) expect ordinary mixed case. A text
written wholly in capitals is rewritten word by word, keeping its length and offsets:

* words of the English dictionary (spaCy's lemma lists, with regular inflections) go to lower
  case, except at the start of a sentence;
* month and weekday names, places the country gazetteer knows and words the dictionary does not
  know (names: ``Usulutan``, ``Cristiani``) get a capital initial;
* short words inside brackets or without a vowel (``FMLN``), and words with digits, stay capitals.

Only the case of letters changes, so ``len(truecase(t)) == len(t)``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from incidentdesk.annotate.countries import find_places

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z0-9]+)*|\d+")
_SENTENCE_END = re.compile(r"[.!?]\s*[\"'”’)\]]*\s*$")
_NAMED_DAYS = {
    "january", "february", "april", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday",
}  # fmt: skip
#: Month names that are also words ("may", "march", "dec"): capitals only beside a number.
_MONTHS_BY_NUMBER = {
    "march", "may", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec",
}  # fmt: skip
_NEXT_TO_NUMBER = re.compile(r"\d\s*$")
_INFLECTIONS = (
    ("'s", ""),
    ("’s", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("ers", ""),
    ("er", ""),
    ("er", "e"),
    ("est", ""),
    ("ly", ""),
    ("ally", ""),
    ("ness", ""),
    ("ment", ""),
    ("ments", ""),
    ("ion", "e"),
    ("ions", "e"),
)
_VOWELS = set("aeiouy")


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case English dictionary words: spaCy's lemma index, irregular forms, stop words."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from incidentdesk.annotate.pipeline import load_nlp

    words: set[str] = set(STOP_WORDS)
    lemmatizer = load_nlp().get_pipe("lemmatizer")
    index = lemmatizer.lookups.get_table("lemma_index")
    exceptions = lemmatizer.lookups.get_table("lemma_exc")
    for table in (index, exceptions):
        for key in table:
            value = table[key]
            if isinstance(value, dict):
                for form, lemmas in value.items():
                    words.add(str(form))
                    words.update(str(x) for x in lemmas)
            else:
                words.update(str(x) for x in value)
    return frozenset(w.lower() for w in words if w.isalpha() or "-" in w)


def _known(word: str, vocabulary: frozenset[str]) -> bool:
    if word in vocabulary:
        return True
    for suffix, replacement in _INFLECTIONS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if word[: len(word) - len(suffix)] + replacement in vocabulary:
                return True
    if len(word) > 4 and word[-1] == word[-2] == "s":
        return False
    return "-" in word and all(_known(p, vocabulary) for p in word.split("-") if p.isalpha())


def _in_brackets(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 1) : start]
    after = text[end : end + 1]
    return (before, after) in (("[", "]"), ("(", ")"))


def _capitalise(word: str) -> str:
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))


def _keeps_capitals(raw: str, text: str, start: int, end: int, vocabulary: frozenset[str]) -> bool:
    """Numbers and codes (``M-19``), short bracketed tags and vowel-less acronyms (``FMLN``)."""
    word = raw.lower()
    if any(c.isdigit() for c in raw) or (_in_brackets(text, start, end) and len(raw) <= 8):
        return True
    return len(raw) >= 2 and not (_VOWELS & set(word)) and word not in vocabulary


def _is_name(word: str, text: str, start: int, end: int, vocabulary: frozenset[str]) -> bool:
    """Month and weekday names, "I", and words the dictionary does not know."""
    if word == "i" or word in _NAMED_DAYS:
        return True
    if word in _MONTHS_BY_NUMBER:
        return bool(
            _NEXT_TO_NUMBER.search(text[max(0, start - 3) : start])
            or re.match(r"\s*\d", text[end : end + 3])
        )
    return not _known(word, vocabulary)


def is_shouting(text: str) -> bool:
    """Whether the letters of ``text`` are (nearly) all capitals."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.95 * len(letters)


def truecase(text: str) -> str:
    """Mixed-case version of an all-capital ``text`` (other text is returned unchanged)."""
    if not is_shouting(text):
        return text
    vocabulary = english_words()
    chars = list(text.lower())
    place_words: set[int] = set()
    for _country, p_start, p_end in find_places(text):
        place_words.update(
            p_start + w.start() for w in re.finditer(r"[A-Za-z]+", text[p_start:p_end])
        )
    sentence_start = True
    previous_end = 0
    for m in _WORD.finditer(text):
        raw = m.group(0)
        word = raw.lower()
        start, end = m.span()
        gap = text[previous_end:start]
        if "\n" in gap or _SENTENCE_END.search(text[max(0, start - 6) : start]):
            sentence_start = True
        previous_end = end
        if _keeps_capitals(raw, text, start, end, vocabulary):
            out = raw
        elif sentence_start or start in place_words or _is_name(word, text, start, end, vocabulary):
            out = _capitalise(word)
        else:
            out = word
        chars[start:end] = out
        sentence_start = False
    return "".join(chars)
