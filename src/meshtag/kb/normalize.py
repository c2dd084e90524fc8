"""Lexical normalisation shared by the term compiler and the text scanner.

The same function turns a MeSH term and a stretch of abstract into the same key, so that
"α₂-adrenergic receptors", "alpha2 adrenergic receptor" and "Alpha-2 Adrenergic Receptors" meet:

- Unicode NFKC (sub/superscript digits become digits), casefold, accents dropped;
- Greek letters spelled out (α → alpha, µ → mu);
- tokens are maximal runs of letters or of digits; everything else (hyphens, slashes, spaces,
  punctuation) only separates tokens;
- a simple per-token plural folding (receptors → receptor, therapies → therapy), never applied to
  tokens of 3 characters or fewer or ending in ss/us/is;
- British spellings folded to American ones by stem (anaemia, haemorrhage, oedema, oestrogen, sulphate,
  tumour, paediatric, leucocyte → anemia, hemorrhage, edema, estrogen, sulfate, tumor, pediatric, leukocyte):
  MeSH lists few British forms and UK-authored abstracts use them throughout; likewise the variant
  "adrenoreceptor" to MeSH's "adrenoceptor";
- a Greek letter glued to a capitalised symbol split off ("alphaENaC", "αENaC" -> "alpha enac").

It runs over every abstract, so the common case (an ASCII token) is one dict lookup.
"""
from __future__ import annotations

import re
from itertools import accumulate
import unicodedata

# Superscript and subscript digits: NFKC maps them to ASCII digits, so they belong to digit runs.
_SUPSUB_DIGITS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079" + "".join(
    chr(c) for c in range(0x2080, 0x208A))
# A Greek letter glued to a capitalised symbol is a token of its own ("alphaENaC", "αENaC", "NF-kappaB" as
# "alpha-ENaC", "NF-kappa B"); glued to lowercase letters it stays part of the word ("betaine", "alphavbeta3").
GREEK_PREFIXES = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "iota", "kappa", "lambda", "mu",
                  "sigma", "omega")
_GLUED_GREEK = rf"(?:{'|'.join(GREEK_PREFIXES)}|[\u0370-\u03ff\u1f00-\u1fff\u00b5])(?=[A-Z])"
_TOKEN_RE = re.compile(rf"{_GLUED_GREEK}|[^\W\d_{_SUPSUB_DIGITS}]+|[\d{_SUPSUB_DIGITS}]+")

# The same tokens, captured, for re.split (separators and tokens alternate; offsets by summing lengths).
_SPLIT = re.compile(f"({_TOKEN_RE.pattern})")
_ASCII_SPLIT = re.compile(r"([a-z]+|[0-9]+)")  # for ASCII text after str.lower(), which keeps offsets
_GLUED_GREEK_RE = re.compile(_GLUED_GREEK)
# a lowercase letter that ends some Greek name before a capital: found at C speed, then checked
_GREEK_END_BEFORE_CAPITAL = re.compile(rf"[{''.join(sorted({name[-1] for name in GREEK_PREFIXES}))}][A-Z]")
_LONGEST_GREEK = max(map(len, GREEK_PREFIXES))
_ASCII_SPLIT_CASED = re.compile(rf"({_GLUED_GREEK}|[A-Za-z]+|[0-9]+)")  # ASCII text with a glued Greek letter

_GREEK_VARIANTS = {"ϐ": "beta", "ϑ": "theta", "ϕ": "phi", "ϖ": "pi", "ϵ": "epsilon", "ϰ": "kappa",
                   "ϱ": "rho", "ς": "sigma", "µ": "mu"}


def _greek_table() -> dict[int, str]:
    """Map every Greek letter (with or without tonos/dialytika) to its lowercase English name."""
    table = {ord(k): v for k, v in _GREEK_VARIANTS.items()}
    for code in list(range(0x0386, 0x03D0)) + list(range(0x1F00, 0x2000)):
        name = unicodedata.name(chr(code), "")
        if "GREEK" not in name or " LETTER " not in name:
            continue
        letter = name.split(" LETTER ", 1)[1].split(" WITH ", 1)[0].split()[-1].lower()
        if letter.isalpha() and letter not in ("final",):
            table[code] = "sigma" if letter == "sigma" else letter
    return table


