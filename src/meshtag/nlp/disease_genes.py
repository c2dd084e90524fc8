"""Genes named after their disease, under the PubTator (NCBI-disease) conventions: "the VHL gene", "APC
mutations", "the CHM locus" are mentions of von Hippel-Lindau disease, adenomatous polyposis coli, choroideremia.

NCBI-disease annotates such a symbol as the disease it names (training set: 112 of 122 symbols before "gene",
"mutation", "locus" or "allele" whose protein MeSH names after a disease: APC 61 of 62, VHL 22 of 23, ALD 13 of
13), while meshtag's own conventions and BC5CDR's leave genes alone. The disease is found through the KB: the
symbol is a term of a gene product with no label whose name, without "protein", "human" or "tumor suppressor",
names a disease ("von Hippel-Lindau syndrome protein, human", "Adenomatous Polyposis Coli Protein") that the
symbol abbreviates (its letters in order: not "WASP", the protein's own short form, 0 of 14 annotated). A symbol
ending in a digit is a numbered locus the corpus leaves unannotated ("RB1", "WT1", "BRCA2": 0 of 27).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from meshtag.kb.terms import letters_in_order
from meshtag.nlp.candidates import Candidate, get_candidates, text_of
from meshtag.nlp.conventions import ConventionsComponent
from meshtag.nlp.scan_patterns import CAPITAL_STARTING_WORD

SYMBOL_BEFORE_GENE = re.compile(
    rf"({CAPITAL_STARTING_WORD}[A-Za-z0-9]{{0,6}}[A-Za-z])(?=\s+(?:genes?|mutations?|locus|alleles?)\b)")
PRODUCT_WORDS = re.compile(r"(?:,\s*human|\s+protein|\s+gene product|\s+tumor suppressor)$", re.IGNORECASE)
MIN_NAME = 6  # a stripped name shorter than this is no disease's name
NOTE = "disease-named gene"


@Language.factory("meshtag_disease_genes", default_config={"kb_path": None, "conventions": "meshtag"})
def make_disease_genes(nlp: Language, name: str, kb_path: str | None, conventions: str) -> "DiseaseGenes":
    return DiseaseGenes(kb_path, conventions)


def product_stem(name: str) -> str:
    """A gene product's name without the words that make it a product.

    >>> product_stem("von Hippel-Lindau syndrome protein, human"), product_stem("Adenomatous Polyposis Coli Protein")
    ('von Hippel-Lindau syndrome', 'Adenomatous Polyposis Coli')
    """
    previous = None
    while previous != name:
        previous, name = name, PRODUCT_WORDS.sub("", name).strip()
    return name


class DiseaseGenes(ConventionsComponent):
    """Adds, under the pubtator conventions, the disease a gene symbol before "gene" or "mutation" is named after."""

    def __init__(self, kb_path: str | None = None, conventions: str = "meshtag"):
        super().__init__(kb_path, conventions)
        self._diseases: dict[str, tuple[str, ...]] = {}

    def disease_of(self, symbol: str) -> tuple[str, ...]:
        """The disease concepts the symbol's unlabelled gene product is named after, memoised."""
        if symbol not in self._diseases:
            self._diseases[symbol] = next(filter(None, (self.named_after(symbol, hit.id) for hit in
                                                        self.kb.lookup(symbol, limit=5, fuzzy=False)
                                                        if hit.score >= 1.0 and not hit.label)), ())
        return self._diseases[symbol]

    def named_after(self, symbol: str, product_id: str) -> tuple[str, ...]:
        """The disease a gene product's name (or synonym) is, without its product words, if `symbol` spells it."""
        product = self.kb.get(product_id)
        for name in (product.name, *product.synonyms):
            stem = product_stem(name)
            if len(stem) >= MIN_NAME and stem.lower() != name.lower() and letters_in_order(stem, symbol):
                ids = self.kb.named_ids(stem, "CONDITION", limit=3)
                if ids:
                    return ids
        return ()

    def __call__(self, doc: Doc) -> Doc:
        if self.conventions != "pubtator":
            return doc
        text = text_of(doc)
        candidates = get_candidates(doc)
        taken = {(c.start, c.end) for c in candidates if c.concept_ids and self.kb.label(c.concept_ids[0])}
        for m in SYMBOL_BEFORE_GENE.finditer(text):
            ids = () if m.span(1) in taken else self.disease_of(m.group(1))
            if ids:
                candidates.append(Candidate(m.start(1), m.end(1), ids, "dictionary", notes=[NOTE]))
        return doc
