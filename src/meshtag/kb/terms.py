"""Per-term facts shared by the compiler and the curated overlay: key, casing and ambiguity."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from meshtag.kb.normalize import _TOKEN_RE, normalize

COMMON_WORDS_FILE = Path(__file__).with_name("common_words.txt")
WILDCARD = "*"


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Normalised single-token keys that are common English words (see common_words.txt's header)."""
    if not COMMON_WORDS_FILE.exists():
        return frozenset()
    lines = COMMON_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.split("\t", 1)[0].strip() for ln in lines if ln.strip() and not ln.startswith("#"))


def _token_case(raw: str) -> str:
    """A raw token's casing constraint: the token itself when casing carries meaning, else '*'."""
    tok = unicodedata.normalize("NFKC", raw)
    if len(tok) < 2 or not any(c.isupper() for c in tok[1:]):
        return WILDCARD
    return tok


def cased_form(text: str) -> str:
    """The casing pattern of a term or surface: tokens whose casing matters, '*' for the others.

    A token's casing matters when it has an uppercase letter after its first character (MOR, TRPA, cAMP),
    and a whole term of one or two characters keeps its casing (element symbols: "Na" is sodium, "NA"
    noradrenaline, "K" potassium).

    >>> cased_form("MOR"), cased_form("Neuropathic Pain"), cased_form("TRPA1 Cation Channel"), cased_form("Na")
    ('MOR', '*', 'TRPA * * *', 'Na')
    """
    tokens = [m.group() for m in _TOKEN_RE.finditer(text)]
    if len(tokens) == 1 and len(tokens[0]) <= 2 and not tokens[0].islower():
        return unicodedata.normalize("NFKC", tokens[0])
    form = [_token_case(t) for t in tokens]
    return WILDCARD if all(t == WILDCARD for t in form) else " ".join(form)


def casing_agrees(term_form: str, surface: str) -> bool:
    """Does `surface` keep the casing of a term whose cased form is `term_form`?

    >>> casing_agrees("MOR", "MOR"), casing_agrees("MOR", "mor"), casing_agrees("TRPA * * *", "TRPA1 cation channels")
    (True, False, True)
    """
    if term_form == WILDCARD:
        return True
    want = term_form.split(" ")
    have = [unicodedata.normalize("NFKC", m.group()) for m in _TOKEN_RE.finditer(surface)]
    return len(want) == len(have) and all(w == WILDCARD or w == h for w, h in zip(want, have))


def is_ambiguous(key: str, words: frozenset[str] | None = None) -> bool:
    """Short keys (<= 3 letters/digits) and single common English words are ambiguous.

    >>> is_ambiguous("mor"), is_ambiguous("trpa 1"), is_ambiguous("5 ht"), is_ambiguous("neuralgia")
    (True, False, True, False)
    """
    if len(key) - key.count(" ") <= 3:
        return True
    return " " not in key and key in (common_words() if words is None else words)


def term_key(text: str) -> str:
    """The dictionary key of a term (see meshtag.kb.normalize)."""
    return normalize(text)


# MeSH writes some abbreviations with their name in brackets: "CRPS (Complex Regional Pain Syndromes)"
_BRACKETED_NAME = re.compile(r"^(?P<short>[A-Z][A-Za-z0-9-]{1,9}) \((?P<name>[^()]+)\)$")


def bracketed_short_form(term: str, names: list[str]) -> str | None:
    """The short form of a term written "SHORT (Name)" when SHORT has two capitals or more, its letters come in
    order in the name from its first one, and the name is one of `names` (the concept's terms) up to word order.

    >>> names = ["Complex Regional Pain Syndrome", "Brain Injuries, Traumatic"]
    >>> bracketed_short_form("CRPS (Complex Regional Pain Syndromes)", names)
    'CRPS'
    >>> bracketed_short_form("TBI (Traumatic Brain Injury)", names), bracketed_short_form("ECT (Psychotherapy)", names)
    ('TBI', None)
    """
    m = _BRACKETED_NAME.match(term)
    if m is None or sum(c.isupper() for c in m["short"]) < 2:
        return None
    short, name = m["short"], m["name"]
    if sorted(normalize(name).split()) not in [sorted(normalize(n).split()) for n in names]:
        return None
    return short if letters_in_order(name, short) else None


def letters_in_order(long_text: str, short: str) -> bool:
    """Schwartz & Hearst's test: the short form's first letter starts the long form and the others follow
    in order ("phenobarbital (PB", "diethylnitrosamine (DEN").

    >>> letters_in_order("phenobarbital", "PB"), letters_in_order("phenobarbital", "BP")
    (True, False)
    """
    letters = [c.lower() for c in short if c.isalnum()]
    long_text = long_text.lower()
    if not letters or not long_text.startswith(letters[0]):
        return False
    at = 1
    for c in letters[1:]:
        at = long_text.find(c, at) + 1
        if not at:
            return False
    return True
