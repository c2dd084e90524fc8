"""Regex pieces for scans over a whole text that `re` can run at C speed.

Python's `re` tries a pattern that starts with a look-behind (or a word boundary) at every character of the text;
one that starts with a character class or a literal skips to the places where it can match. So the test of what
stands before a match is written after the match's first characters: `not_after(r"[\\w-]", "[A-Z]")` matches what
`(?<![\\w-])[A-Z]` matches, 3-4x faster over an abstract (measured: benchmarks/RESULTS.md, session 15). Where a
pattern cannot start that way, a look-up of a word it cannot match without runs first (`"deficient" in text`).
"""
from __future__ import annotations


def not_after(before: str, first: str) -> str:
    """`(?<!before)first` written as `first(?<!before first)`; `before` and `first` must have fixed widths.

    >>> import re
    >>> [m.start() for m in re.finditer(not_after(r"[\\w-]", "[A-Z]") + "[A-Z]", "AB xCD -EF (GH")]
    [0, 12]
    """
    return f"{first}(?<!{before}{first})"


def after(before: str, first: str) -> str:
    """`(?<=before)first` written as `first(?<=before first)`; `before` and `first` must have fixed widths.

    >>> import re
    >>> [m.start() for m in re.finditer(after(r"\\w", " ") + r"\\(", "a (b) ( c)")]
    [1]
    """
    return f"{first}(?<={before}{first})"


CAPITAL_STARTING_WORD = not_after(r"[\w-]", "[A-Z]")  # a capital after no letter, digit, "_" or "-"
