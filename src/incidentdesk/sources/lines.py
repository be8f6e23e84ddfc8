"""Small line-level helpers shared by the plain-text readers."""

from __future__ import annotations

import re

_BLANK_RUNS = re.compile(r"\n{3,}")
_HEADLINE_END = re.compile(r"[.,;:]$")
_LETTER = re.compile(r"[^\W\d_]")


def tidy(text: str) -> str:
    """Strip trailing spaces from every line, collapse runs of blank lines, trim the ends."""
    lines = [line.rstrip() for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n").rstrip()


def looks_like_headline(line: str, max_chars: int = 200, max_words: int = 30) -> bool:
    """A short line with letters that does not end like a sentence fragment or a label."""
    line = line.strip()
    if not 3 <= len(line) <= max_chars or len(line.split()) > max_words:
        return False
    if _HEADLINE_END.search(line) or line.endswith(("…", "...")):
        return False
    if line.startswith(("-", "*", "•", "|", "=", "#", "(")):
        return False
    return bool(_LETTER.search(line)) and line[0].isalnum() and not line[0].islower()
