"""String normalisation of the MUC-4 entity metric."""

from __future__ import annotations

import re
import string

_PUNCT = str.maketrans("", "", string.punctuation)
_ARTICLES = re.compile(r"\b(a|an|the)\b")


def normalize(text: str) -> str:
    """Lower-case, delete punctuation and the words a/an/the, collapse spaces."""
    s = text.lower().translate(_PUNCT)
    s = _ARTICLES.sub(" ", s)
    return " ".join(s.split())


def body_for_presence(text: str) -> str:
    """The body as the metric searches it: lower-cased, brackets read as parentheses."""
    return text.lower().replace("[", "(").replace("]", ")")


def occurs_in(candidate: str, body: str) -> bool:
    """Whether a key string occurs in a body prepared by :func:`body_for_presence`."""
    needle = candidate.lower()
    return bool(needle) and needle in body
