"""The biomedical tokenizer: spaCy's English rules plus infixes that split compounds at - / +, a hyphen split
from the word after a stereo descriptor ("(+)-naloxone"), an isotope label from its tracer ("[11C]raclopride"), a
genotype from its gene ("TRPV1-/-"), and a sentence's final period split from a code that ends in one capital
("MEN 2A.", "CsA.").

Why not scispaCy's combined_rule_tokenizer: it keeps "cocaine-induced" and "TRPA1/TRPV1" whole, so
9.4% of BC5CDR training entities do not start or end on a token boundary, against 1.1% here, at the
same speed (see benchmarks/RESULTS.md). Token-aligned entities matter for the NER model and doc.ents.
"""
from __future__ import annotations

from typing import Callable

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

_WORD = r"A-Za-z0-9\u0370-\u03ff\u00b5\u00b2\u00b3\u00b9\u2070-\u209f"
BIOMEDICAL_INFIXES = (
    # "cocaine-induced", "TRPA1/TRPV1", "Na+-K+": split between alphanumerics (Greek included)
    rf"(?<=[{_WORD}])[-/+](?=[{_WORD}])",
    # "(PAN)-induced", "(SNP)-treated": split the closing bracket and the hyphen or slash after it
    r"[)\]](?=[-/][A-Za-z])",
    r"(?<=[)\]])[-/](?=[A-Za-z])",
    # a genotype after a gene or receptor symbol ("TRPV1-/-", "Oprm1+/-", "TRPV1(-/-)"): the mention is the symbol
    r"(?<=[A-Za-z0-9])[-+]/[-+](?![\w/])",
    r"(?<=[A-Za-z0-9])\((?=[-+]/[-+])",
    r"(?<=\()[-+]/[-+]",
    # "[11C]raclopride", "[18F]FDG", "[(11)C]PBR28": split the bracket that closes an isotope label from the name
    # ("[99mTc]HMPAO": a metastable isotope)
    r"(?:(?<=[\d)][A-Z])|(?<=[\d)][A-Z][a-z])|(?<=\dm[A-Z][a-z]))\](?=[\w(])",
)

# "(+)-naloxone": spaCy strips "(", "+" and ")" as prefixes, which leaves "-naloxone", where the infix after a
# bracket no longer sees the bracket; a hyphen before a letter at the start of what is left is a prefix too
BIOMEDICAL_PREFIXES = (r"-(?=[A-Za-z])",)
# spaCy keeps a period after a single capital as an initial's ("J."), also in "2A." and "CsA.": split it when
# the capital follows a digit or a lower-case letter, which no initial does
BIOMEDICAL_SUFFIXES = (r"(?<=[0-9a-z][A-Z])\.",)


@registry.tokenizers("meshtag.Tokenizer.v1")
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's default tokenizer with the BIOMEDICAL_ prefixes, infixes and suffixes added to the language's."""
    default_tokenizer = registry.tokenizers.get("spacy.Tokenizer.v1")()

    def make(nlp: Language) -> Tokenizer:
        tokenizer = default_tokenizer(nlp)
        infixes = list(nlp.Defaults.infixes or ()) + list(BIOMEDICAL_INFIXES)
        tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        prefixes = list(nlp.Defaults.prefixes or ()) + list(BIOMEDICAL_PREFIXES)
        tokenizer.prefix_search = compile_prefix_regex(prefixes).search
        suffixes = list(nlp.Defaults.suffixes or ()) + list(BIOMEDICAL_SUFFIXES)
        tokenizer.suffix_search = compile_suffix_regex(suffixes).search
        return tokenizer

    return make


def blank_biomedical() -> Language:
    """A blank English pipeline with the meshtag tokenizer."""
    import spacy

    return spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "meshtag.Tokenizer.v1"}}})
