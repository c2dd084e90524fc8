"""Link HGNC human genes to MeSH concepts and keep HGNC-only concepts for receptor/channel genes.

A gene's symbol, aliases and previous symbols become "hgnc" terms of:
1. the MeSH concept the xrefs file links to the gene (HGNC rows), unless it is a biologic drug, else
2. the supplementary record "SYMBOL protein, human" (matched on its name or synonyms), plus its single
   mapped heading when that heading's name contains the symbol (TRPA1 -> "TRPA1 Cation Channel") or is a
   receptor ("5-HT2A", an alias of HTR2A -> Receptor, Serotonin, 5-HT2A): the heading ranks first, as the
   annotation guidelines want a species-free concept, never "... protein, human".
3. the receptor concept named by the gene's approved name (TAAR1 -> "Trace amine-associated receptor 1", a
   supplementary record not called "TAAR1 protein, human").
Receptor or channel genes with neither get an `HGNC:n` concept whose `related_id` is the closest MeSH
receptor/channel family (flag "related_is_family"; none when no family fits): the one whose name shares most
words with the gene's, then the one below all the others that do (CHRNA4, "cholinergic receptor nicotinic
alpha 4 subunit" -> Receptors, Nicotinic, not its parent Receptors, Cholinergic), else the most general.
A receptor gene's approved name also becomes a term of its concept when no concept has that name already:
MeSH lacks many of them ("epidermal growth factor receptor" for ErbB Receptors).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from meshtag.kb import labels
from meshtag.kb.concept import ConceptDraft
from meshtag.kb.normalize import normalize
from meshtag.kb.terms import common_words

_HUMAN_PROTEIN = re.compile(r"^(.+?) protein, human$", re.IGNORECASE)
_RECEPTOR_NAME = re.compile(r"\b(receptor|channel)\b", re.IGNORECASE)
# words of a gene name that is about a receptor rather than the receptor itself ("... receptor interacting protein")
_ABOUT_A_RECEPTOR = ("interacting", "associated", "accessory", "coactivator", "corepressor", "binding", "regulator",
                     "modulator", "modifying", "adaptor", "chaperone", "ligand", "antagonist", "pseudogene",
                     "activity", "auxiliary")


def _any_word(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"\b({'|'.join(words)})\b", re.IGNORECASE)


# no HGNC-only receptor concept for these (nor for kinases, "-like" genes, transporters, clusters ...)
_NOT_A_RECEPTOR = _any_word(_ABOUT_A_RECEPTOR + ("kinase", "like", "transporter", "tetramerization", "cluster",
                                                 "sequence"))


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


_RAW_TOKEN = re.compile(r"[a-z0-9]+")


def _name_tokens(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(words, required) of a name for family matching. Words are tokens of 3+ letters without HGNC's naming
    scaffold ("family 1 subfamily A member 2"); the other tokens ("mu", "4", "p2x2") must match too, a number
    with the word before it ("interleukin 1" is not the "alpha 1" of an interleukin 22 receptor), but do not
    count as evidence.

    >>> words, required = _name_tokens("interleukin 10 receptor subunit alpha")
    >>> sorted(words), sorted(required)
    (['alpha', 'interleukin', 'receptor', 'subunit'], ['interleukin 10'])
    >>> sorted(_name_tokens("mu opioid receptor")[1]), sorted(_name_tokens("purinergic P2X2 receptors")[1])
    (['mu'], ['purinergic p2x2'])
    """
    words = frozenset(t for t in normalize(text).split() if len(t) > 2 and t.isalpha() and t not in _STRUCTURAL)
    raw = _RAW_TOKEN.findall(text.lower())
    required = set()
    for i, tok in enumerate(raw):
        if tok in _STRUCTURAL or (len(tok) > 2 and tok.isalpha()):
            continue
        numbered = any(c.isdigit() for c in tok) and i and len(raw[i - 1]) > 2 and raw[i - 1].isalpha()
        required.add(f"{raw[i - 1]} {tok}" if numbered else tok)
    return words, frozenset(required)


