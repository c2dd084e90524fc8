"""The peer a user would otherwise pick: scispaCy's EntityLinker over a KB built from the SAME MeSH data.

Nothing is downloaded: the scispaCy `KnowledgeBase` is built from the MeSH TSVs meshtag's own KB is
compiled from, its TF-IDF + nmslib index is built once with `create_tfidf_ann_index` and cached under
`benchmarks/work/scispacy_mesh/`, and the linker gets a local `CandidateGenerator` (never a default
linker name). scispaCy's NER models cannot be downloaded here, so the pipeline is scispaCy's tokenizer
+ sentencizer + AbbreviationDetector + an "entities given" component (gold spans, or meshtag's
mentions) + the EntityLinker; the top `kb_ents` candidate is the predicted concept.

Two deviations from a plain `create_tfidf_ann_index(out_dir, kb)` call, both forced by this machine:
- scispaCy 0.6.2 refuses scipy >= 1.11 only because it saves the tf-idf vectors as float16, which newer
  scipy cannot hold in a sparse matrix. We skip that version check, let it build in memory
  (`out_path=None`) and save the same four files ourselves with float32 vectors; `LinkerPaths.load`
  reads them back (it converts the vectors to float32 anyway).
- its HNSW build parameters (M=100, efConstruction=2000, 60 threads) need hours of CPU for the 784k
  MeSH names and entry terms on 2 shared cores. We keep M=100 (graph degree, which sets query cost) and
  the query-time efSearch=200, and lower efConstruction to 200 with 2 threads (`INDEX_OVERRIDES`):
  the graph is a little less exhaustive (recall can only be lower, never the query cheaper), which is
  the peer's own published trade-off knob.
"""
from __future__ import annotations

import csv
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

MESH_DIR = Path("/work/shared/data/mesh")
WORK = Path(__file__).resolve().parent / "work" / "scispacy_mesh"
GIVEN_ENTS_KEY = "peer_given_ents"  # doc.user_data: [(start, end, label)] to become doc.ents
INDEX_OVERRIDES = {"efConstruction": 200, "indexThreadQty": 2}  # see the module docstring


def mesh_entities(mesh_dir: Path = MESH_DIR) -> Iterator[dict]:
    """scispaCy Entity records (concept_id, canonical_name, aliases, types) for every MeSH descriptor and
    supplementary concept; types are the top tree categories (descriptors) or "SCR" (supplementary)."""
    for name, kind in (("mesh_descriptors.tsv", "descriptor"), ("mesh_supplementary.tsv", "supplementary")):
        with open(mesh_dir / name, encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) < 2 or not row[0].strip():
                    continue
                terms = [t.strip() for t in (row[2] if len(row) > 2 else "").split("|") if t.strip()]
                if kind == "descriptor":
                    trees = [t for t in (row[3] if len(row) > 3 else "").split("|") if t]
                    types = sorted({t.split(".")[0] for t in trees})
                else:
                    types = ["SCR"]
                yield {"concept_id": f"MESH:{row[0].strip()}", "canonical_name": row[1].strip(),
                       "aliases": terms, "types": types, "definition": None}


def kb_jsonl(mesh_dir: Path = MESH_DIR, work: Path = WORK) -> Path:
    """The scispaCy KB as JSONL (written once)."""
    path = work / "mesh_kb.jsonl"
    if not path.exists():
        work.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as out:
            for entity in mesh_entities(mesh_dir):
                out.write(json.dumps(entity) + "\n")
        tmp.rename(path)
    return path


def load_kb(mesh_dir: Path = MESH_DIR, work: Path = WORK):
    from scispacy.linking_utils import KnowledgeBase

    return KnowledgeBase(str(kb_jsonl(mesh_dir, work)))


class _Nmslib:
    """Stands in for `nmslib` inside scispaCy's builder: the same index, built with INDEX_OVERRIDES."""

    def __init__(self, nmslib):
        self._nmslib = nmslib

    def __getattr__(self, name):
        return getattr(self._nmslib, name)

    def init(self, *args, **kwargs):
        return _Index(self._nmslib.init(*args, **kwargs))


class _Index:
    def __init__(self, index):
        self._index = index

    def __getattr__(self, name):
        return getattr(self._index, name)

    def createIndex(self, params, **kwargs):  # noqa: N802 (nmslib's name)
        return self._index.createIndex({**params, **INDEX_OVERRIDES}, **kwargs)


