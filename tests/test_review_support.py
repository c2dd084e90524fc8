"""Shared builders for the review tests: a small tagged corpus and a knowledge-base stand-in.

The corpus is built from hand-made tagged Documents through `CorpusStore.add`, as a real run stores
them. The KB stand-in reads `tests/fixtures/review/kb_concepts.tsv` (real MeSH ids, names and labels).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from meshtag.model import Document, Mention

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "review"
FORMULA = '=HYPERLINK("http://evil","x")'


@dataclass(frozen=True)
class FakeConcept:
    id: str
    name: str
    label: str


class FixtureKB:
    """`get(id)` over the fixture concepts, accepting ids with or without `MESH:` (like the real KB)."""

    def __init__(self, path: Path = FIXTURES / "kb_concepts.tsv"):
        with open(path, encoding="utf-8") as fh:
            self.concepts = {r["id"]: FakeConcept(r["id"], r["name"], r["label"])
                             for r in csv.DictReader(fh, delimiter="\t")}

    def get(self, concept_id: str) -> FakeConcept | None:
        cid = concept_id.strip()
        return self.concepts.get(cid) or self.concepts.get("MESH:" + cid.upper())


KB = FixtureKB()


def tagged(doc_id: str, title: str, abstract: str, spans: list[tuple]) -> Document:
    """A tagged Document: spans are (surface, concept id[, occurrence]); offsets, sentence, label, name found."""
    doc = Document(id=doc_id, title=title, abstract=abstract, pmid=doc_id, meta={"journal": "Test J", "year": 2020})
    text = doc.text
    doc.sentences = [m.span() for m in re.finditer(r"\S[^.]*(?:\.|$)", text)]
    for surface, concept_id, *occurrence in spans:
        starts = [m.start() for m in re.finditer(re.escape(surface), text)]
        start = starts[occurrence[0] if occurrence else 0]
        sentence = next(i for i, (s, e) in enumerate(doc.sentences) if s <= start < e)
        concept = KB.get(concept_id)
        doc.mentions.append(Mention(start, start + len(surface), surface, concept.label, concept.id, concept.name,
                                    sentence, "dictionary", 0.9))
    doc.mentions.sort(key=lambda m: m.start)
    return doc


def corpus_documents() -> list[Document]:
    """Four abstracts: pain pharmacology, AD = Alzheimer (right), AD = atopic dermatitis (wrong), a hostile one."""
    return [
        tagged("101", "Sigma-1 receptor antagonists and TRPA1 in neuropathic pain.",
               "Morphine and ketamine reduced allodynia. S1R knockout mice showed less pain in a hippocampus test.",
               [("Sigma-1 receptor", "D017480"), ("TRPA1", "D000074025"), ("neuropathic pain", "D009437"),
                ("Morphine", "D009020"), ("ketamine", "D007649"), ("S1R", "D017480"), ("pain", "D010146", 1),
                ("hippocampus", "D006624")]),
        tagged("102", "AD patients and amygdala volume.",
               "Patients with AD had a smaller amygdala. MOR agonists such as morphine were not used.",
               [("AD", "D000544"), ("amygdala", "D000679"), ("AD", "D000544", 1), ("amygdala", "D000679", 1),
                ("MOR", "D017450"), ("morphine", "D009020")]),
        tagged("103", "Itch in AD: a dermatology study.",
               "Children with AD (atopic dermatitis) received emollients; morphine was not given.",
               [("AD", "D000544"), ("AD", "D000544", 1), ("atopic dermatitis", "D003876"), ("morphine", "D009020")]),
        tagged("104", f"{FORMULA} relieves pain.", "@SUM(1+1) was reported.",
               [(FORMULA, "D000701"), ("pain", "D010146")]),
    ]


def build_corpus(path: Path, docs: list[Document] | None = None) -> Path:
    from meshtag.corpus import CorpusStore

    CorpusStore(path).add(docs if docs is not None else corpus_documents(),
                          kb_version={"mesh_year": "test"}, pipeline_version="test")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return build_corpus(tmp_path / "corpus")


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def folder_state(directory: Path) -> dict[str, str]:
    """The visible files of a curation folder (hidden staging/lock entries excluded) and their text."""
    if not directory.is_dir():
        return {}
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(directory.iterdir())
            if p.is_file() and not p.name.startswith(".")}