@dataclass(frozen=True)
class _Family:
    """One term of a receptor/channel descriptor, as family matching reads it."""

    words: frozenset[str]
    required: frozenset[str]
    trees: tuple[str, ...]
    key: str

    def refines(self, other: "_Family") -> bool:
        """Is this descriptor below the other one in the tree?"""
        return any(t.startswith(o + ".") for t in self.trees for o in other.trees)


def _family_of(gene: Gene, families: list[_Family]) -> str | None:
    """The receptor/channel descriptor one of whose terms has all its words (at least two) and required
    tokens in the gene's name, with the most such words; of several, the one below all the others by a term
    of other words (CHRNA4, "cholinergic receptor nicotinic alpha 4 subunit" -> Receptors, Nicotinic, not its
    parent Receptors, Cholinergic; EphA1's "Eph receptor" does not make it the family of every Eph gene), else
    the most general (shallowest)."""
    words, required = _name_tokens(gene.name)
    fitting = [f for f in families if f.words <= words and f.required <= required]
    if not fitting:
        return None
    most = max(len(f.words) for f in fitting)
    tied = {f.key: f for f in fitting if len(f.words) == most}
    below_all = [f for f in tied.values()
                 if all(f.refines(o) and f.words != o.words for o in tied.values() if o.key != f.key)]
    if len(tied) > 1 and len(below_all) == 1:
        return below_all[0].key
    return min(tied.values(), key=lambda f: min(len(t.split(".")) for t in f.trees) if f.trees else 0).key


def _species_free_heading(supp: ConceptDraft, gene: Gene, drafts: dict[str, ConceptDraft]) -> str | None:
    """The heading a "SYMBOL protein, human" record maps to that names the gene's protein without a species:
    its one receptor heading (GRIN1 -> Receptors, N-Methyl-D-Aspartate) or, of several, the one deepest in the
    tree (SCN3A -> NAV1.3 Voltage-Gated Sodium Channel, not Sodium Channels; HCN1 -> HCN Channels, not Potassium
    Channels), else its only heading when that heading's name contains the symbol (TRPA1 -> TRPA1 Cation Channel)."""
    headings = [drafts[k] for k in supp.mapped_to if k in drafts]
    receptors = [h for h in headings if h.label == "RECEPTOR"]
    if receptors:
        depth = {h.key: max((len(t.split(".")) for t in h.tree_numbers), default=0) for h in receptors}
        deepest = [key for key, d in depth.items() if d == max(depth.values())]
        if len(deepest) == 1:
            return deepest[0]
    if len(headings) == 1 and normalize(gene.symbol) in normalize(headings[0].name):
        return headings[0].key
    return None


