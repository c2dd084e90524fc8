"""Link HGNC human genes to MeSH concepts and keep HGNC-only concepts for receptor/channel genes.

A gene's symbol, aliases and previous symbols become "hgnc" terms of:
1. the MeSH concept the xrefs file links to the gene (HGNC rows), else
2. the supplementary record "SYMBOL protein, human" (matched on its name or synonyms), plus its single
   mapped heading when that heading's name contains the symbol (TRPA1 -> "TRPA1 Cation Channel").
Receptor or channel genes with neither get an `HGNC:n` concept whose `related_id` is the closest MeSH
receptor/channel family (flag "related_is_family").
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from meshtag.kb.concept import ConceptDraft
from meshtag.kb.normalize import normalize
from meshtag.kb.terms import common_words

_HUMAN_PROTEIN = re.compile(r"^(.+?) protein, human$", re.IGNORECASE)
_RECEPTOR_NAME = re.compile(r"\b(receptor|channel)\b", re.IGNORECASE)
_NOT_A_RECEPTOR = re.compile(r"\b(interacting|associated|accessory|coactivator|corepressor|binding|regulator|"
                             r"modulator|modifying|adaptor|chaperone|kinase|ligand|antagonist|like|"
                             r"transporter|pseudogene|activity|tetramerization|auxiliary)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Gene:
    hgnc_id: str       # "HGNC:497"
    symbol: str
    name: str
    aliases: tuple[str, ...]


def read_genes(path: Path) -> list[Gene]:
    """Protein-coding approved genes from the HGNC export (header row with HGNC's column names)."""
    genes = []
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row.get("Status") != "Approved" or row.get("Locus type") != "gene with protein product":
                continue
            extra = f"{row.get('Alias symbols') or ''},{row.get('Previous symbols') or ''}"
            aliases = tuple(dict.fromkeys(a.strip() for a in extra.split(",") if a.strip()))
            genes.append(Gene(row["HGNC ID"], row["Approved symbol"], row["Approved name"], aliases))
    return genes


def _human_protein_index(drafts: dict[str, ConceptDraft]) -> dict[str, str]:
    """Upper-cased symbol -> supplementary key, from "X protein, human" names and synonyms."""
    index: dict[str, str] = {}
    for d in drafts.values():
        if d.kind != "supplementary":
            continue
        for text, _ in d.terms:
            m = _HUMAN_PROTEIN.match(text)
            if m:
                index.setdefault(m.group(1).upper(), d.key)
    return index


_STRUCTURAL = frozenset({"family", "subfamily", "group", "member", "type", "like", "domain", "containing"})


def _name_tokens(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(words, numbers) of a name for family matching. Words are tokens of 3+ letters without HGNC's naming
    scaffold ("family 1 subfamily A member 2"); numbers must match too but do not count as evidence.

    >>> words, numbers = _name_tokens("interleukin 10 receptor subunit alpha")
    >>> sorted(words), sorted(numbers)
    (['alpha', 'interleukin', 'receptor', 'subunit'], ['10'])
    """
    tokens = normalize(text).split()
    words = frozenset(t for t in tokens if len(t) > 2 and t.isalpha() and t not in _STRUCTURAL)
    return words, frozenset(t for t in tokens if t.isdigit())


def _family_of(gene: Gene, receptors: list[tuple[frozenset[str], frozenset[str], int, str]]) -> str | None:
    """The receptor/channel descriptor one of whose terms has all its words (at least two) and numbers in
    the gene's name; most words first, then the most general (shallowest) family."""
    words, numbers = _name_tokens(gene.name)
    best = max((r for r in receptors if r[0] <= words and r[1] <= numbers),
               key=lambda r: (len(r[0]), -r[2]), default=None)
    return best[3] if best else None


def _usable_alias(alias: str, common: frozenset[str]) -> bool:
    """Aliases of two characters or that are common English words ("IN", "OF", "CAT") would only add noise."""
    key = normalize(alias)
    return len(key.replace(" ", "")) > 2 and key not in common


def link_genes(drafts: dict[str, ConceptDraft], genes: list[Gene], xref_links: dict[str, str],
               common: frozenset[str] | None = None) -> dict[str, int]:
    """Add gene terms to MeSH concepts, and HGNC-only concepts; labels must already be set. Returns counts.
    `common`: the common English words whose aliases are left out (default: the committed list)."""
    common = common_words() if common is None else common
    proteins = _human_protein_index(drafts)
    receptors = [(words, numbers, len(d.tree_numbers[0].split(".")) if d.tree_numbers else 0, d.key)
                 for d in drafts.values() if d.kind == "descriptor" and d.label == "RECEPTOR"
                 for words, numbers in {_name_tokens(t) for t, _ in d.terms} if len(words) >= 2]
    counts = {"xref": 0, "human_protein": 0, "hgnc_only": 0}
    for gene in genes:
        targets: list[str] = []
        if gene.symbol in xref_links and xref_links[gene.symbol] in drafts:
            targets.append(xref_links[gene.symbol])
            counts["xref"] += 1
        elif gene.symbol.upper() in proteins:
            supp = drafts[proteins[gene.symbol.upper()]]
            targets.append(supp.key)
            if len(supp.mapped_to) == 1 and supp.mapped_to[0] in drafts:
                heading = drafts[supp.mapped_to[0]]
                if normalize(gene.symbol) in normalize(heading.name):
                    targets.insert(0, heading.key)
            counts["human_protein"] += 1
        elif _RECEPTOR_NAME.search(gene.name) and not _NOT_A_RECEPTOR.search(gene.name):
            family = _family_of(gene, receptors)
            if family is None:
                continue
            hg = ConceptDraft(key=gene.hgnc_id, name=gene.name, kind="hgnc", related_id="MESH:" + family,
                              flags=["related_is_family"], label=drafts[family].label, parents=[family])
            hg.add_term(gene.name, "name")
            drafts[hg.key] = hg
            targets.append(hg.key)
            counts["hgnc_only"] += 1
        for key in targets:
            for sym in (gene.symbol, *(a for a in gene.aliases if _usable_alias(a, common))):
                drafts[key].add_term(sym, "hgnc")
    return counts
