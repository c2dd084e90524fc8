"""Write models/curation/prefix_spelling_terms.tsv: MeSH names written with and without a hyphen after their
prefix, and pharmacological classes named "drugs" where MeSH says "agents".

MeSH writes "Postherpetic Neuralgia", "Anticonvulsants", "Perinatal Death", but "Anti-Retroviral Agents"; papers
write both "post-herpetic neuralgia" and "antiretroviral". The KB folds hyphens into spaces, so "post herpetic" is
another key than "postherpetic" and the dictionary missed the other spelling. For every term of a labelled
descriptor with a word "<prefix><rest>" (prefixes post, pre, anti, non, peri), where <rest> is a word of some KB
term (not "ngenital" of "congenital"), "<prefix>-<rest>" becomes a curated term of the descriptor, and for a word
"<prefix>-<rest>", "<prefix><rest>"; and a pharmacological class term (D27) "<X> Agents" gives "<X> drugs"
("Immunosuppressive Agents" -> "immunosuppressive drugs", as papers say). Each only when its key is no term yet.

    python scripts/derive_prefix_spellings.py --mesh ../shared/data/mesh --corpora ../shared/data/corpora
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from meshtag.kb.normalize import normalize

sys.path.insert(0, str(Path(__file__).resolve().parent))
from derive_site_terms import derived_table_main, is_new  # noqa: E402  (sibling build script)

OUTPUT = "prefix_spelling_terms.tsv"
NOTE = "scripts/derive_prefix_spellings.py"
PREFIXES = "post|pre|anti|non|peri"
PREFIXED_WORD = re.compile(rf"\b({PREFIXES})([a-z]{{5,}})\b", re.IGNORECASE)
HYPHENATED_WORD = re.compile(rf"\b({PREFIXES})-([a-z]{{5,}})\b", re.IGNORECASE)
AGENTS = re.compile(r"\bAgents?\b")
CLASS_TREE = "D27."


def hyphenated(term: str, is_word) -> list[str]:
    """The spellings of `term` with a hyphen after the prefix of one of its words; `is_word(key)` says whether
    a normalised word is a word of the KB's terms.

    >>> hyphenated("Postherpetic Neuralgia", lambda key: key == "herpetic")
    ['Post-herpetic Neuralgia']
    >>> hyphenated("Congenital Abnormalities", lambda key: False)
    []
    """
    return [f"{term[:m.start()]}{m.group(1)}-{m.group(2)}{term[m.end():]}"
            for m in PREFIXED_WORD.finditer(term) if is_word(normalize(m.group(2)))]


def joined(term: str) -> list[str]:
    """The spelling of `term` without the hyphen after a prefix.

    >>> joined("Anti-Retroviral Agents"), joined("Pre-Eclampsia"), joined("Heparin")
    (['Antiretroviral Agents'], ['Preeclampsia'], [])
    """
    if not HYPHENATED_WORD.search(term):
        return []
    return [HYPHENATED_WORD.sub(lambda m: m.group(1) + m.group(2).lower(), term)]


def as_drugs(term: str, trees: str) -> list[str]:
    """A pharmacological class term with "drugs" for "agents".

    >>> as_drugs("Immunosuppressive Agents", "D27.505.696.477"), as_drugs("Heparin", "D09.698")
    (['Immunosuppressive drugs'], [])
    """
    if not AGENTS.search(term) or not any(t.startswith(CLASS_TREE) for t in trees.split("|")):
        return []
    return [AGENTS.sub(lambda m: "drugs" if m.group(0) == "Agents" else "drug", term)]


def derive(mesh: Path, kb) -> list[dict[str, str]]:
    words = {word for key in kb.completions("") for word in key.split()}
    rows, seen = [], set()
    with open(mesh / "mesh_descriptors.tsv", encoding="utf-8", newline="") as fh:
        for ui, name, synonyms, trees, *_ in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            label = kb.label(f"MESH:{ui}")
            if not label:
                continue
            for term in [name, *filter(None, synonyms.split("|"))]:
                if "," in term:
                    continue  # MeSH's inverted forms ("Agents, Anti-Cancer"): papers write the other order
                for how, spellings in (("with a hyphen after its prefix", hyphenated(term, words.__contains__)),
                                       ("without the hyphen after its prefix", joined(term)),
                                       ("with 'drugs' for 'agents'", as_drugs(term, trees))):
                    rows += [{"term": spelling, "concept_id": f"MESH:{ui}", "label": label,
                              "source": f"MeSH term '{term}' of {ui} {name} {how}", "note": NOTE}
                             for spelling in spellings if is_new(spelling, seen, kb)]
    return rows


if __name__ == "__main__":
    derived_table_main(derive, OUTPUT, __doc__)
