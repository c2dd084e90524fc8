"""Entity statistics over the tiny corpus, checked against counts made by hand from the fixture."""
from __future__ import annotations

from collections import Counter

import pytest

from fixtures.corpus.tiny import FakeKB, tiny_docs, tiny_store
from meshtag.analysis import entity_stats
from meshtag.analysis.entities import COLUMNS


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    return tiny_store(tmp_path_factory.mktemp("tiny")).connect()


def test_counts_match_the_fixture(con):
    frame = entity_stats(con, kb=FakeKB())
    assert list(frame.columns) == COLUMNS
    mentions = Counter(m.id for d in tiny_docs() for m in d.mentions)
    documents = Counter(c for d in tiny_docs() for c in {m.id for m in d.mentions})
    assert dict(zip(frame.concept_id, frame.mentions)) == dict(mentions)
    assert dict(zip(frame.concept_id, frame.documents)) == dict(documents)
    assert list(frame.label) == ["RECEPTOR"] * 2 + ["DRUG"] * 3 + ["CONDITION"] * 2 + ["BRAIN_REGION"] * 2


def test_sigma_receptor_row(con):
    frame = entity_stats(con, kb=FakeKB())
    row = frame[frame.concept_id == "MESH:D017480"].iloc[0]
    assert (row["name"], row["label"], row["mentions"], row["documents"]) == ("Receptors, sigma", "RECEPTOR", 7, 2)
    assert row["tree_numbers"] == ["D12.776.543.750.720"]
    assert row["surface_forms"] == [("S1R", 3), ("sigma-1 receptor", 3), ("Sigma-1 receptor", 1)]
    assert row["cooccurring"][0] == ("MESH:D000071596", "TRPA1 Cation Channel", 1)
    assert len(row["cooccurring"]) == 5
    assert row["example_sentence"] == "Sigma-1 receptor antagonism attenuates TRPA1-mediated neuropathic pain."
    assert (row["example_pmid"], row["example_doi"]) == ("30000001", "10.1000/s1r.1")


def test_partners_are_ranked_by_shared_documents(con):
    frame = entity_stats(con)
    row = frame[frame.concept_id == "MESH:D000071596"].iloc[0]
    assert row["cooccurring"][0] == ("MESH:D005727", "Ganglia, Spinal", 2)
    assert row["tree_numbers"] == []  # no KB given


def test_label_and_top_filters(con):
    frame = entity_stats(con, label="CONDITION")
    assert set(frame.label) == {"CONDITION"} and len(frame) == 2
    frame = entity_stats(con, top=1)
    assert list(frame.concept_id) == ["MESH:D017480", "MESH:D000068736", "MESH:D009437", "MESH:D005727"]