def build_index(kb, work: Path = WORK) -> float:
    """Build and cache the TF-IDF + HNSW index with scispaCy's own builder; returns seconds taken (0 if cached)."""
    import joblib
    import scipy.sparse
    from scispacy import candidate_generation as cg

    paths = cg.LinkerPaths.from_directory(work)
    if paths.is_locally_cached():
        return 0.0
    started = time.perf_counter()
    cg.scipy_supports_sparse_float16 = lambda: True  # see the module docstring: we save float32 ourselves
    real_nmslib, cg.nmslib = cg.nmslib, _Nmslib(cg.nmslib)
    try:
        aliases, vectorizer, index = cg.create_tfidf_ann_index(None, kb)
    finally:
        cg.nmslib = real_nmslib
    joblib.dump(vectorizer, paths.tfidf_vectorizer)
    scipy.sparse.save_npz(paths.tfidf_vectors, vectorizer.transform(aliases).astype("float32"))
    Path(paths.concept_aliases_list).write_text(json.dumps(aliases), encoding="utf-8")
    index.saveIndex(paths.ann_index)
    return time.perf_counter() - started


@Language.component("peer_given_entities")
def given_entities(doc: Doc) -> Doc:
    """Sets doc.ents from character spans placed in `doc.user_data` (the peer has no NER of its own here)."""
    spans = []
    taken: set[int] = set()
    for start, end, label in doc.user_data.get(GIVEN_ENTS_KEY, ()):
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None or taken.intersection(range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        spans.append(span)
    doc.ents = sorted(spans, key=lambda s: s.start)
    return doc


@dataclass
class Peer:
    """scispaCy's tokenizer, sentencizer and AbbreviationDetector (`nlp`), then the EntityLinker (`linker`)."""

    nlp: Language
    linker: object

    def pipe(self, documents: Iterable, spans_of) -> Iterator[tuple[object, Doc]]:
        """(Document, linked Doc) pairs; `spans_of(document)` gives the (start, end, label) entities to link."""
        def docs():
            for document in documents:
                doc = self.nlp.make_doc(document.text)
                doc.user_data[GIVEN_ENTS_KEY] = list(spans_of(document))
                yield doc, document
        for doc, document in self.nlp.pipe(docs(), as_tuples=True, batch_size=64):
            yield document, self.linker(doc)


def load_peer(work: Path = WORK, kb=None) -> Peer:
    """The peer pipeline with a local CandidateGenerator over the cached index (built first if missing)."""
    import spacy
    from scispacy.abbreviation import AbbreviationDetector  # noqa: F401  (registers "abbreviation_detector")
    from scispacy.candidate_generation import CandidateGenerator, LinkerPaths
    from scispacy.custom_tokenizer import combined_rule_tokenizer
    from scispacy.linking import EntityLinker

    kb = kb or load_kb(work=work)
    build_index(kb, work)
    aliases, vectorizer, index = LinkerPaths.from_directory(work).load()
    generator = CandidateGenerator(ann_index=index, tfidf_vectorizer=vectorizer, ann_concept_aliases_list=aliases,
                                   kb=kb)
    nlp = spacy.blank("en")
    nlp.tokenizer = combined_rule_tokenizer(nlp)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("abbreviation_detector")
    nlp.add_pipe("peer_given_entities")
    # our KB has no definitions, so scispaCy's "definition filter" (keep only >= 0.95 matches) is turned off
    return Peer(nlp, EntityLinker(candidate_generator=generator, resolve_abbreviations=True,
                                  filter_for_definitions=False))


def predicted_documents(pairs: Iterable[tuple[object, Doc]]) -> list:
    """meshtag Documents whose mentions are the peer's entities with their top linked concept."""
    from meshtag.model import Document, Mention

    out = []
    for document, doc in pairs:
        mentions = [Mention(start=e.start_char, end=e.end_char, text=e.text, label=e.label_,
                            id=e._.kb_ents[0][0] if e._.kb_ents else None, source="model")
                    for e in doc.ents]
        out.append(Document(id=document.id, title=document.title, abstract=document.abstract, mentions=mentions))
    return out


if __name__ == "__main__":
    knowledge = load_kb()
    print(f"scispaCy KB: {len(knowledge.cui_to_entity)} concepts, {len(knowledge.alias_to_cuis)} aliases")
    print(f"index built in {build_index(knowledge):.0f} s (0: cached) under {WORK}")
