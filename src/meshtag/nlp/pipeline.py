"""Assemble the meshtag spaCy pipeline ("fast": dictionary only; "accurate": + statistical NER)."""
from __future__ import annotations

import warnings
from pathlib import Path

import spacy
from spacy.language import Language

# Importing the component modules registers their factories with spaCy.
from meshtag.nlp import (  # noqa: F401
    abbreviations, ambiguity, coordination, curation, deficiency, dict_features, dictionary, disease_genes, drug_codes,
    drug_stems, entities, inherited, model_linker, negations, propagation, receptor_names, senses, sentences, subunits,
    suffixes, tokenizer, transporter_ions,
)
from meshtag.nlp.blas import numpy_blas
from meshtag.paths import models_dir

MODES = ("fast", "accurate")
PIPELINE_VERSION = "meshtag-pipeline-1"


def default_ner_dir() -> Path:
    return models_dir() / "ner"


def load(mode: str = "accurate", kb_path: str | Path | None = None, ner_path: str | Path | None = None,
         curation: str | Path | None = None, blocked_terms: str | None = None,
         conventions: str = "meshtag", mesh_year: int | None = None) -> Language:
    """Build the pipeline. `curation` is a reviewer curation folder (default: --curation > $MESHTAG_CURATION >
    ./curation); its accepted surface forms become KB terms and its decisions are applied to every doc.
    `blocked_terms`: a blocked-terms TSV (None: the committed lists; "": none). `conventions`: "meshtag"
    (default), "pubtator" (coordinated mentions as one composite span, as PubTator gold files write them) or
    "bc5cdr" (also drops pharmacological-class words BC5CDR leaves unannotated); see meshtag.nlp.conventions.
    `mesh_year` (2015 or 2012; None: today's MeSH): write a disease descriptor or supplementary concept MeSH added
    after that year's MeSH as the older one that held it, as a corpus annotated then does (BC5CDR 2015,
    NCBI-disease 2012); see meshtag.kb.era."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    from meshtag.review.curation import resolve_curation_dir

    kb_cfg = str(kb_path) if kb_path else None
    folder = resolve_curation_dir(curation)
    curation_cfg = str(folder) if folder else None
    nlp = tokenizer.blank_biomedical()
    nlp.add_pipe("meshtag_sentences")
    nlp.add_pipe("meshtag_abbreviations")
    nlp.add_pipe("meshtag_dictionary",
                 config={"kb_path": kb_cfg, "blocked_terms": blocked_terms, "curation_dir": curation_cfg})
    nlp.add_pipe("meshtag_senses", config={"kb_path": kb_cfg, "conventions": conventions})
    nlp.add_pipe("meshtag_name_suffixes", config={"kb_path": kb_cfg})
    nlp.add_pipe("meshtag_deficiency_adjectives", config={"kb_path": kb_cfg})
    nlp.add_pipe("meshtag_inherited_diseases", config={"kb_path": kb_cfg})
    nlp.add_pipe("meshtag_disease_genes", config={"kb_path": kb_cfg, "conventions": conventions})
    nlp.add_pipe("meshtag_receptor_names", config={"kb_path": kb_cfg})
    nlp.add_pipe("meshtag_coordination", config={"kb_path": kb_cfg})
    nlp.add_pipe("meshtag_subunits", config={"kb_path": kb_cfg})
    nlp.add_pipe("meshtag_drug_stems", config={"kb_path": kb_cfg})
    if mode == "accurate":
        add_statistical_ner(nlp, Path(ner_path) if ner_path else default_ner_dir(), kb_cfg, conventions)
    nlp.add_pipe("meshtag_abbreviation_propagation", config={"kb_path": kb_cfg, "blocked_terms": blocked_terms})
    nlp.add_pipe("meshtag_negated_modifiers", config={"kb_path": kb_cfg, "conventions": conventions})
    nlp.add_pipe("meshtag_drug_codes", config={"kb_path": kb_cfg})
    nlp.add_pipe("meshtag_ambiguity", config={"kb_path": kb_cfg})
    nlp.add_pipe("meshtag_transporter_ions", config={"kb_path": kb_cfg, "conventions": conventions})
    nlp.add_pipe("meshtag_entities", config={"kb_path": kb_cfg, "conventions": conventions, "mesh_year": mesh_year,
                                             "blocked_terms": blocked_terms})
    nlp.meta["name"] = f"meshtag_{mode}"
    nlp.meta["version"] = PIPELINE_VERSION
    nlp.meta["meshtag_mode"] = mode
    nlp.meta["meshtag_conventions"] = conventions
    nlp.meta["meshtag_mesh_year"] = mesh_year
    nlp.add_pipe("meshtag_curation", config={"curation_dir": curation_cfg})
    return nlp


def add_statistical_ner(nlp: Language, ner_dir: Path, kb_cfg: str | None, conventions: str = "meshtag") -> None:
    """Source the trained tok2vec + NER from `ner_dir` and link their mentions with the KB (`conventions`
    decide which modifiers the model adds to a linked head are kept: see meshtag_model_linker)."""
    if not (ner_dir / "config.cfg").exists():
        warnings.warn(f"no trained NER model at {ner_dir}: accurate mode runs dictionary-only", stacklevel=3)
        return
    with numpy_blas():
        trained = spacy.load(ner_dir)
    for name in trained.pipe_names:
        nlp.add_pipe(name, source=trained)
    nlp.add_pipe("meshtag_model_linker", config={"kb_path": kb_cfg, "conventions": conventions})
