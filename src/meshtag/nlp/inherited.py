"""Diseases named only by how they are inherited: "an autosomal dominant disease", "this inherited human disorder",
"a recessively inherited condition", "an X-linked multisystem disorder".

MeSH names the classes (Genetic Diseases, Inborn; Genetic Diseases, X-Linked) and a few fixed phrases ("genetic
disorder", "autosomal recessive disorder"), so the dictionary misses the many ways papers combine an inheritance
word, a descriptive word or two and a head noun. NCBI-disease annotates them as those classes (training set: 90
such mentions of Genetic Diseases, Inborn, 13 of Genetic Diseases, X-Linked). Where the words after the
inheritance word name a disease ("inherited metabolic disorder", "X-linked dysmyelinating disorder") the phrase is
that disease, as the corpus links it; a longer name around the phrase keeps its reading (overlap resolution
prefers the longer span).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from meshtag.nlp.candidates import Candidate, KBComponent, get_candidates, text_of

INBORN, X_LINKED = "MESH:D030342", "MESH:D040181"  # Genetic Diseases, Inborn; Genetic Diseases, X-Linked
# how it is inherited, up to two descriptive words, the head: "autosomal dominant multisystem disorder"
PHRASE = re.compile(
    r"(?<![\w-])(?P<inheritance>(?P<x>X[- ]linked|X chromosome-linked)(?:[- ](?:dominant|recessive))?|"
    r"autosomal[- ](?:dominant|recessive)|(?:dominantly|recessively)[- ]inherited|inherited|hereditary|heritable|"
    r"genetic)"
    r"(?:\s+(?!(?:disease|disorder|condition)s?\b|(?:for|of|and|or|in|with|to|the|a|an|is|as)\b)[a-z]+){0,2}"
    r"\s+(?:diseases?|disorders?|conditions?)(?![\w-])", re.IGNORECASE)
# words PHRASE cannot match without, looked up first (a leading look-behind is slow: meshtag.nlp.scan_patterns;
# the first letter is left out for the capitalised form)
INHERITANCE_CUES = ("inked", "utosomal", "nherited", "ereditary", "eritable", "enetic")
NOTE = "inheritance class"


@Language.factory("meshtag_inherited_diseases", default_config={"kb_path": None})
def make_inherited_diseases(nlp: Language, name: str, kb_path: str | None) -> "InheritedDiseases":
    return InheritedDiseases(kb_path)


def inheritance_class(phrase: re.Match) -> str:
    """The class a matched phrase names: X-linked, else inborn.

    >>> inheritance_class(PHRASE.search("an X-linked recessive neurological disorder"))
    'MESH:D040181'
    >>> inheritance_class(PHRASE.search("a recessively inherited condition"))
    'MESH:D030342'
    """
    return X_LINKED if phrase.group("x") else INBORN


class InheritedDiseases(KBComponent):
    """Adds a candidate of Genetic Diseases, Inborn (or X-Linked) for each phrase that names a disease by its
    inheritance alone."""

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        if not any(word in text for word in ("isease", "isorder", "ondition")) or \
                not any(word in text for word in INHERITANCE_CUES):
            return doc
        candidates = get_candidates(doc)
        for m in PHRASE.finditer(text):
            ids = self.named_disease(text, m) or (inheritance_class(m),)
            candidates.append(Candidate(m.start(), m.end(), ids, "dictionary", notes=[NOTE]))
        return doc

    def named_disease(self, text: str, phrase: re.Match) -> tuple[str, ...]:
        """The disease the words after the inheritance word name, longest first ("adult neuromuscular disease",
        then "neuromuscular disease"); () when they are only the head noun."""
        words = list(re.finditer(r"\S+", text[phrase.end("inheritance"):phrase.end()]))
        for w in words[:-1]:
            ids = self.kb.named_ids(text[phrase.end("inheritance") + w.start():phrase.end()], "CONDITION", limit=3)
            if ids:
                return ids
        return ()
