"""Write models/curation/prefix_spelling_terms.tsv: MeSH names written with a hyphen after their prefix.

MeSH writes "Postherpetic Neuralgia", "Anticonvulsants", "Perinatal Death"; papers also write "post-herpetic
neuralgia", "anti-convulsants", "peri-natal". The KB folds hyphens into spaces, so "post herpetic" is another key
than "postherpetic" and the dictionary missed those spellings. For every term of a labelled descriptor with a word
"<prefix><rest>" (prefixes post, pre, anti, non, peri), where <rest> is a word of some KB term (not "ngenital"
of "congenital"), "<prefix>-<rest>" becomes a curated term of the descriptor when its key is no term yet.

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
PREFIXED_WORD = re.compile(r"\b(post|pre|anti|non|peri)([a-z]{5,})\b", re.IGNORECASE)


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


def derive(mesh: Path, kb) -> list[dict[str, str]]:
    words = {word for key in kb.completions("") for word in key.split()}
    rows, seen = [], set()
    with open(mesh / "mesh_descriptors.tsv", encoding="utf-8", newline="") as fh:
        for ui, name, synonyms, *_ in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            label = kb.label(f"MESH:{ui}")
            if not label:
                continue
            for term in [name, *filter(None, synonyms.split("|"))]:
                rows += [{"term": spelling, "concept_id": f"MESH:{ui}", "label": label,
                          "source": f"MeSH term '{term}' of {ui} {name} with a hyphen after its prefix", "note": NOTE}
                         for spelling in hyphenated(term, words.__contains__) if is_new(spelling, seen, kb)]
    return rows


if __name__ == "__main__":
    derived_table_main(derive, OUTPUT, __doc__)
