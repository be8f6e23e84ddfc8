"""Counts in running text: "at least 40", "more than 100", "1,017", "twenty-three", "dozens".

Each mention keeps the qualifier words in front of it and a trailing parenthetical note such as
"(including the bomber)", so that extractors can tell an exact figure from a lower bound and a
figure that counts the perpetrators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from incidentdesk.model import Qualifier

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# Vague quantities: a conventional lower bound, always qualified "at least".
_VAGUE = {
    "a dozen": (12, "about"),
    "dozens": (24, "at least"),
    "scores": (40, "at least"),
    "hundreds": (200, "at least"),
    "thousands": (2000, "at least"),
    "a half-dozen": (6, "about"),
    "half a dozen": (6, "about"),
}

_QUALIFIERS: list[tuple[str, Qualifier]] = [
    (r"at\s+least", "at least"),
    (r"no\s+(?:fewer|less)\s+than", "at least"),
    (r"not\s+less\s+than", "at least"),
    (r"a\s+minimum\s+of", "at least"),
    (r"more\s+than", "more than"),
    (r"over", "more than"),
    (r"upwards\s+of", "more than"),
    (r"in\s+excess\s+of", "more than"),
    (r"about", "about"),
    (r"around", "about"),
    (r"approximately", "about"),
    (r"roughly", "about"),
    (r"some", "about"),
    (r"an\s+estimated", "about"),
    (r"nearly", "about"),
    (r"almost", "about"),
    (r"close\s+to", "about"),
    (r"up\s+to", "up to"),
    (r"as\s+many\s+as", "up to"),
    (r"fewer\s+than", "fewer than"),
    (r"less\s+than", "fewer than"),
    (r"under", "fewer than"),
]

_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_WORD_NUMBER = (
    rf"(?:(?:a[\s-]+(?:hundred|thousand)|(?:{_WORD})(?:[\s-]+(?:hundred|thousand))?)"
    rf"(?:[\s-]+(?:and[\s-]+)?(?:{_WORD}))*)"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
_VAGUE_RE = "|".join(re.escape(v) for v in sorted(_VAGUE, key=len, reverse=True))
_QUAL_RE = "|".join(q for q, _ in _QUALIFIERS)

NUMBER_RE = re.compile(
    rf"(?<![\w$€£.,:/-])(?:(?P<qual>{_QUAL_RE})\s+(?:all\s+)?)?"
    rf"(?P<num>{_VAGUE_RE}|{_DIGITS}|{_WORD_NUMBER})(?![\w%:/]|[.,]\d)"
    r"(?:\s*\((?P<note>[^()]{1,80})\))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NumberMention:
    """A count found in text; offsets are relative to the string that was searched."""

    start: int
    end: int
    num_start: int
    num_end: int
    value: int
    qualifier: Qualifier
    vague: bool
    note: str | None

    @property
    def includes_perpetrators(self) -> bool | None:
        """True when the parenthetical says the count includes attackers."""
        if not self.note:
            return None
        note = self.note.lower()
        if re.search(r"\b(?:including|incl\.|includ\w*)\b", note) and re.search(
            r"\b(?:attacker|bomber|gunm[ae]n|assailant|perpetrator|militant|terrorist)s?\b", note
        ):
            return True
        if re.search(r"\b(?:excluding|not including|not counting)\b", note):
            return False
        return None


def words_to_int(words: str) -> int | None:
    """Convert "twenty-three", "one hundred and five", "a thousand" to an int."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower().strip()) if t and t != "and"]
    if not tokens:
        return None
    total = 0
    current = 0
    for token in tokens:
        if token in ("a", "one") and current == 0:
            current = 1
        elif token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token in _SCALES:
            current = max(current, 1) * _SCALES[token]
            if _SCALES[token] >= 1000:
                total += current
                current = 0
        else:
            return None
    return total + current


def parse_number(raw: str) -> tuple[int, Qualifier | None, bool] | None:
    """The value of a number string, its implied qualifier (for vague words) and vagueness."""
    low = raw.lower().strip()
    if low in _VAGUE:
        value, qual = _VAGUE[low]
        return value, qual, True  # type: ignore[return-value]
    if re.fullmatch(_DIGITS, low):
        return int(low.replace(",", "")), None, False
    value_or_none = words_to_int(low)
    if value_or_none is None or low == "a":
        return None
    return value_or_none, None, False


def find_numbers(text: str) -> list[NumberMention]:
    """Every count in ``text`` with its qualifier and parenthetical note."""
    found: list[NumberMention] = []
    for match in NUMBER_RE.finditer(text):
        parsed = parse_number(match.group("num"))
        if parsed is None:
            continue
        value, implied, vague = parsed
        qualifier: Qualifier = "exact"
        qual_text = match.group("qual")
        if qual_text:
            norm = re.sub(r"\s+", " ", qual_text.lower())
            for pattern, label in _QUALIFIERS:
                if re.fullmatch(pattern, norm):
                    qualifier = label
                    break
        elif implied is not None:
            qualifier = implied
        note = match.group("note")
        end = match.end() if note else match.end("num")
        found.append(
            NumberMention(
                start=match.start(),
                end=end,
                num_start=match.start("num"),
                num_end=match.end("num"),
                value=value,
                qualifier=qualifier,
                vague=vague,
                note=note,
            )
        )
    return found
