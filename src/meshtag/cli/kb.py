"""`meshtag kb`: build the knowledge base, show a concept, look a name up."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from meshtag.errors import MeshtagError


@click.group()
def kb() -> None:
    """Build and query the MeSH knowledge base."""


@kb.command()
@click.option("--nlm-desc", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="NLM MeSH descriptors, desc20XX.xml or .xml.gz")
@click.option("--nlm-supp", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="NLM MeSH supplementary concept records, supp20XX.xml or .xml.gz")
@click.option("--tsv-dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="folder with the TSV exports (mesh_descriptors.tsv, mesh_supplementary.tsv, mesh_xrefs.tsv)")
@click.option("--hgnc", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="HGNC genes (hgnc_entries.tsv); with --tsv-dir, the one in that folder by default")
@click.option("--xrefs", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="MeSH-HGNC cross references (mesh_xrefs.tsv) for an XML build")
@click.option("--curation", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="folder with label_overrides.tsv (default: the shipped models/curation)")
@click.option("--mesh-year", type=int, help="MeSH year recorded in the manifest (XML builds read it from the file)")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="output folder for the compiled knowledge base")
def build(nlm_desc: Path | None, nlm_supp: Path | None, tsv_dir: Path | None, hgnc: Path | None,
          xrefs: Path | None, curation: Path | None, mesh_year: int | None, output: Path) -> None:
    """Build a knowledge base from NLM MeSH XML (--nlm-desc/--nlm-supp) or TSV exports (--tsv-dir)."""
    from meshtag.errors import ErrorLog
    from meshtag.kb.build import build_from_nlm, build_from_tsv, write_kb

    if bool(nlm_desc) == bool(tsv_dir):
        raise MeshtagError("give either --nlm-desc (with --nlm-supp) or --tsv-dir")
    errors = ErrorLog(path=ErrorLog.beside(output))
    if nlm_desc:
        drafts, meta = build_from_nlm(nlm_desc, nlm_supp, hgnc, errors, curation, xrefs)
    else:
        drafts, meta = build_from_tsv(tsv_dir, hgnc, errors, curation)
    extra = {"mesh_year": mesh_year} if mesh_year else {}
    meta = write_kb(drafts, meta, output, extra)
    counts = meta["counts"]
    click.echo(f"wrote {output}: {counts['concepts']} concepts ({counts['descriptor']} descriptors, "
               f"{counts['supplementary']} supplementary, {counts['hgnc']} HGNC-only), {counts['terms']} terms"
               + (f"; {errors.count} problems reported" if errors.count else ""))


def _concept_dict(concept) -> dict:
    return {"id": concept.id, "name": concept.name, "label": concept.label,
            "tree_numbers": list(concept.tree_numbers), "synonyms": list(concept.synonyms),
            "parents": list(concept.parents), "pharm_actions": list(concept.pharm_actions),
            "mapped_to": list(concept.mapped_to), "related_id": concept.related_id, "kind": concept.kind,
            "scope_note": concept.scope_note, "flags": list(concept.flags)}


@kb.command()
@click.argument("concept_id")
@click.option("--json", "as_json", is_flag=True, help="print JSON")
@click.option("--kb-dir", type=click.Path(exists=True, file_okay=False, path_type=Path), help="compiled KB folder")
def info(concept_id: str, as_json: bool, kb_dir: Path | None) -> None:
    """Show a concept: id, name, label, tree numbers, synonyms (ids with or without MESH:)."""
    from meshtag.kb import KnowledgeBase

    concept = KnowledgeBase.load(kb_dir).get(concept_id)
    if concept is None:
        raise MeshtagError(f"{concept_id}: no such concept in the knowledge base")
    if as_json:
        click.echo(json.dumps(_concept_dict(concept), ensure_ascii=False, indent=2))
        return
    click.echo(f"{concept.id}\t{concept.name}\nlabel: {concept.label or 'none'}\nkind: {concept.kind}")
    for field, values in (("tree numbers", concept.tree_numbers), ("parents", concept.parents),
                          ("mapped to", concept.mapped_to), ("pharmacological actions", concept.pharm_actions),
                          ("synonyms", concept.synonyms)):
        if values:
            click.echo(f"{field}: " + " | ".join(values))
    if concept.related_id:
        click.echo(f"related: {concept.related_id} ({', '.join(concept.flags)})")
    if concept.scope_note:
        click.echo(f"scope note: {concept.scope_note}")


@kb.command()
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="print a JSON list of {id, name, label, score}")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--kb-dir", type=click.Path(exists=True, file_okay=False, path_type=Path), help="compiled KB folder")
def lookup(text: str, as_json: bool, limit: int, kb_dir: Path | None) -> None:
    """Candidate concepts for TEXT, best first (exact 1.0, reordered words 0.95, fuzzy below)."""
    from meshtag.kb import KnowledgeBase

    found = KnowledgeBase.load(kb_dir).lookup(text, limit=limit)
    if as_json:
        json.dump([c._asdict() for c in found], sys.stdout, ensure_ascii=False)
        click.echo()
        return
    for c in found:
        click.echo(f"{c.score:.3f}\t{c.id}\t{c.label or 'none'}\t{c.name}")
