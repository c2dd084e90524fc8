"""Build a knowledge base from MeSH (TSV exports or NLM XML) plus HGNC, and compile it.

Both source kinds produce the same `ConceptDraft`s; `finish` then assigns parents and labels
(label rules, supplementary concepts via their headings, concept-level overrides) and links HGNC genes.
"""
from __future__ import annotations

import csv
import datetime as _dt
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from meshtag.errors import ErrorLog, MeshtagError
from meshtag.kb import hgnc as _hgnc
from meshtag.kb import source_tsv
from meshtag.kb.compile import compile_kb
from meshtag.kb.channel_names import add_channel_spellings
from meshtag.kb.concept import ConceptDraft, internal_id
from meshtag.kb.eponyms import add_possessive_eponyms
from meshtag.kb.labels import LabelRules, is_biologic_drug, label_of_headings
from meshtag.kb.terms import bracketed_short_form
from meshtag.kb.type_numbers import add_type_number_spellings
from meshtag.model import LABELS
from meshtag.paths import curation_dir

OVERRIDES_FILE = "label_overrides.tsv"


def read_label_overrides(path: Path, errors: ErrorLog | None = None) -> dict[str, str | None]:
    """concept_id -> label (None for "none") from a `concept_id label source note` table."""
    overrides: dict[str, str | None] = {}
    if not path.exists():
        return overrides
    with open(path, encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh, delimiter="\t"), start=2):
            label = (row.get("label") or "").strip()
            if not row.get("concept_id") or (label not in LABELS and label != "none") or not row.get("source"):
                if errors is not None:
                    errors.report(str(path), f"line {n}", "needs concept_id, a known label or none, and a source")
                continue
            overrides[internal_id(row["concept_id"])] = None if label == "none" else label
    return overrides


def _tree_label(d: ConceptDraft, rules: LabelRules) -> str | None:
    """A descriptor's label by its tree numbers, or DRUG for a biologic named by its INN stem."""
    if is_biologic_drug(d.name, d.tree_numbers, supplementary=False):
        return "DRUG"
    return rules.label_of_trees(d.tree_numbers)


def finish(drafts: dict[str, ConceptDraft], rules: LabelRules | None = None,
           overrides: dict[str, str | None] | None = None) -> None:
    """Set parents and labels of every draft (descriptors first, then supplementary concepts)."""
    rules = rules or LabelRules()
    overrides = overrides or {}
    tree_owner = {t: d.key for d in drafts.values() if d.kind == "descriptor" for t in d.tree_numbers}
    for d in drafts.values():
        if d.kind == "descriptor":
            parents = (tree_owner.get(t.rsplit(".", 1)[0]) for t in d.tree_numbers if "." in t)
            d.parents = list(dict.fromkeys(p for p in parents if p and p != d.key))
            d.label = overrides[d.key] if d.key in overrides else _tree_label(d, rules)
    for d in drafts.values():
        if d.kind == "supplementary":
            d.mapped_to = [m for m in d.mapped_to if m]
            d.parents = [m for m in d.mapped_to if m in drafts]
            inherited = label_of_headings(drafts[m].label for m in d.parents)
            d.label = overrides[d.key] if d.key in overrides else \
                "DRUG" if is_biologic_drug(d.name, (), supplementary=True) else inherited


