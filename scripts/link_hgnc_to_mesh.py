"""Write models/curation/hgnc_mesh_links.tsv: the symbols of HGNC-only receptor genes that MeSH does name.

The KB keeps an `HGNC:` concept for a receptor/channel gene only when MeSH seemed to lack it, but
MeSH supplementary records often name the receptor in another word order ("metabotropic glutamate
receptor 7" for GRM7 "glutamate metabotropic receptor 7"; "serotonin 6 receptor" for HTR6
"5-hydroxytryptamine receptor 6"). For each such gene whose approved name finds exactly one specific
MeSH receptor concept by exact or token-reordered lookup (not the family the gene is already related
to), the gene's symbol and aliases become curated terms of that MeSH concept, so "mGlu7" links to
MESH:C102719 as the issue's id rule asks (HGNC only where MeSH has no concept). A gene whose name finds nothing
is linked when one of its symbols with the name's head word is exactly one MeSH name (CLCN1, alias "ClC-1",
"chloride voltage-gated channel 1": "ClC-1 channel" = MESH:C086321 "CLC-1 channel").

    python scripts/link_hgnc_to_mesh.py --hgnc ../shared/data/mesh/hgnc_entries.tsv
"""
from __future__ import annotations

import argparse
import csv
from pathlib import Path

from meshtag.fsutil import atomic_open
from meshtag.kb import KnowledgeBase
from meshtag.kb.hgnc import read_genes
from meshtag.paths import curation_dir

OUTPUT = "hgnc_mesh_links.tsv"
COLUMNS = ("term", "concept_id", "label", "source", "note")
MIN_SCORE = 0.95  # exact (1.0) or token-reordered (0.95) name; never fuzzy
HEAD_WORDS = ("receptor", "channel")


def mesh_equivalent(kb: KnowledgeBase, gene_concept) -> tuple[str, str] | None:
    """The one specific MeSH receptor concept named like the gene, if there is exactly one, and how it is named.
    The family the gene is related to counts only when the gene's name is one of its terms exactly (PGR,
    "progesterone receptor" = Receptors, Progesterone), not in another word order."""
    hits = {h.id: "same name up to word order" for h in kb.lookup(gene_concept.name, limit=5, fuzzy=False)
            if h.id.startswith("MESH:") and h.score >= MIN_SCORE and h.label == "RECEPTOR"
            and (h.id != gene_concept.related_id or h.score >= 1.0)}
    if not hits:
        hits = symbol_with_head(kb, gene_concept)
    return hits.popitem() if len(hits) == 1 else None


def symbol_with_head(kb: KnowledgeBase, gene_concept) -> dict[str, str]:
    """MeSH receptor concepts named exactly "<symbol or alias> <head word of the gene's name>" ("ClC-1 channel")."""
    heads = [w for w in HEAD_WORDS if w in gene_concept.name.lower().split()]
    return {h.id: f"its name is '{alias} {head}'" for head in heads for alias in gene_concept.synonyms
            for h in kb.lookup(f"{alias} {head}", limit=3, fuzzy=False)
            if h.id.startswith("MESH:") and h.score >= 1.0 and h.label == "RECEPTOR"}


def link_rows(kb: KnowledgeBase, hgnc_file: Path) -> list[dict[str, str]]:
    rows = []
    for gene in read_genes(hgnc_file):
        concept = kb.get(gene.hgnc_id)
        if concept is None or concept.kind != "hgnc":
            continue
        found = mesh_equivalent(kb, concept)
        if found is None:
            continue
        mesh_id, how = found
        mesh = kb.get(mesh_id)
        for term in dict.fromkeys((gene.symbol, *concept.synonyms)):
            best = kb.lookup(term, limit=1, fuzzy=False)
            if not best or best[0].id != gene.hgnc_id:  # the alias names something else first: leave it
                continue
            rows.append({"term": term, "concept_id": mesh_id, "label": "RECEPTOR",
                         "source": f"{gene.hgnc_id} {gene.symbol} '{gene.name}' = {mesh_id} '{mesh.name}' "
                                   f"({how}; HGNC symbols/aliases)",
                         "note": "scripts/link_hgnc_to_mesh.py"})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hgnc", type=Path, required=True, help="HGNC export (hgnc_entries.tsv)")
    ap.add_argument("-o", "--output", type=Path, default=curation_dir() / OUTPUT)
    args = ap.parse_args()
    kb = KnowledgeBase.load(curation=False)
    rows = link_rows(kb, args.hgnc)
    with atomic_open(args.output) as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    genes = sorted({r["source"].split()[0] for r in rows})
    print(f"{len(rows)} terms of {len(genes)} HGNC-only genes linked to MeSH in {args.output}")


if __name__ == "__main__":
    main()
