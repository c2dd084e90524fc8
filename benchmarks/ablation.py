"""Ablation of meshtag's linking steps on the development sets (issue 6): each row removes one step from
the accurate pipeline and reports the three F1 levels, so every improvement is measured on its own.

    python benchmarks/ablation.py [--append]

Steps: abbreviation propagation, coordination, ambiguity control, blocked generic terms, the curated
term files (corpus conventions mined from the training sets, narrower-concept and domain synonyms),
the derived terms (cancer and organ sites, drugs MeSH names by their salt), the HGNC-to-MeSH receptor links,
name suffixes (salt forms, receptor head words), deficiency adjectives, inheritance-class diseases,
disease-named genes, the terms one corpus alone leaves unannotated or annotates through the chemical inside,
research compound codes (unlinked DRUG mentions), the statistical NER (= fast mode), and the corpus conventions
(for NCBI-disease and the receptor/region sets the difference is composite mentions written as one span; meshtag's own conventions also read a few words their own way, `meshtag_senses`).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import warnings
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV_SETS = {"BC5CDR dev": ("bc5cdr", "bc5cdr/CDR_DevelopmentSet.PubTator.txt"),
            "NCBI-disease dev": ("ncbi", "ncbi-disease/NCBIdevelopset_corpus.txt")}
# the hand-annotated sets: the main one and four held-out ones, each annotated blind and measured blind until it was
# used for tuning too (set 4 since session 12; docs/annotation-guidelines.md has each one's last blind figures)
RECEPTOR_SETS = {"receptor/region set": ROOT / "benchmarks/data/receptor_region/gold.pubtator",
                 "receptor/region held-out set 1": ROOT / "benchmarks/data/receptor_region_heldout/gold.pubtator",
                 "receptor/region held-out set 2": ROOT / "benchmarks/data/receptor_region_heldout2/gold.pubtator",
                 "receptor/region held-out set 3": ROOT / "benchmarks/data/receptor_region_heldout3/gold.pubtator",
                 "receptor/region held-out set 4": ROOT / "benchmarks/data/receptor_region_heldout4/gold.pubtator"}
RECEPTOR_LABELS = ("RECEPTOR", "BRAIN_REGION")
DERIVED_TERM_FILES = ("cancer_synonyms.tsv", "organ_disease_terms.tsv", "infection_disease_terms.tsv",
                      "salt_parent_terms.tsv", "ion_symbol_terms.tsv", "subtype_receptor_terms.tsv")
CURATED_TERM_FILES = ("corpus_conventions.tsv", "synonyms.tsv", "neuro_synonyms.tsv", *DERIVED_TERM_FILES)


def variants() -> dict[str, dict]:
    """name -> how to build it: load() keywords, pipes to remove, curated files to hide."""
    return {
        "full accurate": {},
        "- abbreviation propagation": {"remove": ["meshtag_abbreviation_propagation"]},
        "- coordination": {"remove": ["meshtag_coordination"]},
        "- ambiguity control": {"remove": ["meshtag_ambiguity"]},
        "- blocked terms": {"load": {"blocked_terms": ""}},
        "- curated term files": {"hide": CURATED_TERM_FILES},
        "- derived terms (cancer and organ sites, salt parents, ion symbols, receptor subtypes)": {"hide": DERIVED_TERM_FILES},
        "- HGNC-to-MeSH receptor links": {"hide": ("hgnc_mesh_links.tsv",)},
        "- name suffixes (salt forms, receptor heads)": {"remove": ["meshtag_name_suffixes"]},
        "- deficiency adjectives (\"C7-deficient\")": {"remove": ["meshtag_deficiency_adjectives"]},
        "- inheritance-class diseases (\"autosomal dominant disease\")": {"remove": ["meshtag_inherited_diseases"]},
        "- disease-named genes (\"the VHL gene\", pubtator)": {"remove": ["meshtag_disease_genes"]},
        "- receptor subunits (\"alpha3 and beta4 ... subunits\")": {"remove": ["meshtag_subunits"]},
        "- receptor word orders (\"D1 dopamine receptor\")": {"remove": ["meshtag_receptor_names"]},
        "- one corpus's blocked terms and BC5CDR ligand terms": {"hide": ("convention_blocked_terms.tsv",
                                                                         "bc5cdr_ligand_terms.tsv")},
        "- BC5CDR kept disease modifiers (heads only)": {"hide": ("bc5cdr_kept_modifiers.tsv",)},
        "- negated modifiers (\"non-papillary renal cell carcinoma\")": {"remove": ["meshtag_negated_modifiers"]},
        "- research compound codes (\"BD1047\", unlinked)": {"remove": ["meshtag_drug_codes"]},
        "- ions of transporter names (\"Na-K-2Cl cotransporter\", bc5cdr)": {"remove": ["meshtag_transporter_ions"]},
        "- statistical NER (fast)": {"load": {"mode": "fast"}},
        "- corpus conventions (meshtag's)": {"load": {"conventions": "meshtag"}},
        "- MeSH of the corpus year (today's disease concepts)": {"load": {"mesh_year": None}},
    }


def models_without(files: tuple[str, ...]) -> Path:
    """A models folder like the committed one without some curated files (symlinks, nothing copied)."""
    from meshtag.paths import models_dir

    tmp = Path(tempfile.mkdtemp(prefix="meshtag-ablation-"))
    for item in models_dir().iterdir():
        if item.name != "curation":
            (tmp / item.name).symlink_to(item)
    (tmp / "curation").mkdir()
    for f in (models_dir() / "curation").iterdir():
        if f.name not in files:
            (tmp / "curation" / f.name).symlink_to(f)
    return tmp


def run(variant: dict, gold: dict) -> list[tuple[str, str, dict, float]]:
    """Tag every dev set with one variant; (corpus, label, levels, seconds) rows."""
    from meshtag.evaluation.runner import CORPUS_LABELS, blank_copy, conventions_for, mesh_year_of
    from meshtag.evaluation.scoring import score_documents
    from meshtag.nlp.candidates import get_kb
    from meshtag.nlp.conventions import allowed_class_terms, blocked_under, kept_modifiers, ligand_terms
    from meshtag.nlp.pipeline import load
    from meshtag.tagging import tag_documents

    hidden = models_without(variant["hide"]) if variant.get("hide") else None
    previous = os.environ.get("MESHTAG_MODELS")
    if hidden:
        os.environ["MESHTAG_MODELS"] = str(hidden)
    caches = (get_kb, allowed_class_terms, kept_modifiers, blocked_under, ligand_terms)  # each reads models once
    for cache in caches:
        cache.cache_clear()
    rows = []
    try:
        for name, (corpus, docs) in gold.items():
            kwargs = {"mode": "accurate", "conventions": conventions_for(corpus), "mesh_year": mesh_year_of(corpus),
                      **variant.get("load", {})}
            nlp = load(**kwargs)
            for pipe in variant.get("remove", []):
                nlp.remove_pipe(pipe)
            start = time.perf_counter()
            pred = list(tag_documents((blank_copy(d) for d in docs), nlp))
            seconds = time.perf_counter() - start
            for label, levels in score_documents(docs, pred, CORPUS_LABELS.get(corpus, RECEPTOR_LABELS)).items():
                rows.append((name, label, levels, seconds))
    finally:
        if hidden:
            shutil.rmtree(hidden)
            if previous is None:
                os.environ.pop("MESHTAG_MODELS", None)
            else:
                os.environ["MESHTAG_MODELS"] = previous
        for cache in caches:
            cache.cache_clear()
    return rows


def main() -> None:
    warnings.filterwarnings("ignore")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT / "../shared/data/corpora")
    parser.add_argument("--append", action="store_true", help="append the table to benchmarks/RESULTS.md")
    args = parser.parse_args()
    from meshtag.evaluation.runner import read_gold

    gold = {name: (corpus, read_gold(args.corpora / rel)) for name, (corpus, rel) in DEV_SETS.items()}
    gold.update({name: (None, read_gold(path)) for name, path in RECEPTOR_SETS.items()})
    lines = ["| variant | corpus | type | strict NER F1 | mention NER+ID F1 | document concept F1 |",
             "| --- | --- | --- | ---: | ---: | ---: |"]
    for vname, variant in variants().items():
        for corpus, label, levels, _ in run(variant, gold):
            lines.append(f"| {vname} | {corpus} | {label} | {levels['ner'].f1:.3f} | {levels['ner_id'].f1:.3f} "
                         f"| {levels['doc_id'].f1:.3f} |")
        print(f"{vname}: done", file=sys.stderr)
    table = "\n".join(lines)
    print(table)
    if args.append:
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        with open(ROOT / "benchmarks" / "RESULTS.md", "a", encoding="utf-8") as fh:
            fh.write(f"\n## Ablation of the linking steps ({stamp})\n\n`python benchmarks/ablation.py` — accurate "
                     "mode with one step removed per row; BC5CDR scored with its conventions unless the row "
                     "says otherwise; development sets.\n\n" + table + "\n")


if __name__ == "__main__":
    main()