def build_from_tsv(tsv_dir: Path, hgnc_file: Path | None = None, errors: ErrorLog | None = None,
                   curation: Path | None = None, common: frozenset[str] | None = None
                   ) -> tuple[dict[str, ConceptDraft], dict[str, Any]]:
    """Concepts from the TSV exports in `tsv_dir` (+ HGNC); returns drafts and source metadata.
    `common`: the common English words whose HGNC aliases are left out (default: the committed list)."""
    desc, supp = tsv_dir / source_tsv.DESCRIPTORS, tsv_dir / source_tsv.SUPPLEMENTARY
    for f in (desc, supp):
        if not f.exists():
            raise MeshtagError(f"{f}: missing (a TSV source directory needs {desc.name} and {supp.name})")
    drafts = {d.key: d for d in source_tsv.read_descriptors(desc, errors)}
    drafts.update((d.key, d) for d in source_tsv.read_supplementary(supp, errors))
    sources = [str(desc), str(supp)]
    xrefs = tsv_dir / source_tsv.XREFS
    links = source_tsv.read_hgnc_xrefs(xrefs, errors) if xrefs.exists() else {}
    if links:
        sources.append(str(xrefs))
    hgnc_file = hgnc_file or (tsv_dir / source_tsv.HGNC if (tsv_dir / source_tsv.HGNC).exists() else None)
    meta = _finish_all(drafts, hgnc_file, links, errors, curation, common)
    meta["sources"] = sources + ([str(hgnc_file)] if hgnc_file else [])
    meta["source_kind"] = "tsv"
    return drafts, meta


def build_from_nlm(desc_xml: Path, supp_xml: Path | None, hgnc_file: Path | None = None,
                   errors: ErrorLog | None = None, curation: Path | None = None, xrefs: Path | None = None
                   ) -> tuple[dict[str, ConceptDraft], dict[str, Any]]:
    """Concepts from official NLM MeSH XML (descriptors, optional supplementary records), streamed."""
    from meshtag.kb import source_nlm

    drafts = {d.key: d for d in source_nlm.read_descriptors(desc_xml, errors)}
    if supp_xml is not None:
        drafts.update((d.key, d) for d in source_nlm.read_supplementary(supp_xml, errors))
    links = source_tsv.read_hgnc_xrefs(xrefs, errors) if xrefs else {}
    meta = _finish_all(drafts, hgnc_file, links, errors, curation)
    meta["sources"] = [str(p) for p in (desc_xml, supp_xml, xrefs, hgnc_file) if p]
    meta["source_kind"] = "nlm-xml"
    meta["mesh_year"] = source_nlm.mesh_year(desc_xml)
    return drafts, meta


def add_bracketed_short_forms(drafts: dict[str, ConceptDraft]) -> int:
    """Give each concept the short forms MeSH writes only with their name in brackets ("CRPS (Complex Regional
    Pain Syndromes)", "TBI (Traumatic Brain Injury)"): papers write the short form alone. Returns how many."""
    added = 0
    for d in drafts.values():
        names = [t for t, _ in d.terms]
        for short in dict.fromkeys(s for t in names if (s := bracketed_short_form(t, names)) is not None):
            before = len(d.terms)
            d.add_term(short, "synonym")
            added += len(d.terms) - before
    return added


def _finish_all(drafts: dict[str, ConceptDraft], hgnc_file: Path | None, links: dict[str, str],
                errors: ErrorLog | None, curation: Path | None,
                common: frozenset[str] | None = None) -> dict[str, Any]:
    overrides = read_label_overrides((curation or curation_dir()) / OVERRIDES_FILE, errors)
    finish(drafts, overrides=overrides)
    meta: dict[str, Any] = {"label_overrides": len(overrides),
                            "bracketed_short_forms": add_bracketed_short_forms(drafts),
                            "possessive_eponyms": add_possessive_eponyms(drafts),
                            "type_number_spellings": add_type_number_spellings(drafts),
                            "channel_spellings": add_channel_spellings(drafts)}
    if hgnc_file is not None:
        meta["hgnc_links"] = _hgnc.link_genes(drafts, _hgnc.read_genes(hgnc_file), links, common)
    return meta


def write_kb(drafts: dict[str, ConceptDraft], meta: dict[str, Any], out: Path,
             extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Compile drafts into `out` with build metadata (date, sources, MeSH year).

    The KB is compiled in a sibling folder and swapped in whole, so a process loading `out` meanwhile
    never sees files of two builds.
    """
    meta = dict(meta, built=_dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), **(extra or {}))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        meta = compile_kb(list(drafts.values()), staging, meta)
        staging.chmod(0o755)
        if out.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            os.replace(out, retired / out.name)
            os.replace(staging, out)
            shutil.rmtree(retired)
        else:
            os.replace(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return meta
