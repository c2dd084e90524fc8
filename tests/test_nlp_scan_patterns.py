"""The fast forms of look-behind patterns match exactly what the plain forms match (meshtag.nlp.scan_patterns)."""
import re
from pathlib import Path

import pytest

from meshtag.nlp.scan_patterns import CAPITAL_STARTING_WORD, after, not_after

SEEDS = sorted((Path(__file__).parents[1] / "seeds").glob("*.txt"))
TRICKY = ["", "A", "-AB", "_AB CD", "x(AB)", "AB-CD EF", "é AB", "vitamin D. Next", "a (b) ( c) d  (e)", "A.B. C."]


def texts():
    return TRICKY + [p.read_text(encoding="utf-8") for p in SEEDS]


@pytest.mark.parametrize("plain, fast", [
    (r"(?<![\w-])([A-Z][A-Z]{2,5})s?(?![\w-])", rf"({CAPITAL_STARTING_WORD}[A-Z]{{2,5}})s?(?![\w-])"),
    (r"(?<![\w.])[A-Z]\.(?=\s|$)", not_after(r"[\w.]", r"[A-Z]\.") + r"(?=\s|$)"),
    (r"(?<=\w) \((\w+)\)", after(r"\w", " ") + r"\((\w+)\)"),
])
def test_fast_form_finds_the_same_matches(plain, fast):
    assert len(SEEDS) == 3
    for text in texts():
        expected = [(m.span(), m.groups()) for m in re.finditer(plain, text)]
        assert [(m.span(), m.groups()) for m in re.finditer(fast, text)] == expected


def test_fast_form_finds_something_in_the_seeds():
    # the comparison above would also pass if neither pattern matched anything
    assert any(re.search(rf"({CAPITAL_STARTING_WORD}[A-Z]{{2,5}})", t) for t in texts())
    assert any(re.search(after(r"\w", " ") + r"\(", t) for t in texts())