def _is_biologic(concept: ConceptDraft) -> bool:
    """A drug made from the gene's protein is not the gene (the xrefs link TNFRSF1B to etanercept)."""
    return labels.is_biologic_drug(concept.name, concept.tree_numbers, concept.kind == "supplementary")


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
    receptor_names = {normalize(d.name): d.key for d in drafts.values() if d.label == "RECEPTOR"}
    receptors = [_Family(words, required, tuple(d.tree_numbers), d.key)
                 for d in drafts.values() if d.kind == "descriptor" and d.label == "RECEPTOR"
                 for words, required in {_name_tokens(t) for t, _ in d.terms} if len(words) >= 2]
    counts = {"xref": 0, "human_protein": 0, "approved_name": 0, "hgnc_only": 0}
    named: dict[str, tuple[str, str]] = {}   # normalised approved name -> (concept key, name)
    for gene in genes:
        targets: list[str] = []
        if gene.symbol in xref_links and xref_links[gene.symbol] in drafts and \
                not _is_biologic(drafts[xref_links[gene.symbol]]):
            targets.append(xref_links[gene.symbol])
            counts["xref"] += 1
        elif gene.symbol.upper() in proteins:
            supp = drafts[proteins[gene.symbol.upper()]]
            targets.append(supp.key)
            heading = _species_free_heading(supp, gene, drafts)
            if heading is not None:
                targets.insert(0, heading)
            counts["human_protein"] += 1
        elif normalize(gene.name) in receptor_names:  # a receptor concept named by the approved name (TAAR1)
            targets.append(receptor_names[normalize(gene.name)])
            counts["approved_name"] += 1
        elif _RECEPTOR_NAME.search(gene.name) and not _NOT_A_RECEPTOR.search(gene.name):
            family = _family_of(gene, receptors)   # None: no MeSH family fits ("KDEL ... receptor 3")
            hg = ConceptDraft(key=gene.hgnc_id, name=gene.name, kind="hgnc", label="RECEPTOR",
                              related_id=f"MESH:{family}" if family else None,
                              flags=["related_is_family"] if family else [], parents=[family] if family else [])
            hg.add_term(gene.name, "name")
            drafts[hg.key] = hg
            targets.append(hg.key)
            counts["hgnc_only"] += 1
        for key in targets:
            for sym in (gene.symbol, *(a for a in gene.aliases if _usable_alias(a, common))):
                drafts[key].add_term(sym, "hgnc")
        if targets and _names_the_receptor(gene, drafts[targets[0]]):
            named[normalize(gene.name)] = (targets[0], gene.name)
    _add_unclaimed_names(drafts, named)
    counts["names"] = sum(1 for key, name in named.values() if (name, "hgnc") in drafts[key].terms)
    return counts


def _add_unclaimed_names(drafts: dict[str, ConceptDraft], named: dict[str, tuple[str, str]]) -> None:
    """Add each approved name to its concept unless some concept already has a term of the same key
    ("somatostatin receptor 2" is a supplementary record of its own, not a name for the family).

    >>> family = ConceptDraft(key="D017481", name="Receptors, Somatostatin", kind="descriptor")
    >>> sstr2 = ConceptDraft(key="C093733", name="somatostatin receptor 2", kind="supplementary")
    >>> sstr2.add_term("somatostatin receptor 2", "name")
    >>> named = {normalize(n): ("D017481", n) for n in ("somatostatin receptor 2", "somatostatin receptor 5")}
    >>> _add_unclaimed_names({"D017481": family, "C093733": sstr2}, named)
    >>> family.terms
    [('somatostatin receptor 5', 'hgnc')]
    """
    claimed = {key for d in drafts.values() for text, _ in d.terms if (key := normalize(text)) in named}
    for key, (concept, name) in named.items():
        if key not in claimed:
            drafts[concept].add_term(name, "hgnc")


# an approved name that is no name of the linked receptor itself ("... domain containing", "... family member")
_NOT_THE_RECEPTOR_ITSELF = _any_word(_ABOUT_A_RECEPTOR + ("domains?", "containing", "family"))


def _names_the_receptor(gene: Gene, target: ConceptDraft) -> bool:
    """Is the gene's approved name a name of the receptor concept it is linked to? MeSH lacks many of them
    ("epidermal growth factor receptor" for ErbB Receptors, "insulin like growth factor 1 receptor").

    >>> egfr = Gene("HGNC:3236", "EGFR", "epidermal growth factor receptor", ())
    >>> _names_the_receptor(egfr, ConceptDraft(key="D066246", name="ErbB Receptors", kind="descriptor", label="RECEPTOR"))
    True
    >>> _names_the_receptor(Gene("HGNC:1", "X", "EGFR coamplified and overexpressed protein", ()),
    ...                     ConceptDraft(key="D066246", name="ErbB Receptors", kind="descriptor", label="RECEPTOR"))
    False
    """
    return (target.label == "RECEPTOR" and bool(_RECEPTOR_NAME.search(gene.name))
            and not _NOT_THE_RECEPTOR_ITSELF.search(gene.name))
