"""Accent- and case-insensitive text keys for searching and sorting Spanish names (``Núñez`` → ``nunez``)."""

from __future__ import annotations

import re
import unicodedata

# Combining marks left by NFKD (accents, tilde, diaeresis ...), removed in one C-level pass.
_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower-case, accent-free text (case folding, NFKD, combining marks removed)."""
    low = text.casefold()
    if low.isascii():
        return low
    return _MARKS.sub("", unicodedata.normalize("NFKD", low))


def fold_many(texts: list[str]) -> list[str]:
    """:func:`fold` for a whole column at once: one pass over one joined string, in C.

    Several times faster than folding item by item for tens of thousands of short strings, which keeps
    opening a 47,700-person staff table under a second.
    """
    if not texts:
        return []
    joined = "\n".join(t.replace("\n", " ") for t in texts)
    out = fold(joined).split("\n")
    if len(out) != len(texts):  # pragma: no cover - folding never adds line breaks; be safe anyway
        return [fold(t) for t in texts]
    return out
