"""Issue 4: with --rollup, amitriptyline counts for Antidepressive Agents, Tricyclic (its MeSH
pharmacological action, from the curated table the default KB loads)."""
from __future__ import annotations

import pytest

import meshtag
from meshtag.errors import MeshtagError
from meshtag.corpus.store import CorpusStore
from meshtag.model import Document
from meshtag.report import cooccurrence_report
from meshtag.tagging import tag_documents

DOCS = [
    Document(id="1", title="Amitriptyline for neuropathic pain",
             abstract="Amitriptyline relieved neuropathic pain in a randomized trial."),
    Document(id="2", title="Duloxetine in diabetic neuropathic pain",
             abstract="Duloxetine reduced neuropathic pain scores."),
    Document(id="3", title="Morphine and fracture pain", abstract="Morphine was given for fracture pain."),
]


def test_rollup_counts_a_drug_for_its_pharmacological_class(tmp_path):
    nlp = meshtag.load(mode="fast")
    store = CorpusStore(tmp_path / "corpus")
    store.add(tag_documents(DOCS, nlp), kb_version={}, pipeline_version="test")
    with pytest.raises(MeshtagError, match="not mentioned in this corpus"):  # no document names the class
        cooccurrence_report(store, a="Antidepressive Agents, Tricyclic", b="neuropathic pain", level="document")
    rolled = cooccurrence_report(store, a="Antidepressive Agents, Tricyclic", b="neuropathic pain",
                                 level="document", rollup=True).frame
    row = rolled.iloc[0]
    assert (row["a_id"], row["b_id"], row["n_ab"]) == ("MESH:D000929", "MESH:D009437", 1)
    snri = cooccurrence_report(store, a="Serotonin and Noradrenaline Reuptake Inhibitors", b="neuropathic pain",
                               level="document", rollup=True).frame
    assert snri.iloc[0]["n_ab"] == 1 and "2" in snri.iloc[0]["doc_ids"]
