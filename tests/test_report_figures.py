"""Figure data: the label heatmap's counts, the network's nodes and edges, and PNG output."""
from __future__ import annotations

import pandas as pd
import pytest

from fixtures.corpus.tiny import tiny_store
from meshtag.analysis import cooccurrence, entity_stats
from meshtag.report import figures

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    return tiny_store(tmp_path_factory.mktemp("tiny")).connect()


def test_label_matrix_sums_pairs_symmetrically():
    pairs = pd.DataFrame({"a_label": ["DRUG", "DRUG", "RECEPTOR"], "b_label": ["CONDITION", "DRUG", "DRUG"],
                          "n_ab": [3, 2, 5]})
    labels, matrix = figures.label_matrix(pairs)
    assert labels == ["RECEPTOR", "DRUG", "CONDITION"]
    assert matrix.tolist() == [[0, 5, 0], [5, 2, 3], [0, 3, 0]]
    assert figures.label_heatmap(pairs).startswith(PNG)


def test_network_keeps_the_strongest_pairs_with_their_statistics(con):
    pairs = cooccurrence(con, level="document")
    nodes, edges = figures.network_layout(pairs, max_edges=3)
    assert len(edges) == 3
    top = pairs.head(3)
    assert {(e["a"], e["b"]) for e in edges} == set(zip(top.a_id, top.b_id))
    assert {n["id"] for n in nodes} == set(top.a_id) | set(top.b_id)
    by_id = {n["id"]: n for n in nodes}
    row = top.iloc[0]
    assert (by_id[row.a_id]["name"], by_id[row.a_id]["label"], by_id[row.a_id]["n"]) == (row.a_name, row.a_label, row.n_a)
    assert len({(n["x"], n["y"]) for n in nodes}) == len(nodes)  # no two nodes on the same spot
    assert figures.network_png(nodes, edges).startswith(PNG)


def test_top_concepts_chart_is_a_png(con):
    assert figures.top_concepts_chart(entity_stats(con)).startswith(PNG)