_GREEK = _greek_table()
# British stem -> American stem (and one variant spelling -> MeSH's); each stem is specific enough not to occur
# in an unrelated word.
_SPELLING_FOLDS = {"adrenorecept": "adrenocept", "aemi": "emi", "haem": "hem", "oedem": "edem",
                   "oesophag": "esophag", "oestr": "estr", "foet": "fet", "coeliac": "celiac", "rrhoea": "rrhea",
                   "paed": "ped", "anaesth": "anesth", "aesthes": "esthes", "sulph": "sulf", "tumour": "tumor",
                   "behaviour": "behavior", "colour": "color", "fibre": "fiber", "centre": "center",
                   "leuco": "leuko", "leucaem": "leukem", "aluminium": "aluminum", "caesium": "cesium",
                   "ageing": "aging", "isation": "ization", "pnoe": "pne", "gynaec": "gynec", "aetiol": "etiol",
                   "faec": "fec", "caec": "cec"}
_SPELLING_FOLDS_RE = re.compile("|".join(sorted(_SPELLING_FOLDS, key=len, reverse=True)))
_NO_FOLD_ENDINGS = ("ss", "us", "is")
# the Latin plurals of neuroanatomy ("supraoptic nuclei", "dorsal root ganglia"), folded like English ones
_LATIN_PLURALS = {"nuclei": "nucleus", "ganglia": "ganglion", "cortices": "cortex", "hippocampi": "hippocampus",
                  "thalami": "thalamus", "colliculi": "colliculus", "gyri": "gyrus", "sulci": "sulcus",
                  "fasciculi": "fasciculus", "lemnisci": "lemniscus", "hypothalami": "hypothalamus",
                  "media": "medium"}  # and "contrast media", "culture media"
_CACHE: dict[str, str] = {}
_CACHE_MAX = 500_000


def fold_plural(token: str) -> str:
    """Fold a simple English plural on one normalised token.

    >>> [fold_plural(t) for t in ["receptors", "antidepressants", "therapies", "ras", "analysis", "virus", "mass"]]
    ['receptor', 'antidepressant', 'therapy', 'ras', 'analysis', 'virus', 'mass']
    >>> [fold_plural(t) for t in ["nuclei", "ganglia"]]
    ['nucleus', 'ganglion']
    """
    if token in _LATIN_PLURALS:
        return _LATIN_PLURALS[token]
    if len(token) <= 3 or token[-1] != "s" or token.endswith(_NO_FOLD_ENDINGS) or not token.isalpha():
        return token
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    return token[:-1]


def fold_spelling(token: str) -> str:
    """Fold the British stems of a lowercased token to American ones, and variant spellings to MeSH's.

    >>> [fold_spelling(t) for t in ["anaemia", "haematoma", "oedema", "sulphate", "leucocytes", "leucine"]]
    ['anemia', 'hematoma', 'edema', 'sulfate', 'leukocytes', 'leucine']
    >>> [fold_spelling(t) for t in ["apnoea", "dyspnoea", "aetiology", "faecal", "adrenoreceptors"]]
    ['apnea', 'dyspnea', 'etiology', 'fecal', 'adrenoceptors']
    """
    return _SPELLING_FOLDS_RE.sub(lambda m: _SPELLING_FOLDS[m.group()], token) if _SPELLING_FOLDS_RE.search(token) \
        else token


def normalize_token(raw: str) -> str:
    """Normalise one raw token (a run of letters or of digits) to its key form.

    >>> [normalize_token(t) for t in ["Receptors", "α", "₂", "Ménière", "µ", "TRPA", "Tumours"]]
    ['receptor', 'alpha', '2', 'meniere', 'mu', 'trpa', 'tumor']
    """
    cached = _CACHE.get(raw)
    if cached is not None:
        return cached
    if raw.isascii():
        tok = raw.lower()
    else:
        tok = unicodedata.normalize("NFKC", raw).casefold().translate(_GREEK)
        if not tok.isascii():
            tok = "".join(c for c in unicodedata.normalize("NFKD", tok) if not unicodedata.combining(c))
            tok = unicodedata.normalize("NFC", tok)
        tok = "".join(c for c in tok if c.isalnum())
    tok = fold_plural(fold_spelling(tok))
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.clear()
    _CACHE[raw] = tok
    return tok


def norm_tokens(text: str) -> list[tuple[int, int, str]]:
    """Tokens of `text` as (char start, char end, normalised token), offsets into `text`.

    >>> norm_tokens("α₂-AR")
    [(0, 1, 'alpha'), (1, 2, '2'), (3, 5, 'ar')]
    >>> [t for _, _, t in norm_tokens("TRPA1 receptors")]
    ['trpa', '1', 'receptor']
    """
    get = _CACHE.get
    out = []
    for m in _TOKEN_RE.finditer(text):
        raw = m.group()
        tok = get(raw)
        if tok is None:
            tok = normalize_token(raw)
        out.append((m.start(), m.end(), tok))
    return out


def _has_glued_greek(text: str) -> bool:
    """Does ASCII `text` hold a Greek letter's name glued to a capital ("alphaENaC")? About 12 µs an abstract."""
    return any(_GLUED_GREEK_RE.search(text, max(0, m.start() + 1 - _LONGEST_GREEK), m.end())
               for m in _GREEK_END_BEFORE_CAPITAL.finditer(text))


def raw_spans(text: str) -> tuple[list[str], list[int], list[int]]:
    """Raw tokens of `text` (lowercased when the text is ASCII) with their starts and ends, at C speed.

    >>> raw_spans("Sigma-1 receptors")
    (['sigma', '1', 'receptors'], [0, 6, 8], [5, 7, 17])
    >>> raw_spans("alphaENaC, betaine")
    (['alpha', 'enac', 'betaine'], [0, 5, 11], [5, 9, 18])
    """
    if not text.isascii():
        parts = _SPLIT.split(text)
    elif _has_glued_greek(text):  # rare: split with the casing, then lowercase the tokens
        parts = [part.lower() for part in _ASCII_SPLIT_CASED.split(text)]
    else:
        parts = _ASCII_SPLIT.split(text.lower())
    bounds = list(accumulate(map(len, parts)))
    return parts[1::2], bounds[0:-1:2], bounds[1::2]


def token_spans(text: str) -> tuple[list[str], list[int], list[int]]:
    """The fast form of `norm_tokens`: parallel lists of keys, starts and ends.

    >>> token_spans("sigma-1 receptor")
    (['sigma', '1', 'receptor'], [0, 6, 8], [5, 7, 16])
    >>> token_spans("α₂-AR")
    (['alpha', '2', 'ar'], [0, 1, 3], [1, 2, 5])
    """
    raws, starts, ends = raw_spans(text)
    get = _CACHE.get
    return [get(raw) or normalize_token(raw) for raw in raws], starts, ends


def normalize(text: str) -> str:
    """The normalised key of `text`: its normalised tokens joined by one space.

    >>> {normalize(s) for s in ["alpha2", "alpha-2", "α₂", "alpha 2", "Alpha-2"]}
    {'alpha 2'}
    >>> {normalize(s) for s in ["sigma-1", "sigma 1", "sigma1", "σ1"]}
    {'sigma 1'}
    >>> normalize("TRPA1"), normalize("Receptors, Opioid, mu"), normalize("Antidepressive Agents")
    ('trpa 1', 'receptor opioid mu', 'antidepressive agent')
    >>> normalize("acute renal failures"), normalize("Ca²⁺"), normalize("5-HT(1A)")
    ('acute renal failure', 'ca 2', '5 ht 1 a')
    >>> {normalize(s) for s in ["alpha-ENaC", "alphaENaC", "αENaC", "α-ENaC"]}, normalize("NF-κB")
    ({'alpha enac'}, 'nf kappa b')
    >>> normalize("alphavbeta3 integrin"), normalize("Betamethasone")
    ('alphavbeta 3 integrin', 'betamethasone')
    """
    return " ".join(normalize_token(m.group()) for m in _TOKEN_RE.finditer(text))
