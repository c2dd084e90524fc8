"""Co-occurrence over the tiny corpus against counts made independently in plain Python."""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

import pytest
from scipy.stats import false_discovery_control, fisher_exact

from fixtures.corpus.tiny import FakeKB, tiny_docs, tiny_store
from meshtag.analysis import cooccurrence, resolve_query
from meshtag.errors import MeshtagError

SIGMA, TRPA1, AMI, DULOX = "MESH:D017480", "MESH:D000071596", "MESH:D000639", "MESH:D000068736"
NEURALGIA, ANTIDEP, TCA, PROPYL = "MESH:D009437", "MESH:D000928", "MESH:D000929", "MESH:D011619"


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    return tiny_store(tmp_path_factory.mktemp("tiny")).connect()


def _units(level: str) -> list[set[str]]:
    """Concept sets per unit, counted straight from the Documents."""
    out = []
    for doc in tiny_docs():
        if level == "document":
            out.append({m.id for m in doc.mentions})
        else:
            out.extend({m.id for m in doc.mentions if m.sentence == i} for i in range(len(doc.sentences)))
    return out


def _string_counts() -> tuple[dict, Counter, float]:
    """Weighted co-mention counts of the STRING score, by the definition (document 1, paragraph 2, sentence 0.2)."""
    pair_c: dict[tuple[str, str], float] = defaultdict(float)
    for doc in tiny_docs():
        where: dict[str, tuple[set, set]] = defaultdict(lambda: (set(), set()))
        for m in doc.mentions:
            where[m.id][0].add(m.sentence)
            where[m.id][1].add("title" if m.start < len(doc.title) + 1 else "abstract")
        for a, b in combinations(sorted(where), 2):
            pair_c[(a, b)] += 1 + 2 * bool(where[a][1] & where[b][1]) + 0.2 * bool(where[a][0] & where[b][0])
    per_concept: Counter = Counter()
    for (a, b), c in pair_c.items():
        per_concept[a] += c
        per_concept[b] += c
    return pair_c, per_concept, sum(pair_c.values())


@pytest.mark.parametrize("level", ["sentence", "document"])
def test_every_pair_matches_an_independent_count(con, level):
    units = _units(level)
    n_total = len(units)
    n_single = Counter(c for u in units for c in u)
    n_pair = Counter(p for u in units for p in combinations(sorted(u), 2))
    pair_c, per_concept, c_total = _string_counts()
    frame = cooccurrence(con, level=level)
    got = {(r.a_id, r.b_id): r for r in frame.itertuples()}
    assert set(got) == set(n_pair)
    for (a, b), n_ab in n_pair.items():
        row = got[(a, b)]
        n_a, n_b = n_single[a], n_single[b]
        assert (row.n_ab, row.n_a, row.n_b, row.n_total) == (n_ab, n_a, n_b, n_total)
        table = [[n_ab, n_a - n_ab], [n_b - n_ab, n_total - n_a - n_b + n_ab]]
        assert row.p_value == pytest.approx(fisher_exact(table, alternative="greater").pvalue)
        assert row.expected == pytest.approx(n_a * n_b / n_total)
        assert row.lift == pytest.approx(n_ab * n_total / (n_a * n_b))
        c = pair_c[(a, b)]
        assert row.score == pytest.approx(c ** 0.6 * (c * c_total / (per_concept[a] * per_concept[b])) ** 0.4)
    assert list(frame.q_value) == pytest.approx(list(false_discovery_control(list(frame.p_value), method="bh")))
    assert list(frame.p_value) == sorted(frame.p_value)


def test_s1r_trpa1_by_hand(con):
    frame = cooccurrence(con, a="S1R", b="TRPA1", kb=FakeKB())
    assert len(frame) == 1
    row = frame.iloc[0]
    assert (row.a_id, row.a_name, row.a_label, row.b_id, row.b_label) == (SIGMA, "Receptors, sigma", "RECEPTOR",
                                                                           TRPA1, "RECEPTOR")
    # 19 sentences; sigma in 6, TRPA1 in 5, together in 3 (all in document 30000001)
    assert (row.n_ab, row.n_a, row.n_b, row.n_total) == (3, 6, 5, 19)
    assert row.expected == pytest.approx(30 / 19)
    assert row.pmi == pytest.approx(0.925999, abs=1e-6)
    assert row.q_value == row.p_value  # one pair reported
    assert row.doc_ids == ["30000001"]
    assert [e.text for e in row.evidence] == [
        "Sigma-1 receptor antagonism attenuates TRPA1-mediated neuropathic pain.",
        "S1R antagonists reduced TRPA1 membrane expression in mice with neuropathic pain.",
        "These findings link S1R to TRPA1 in the spinal cord."]
    assert {(e.doc_id, e.pmid, e.doi) for e in row.evidence} == {("30000001", "30000001", "10.1000/s1r.1")}


def test_query_a_alone_puts_the_query_on_side_a(con):
    frame = cooccurrence(con, a="TRPA1", level="document")
    assert set(frame.a_id) == {TRPA1}
    assert set(frame.b_id) == {"MESH:D005727", NEURALGIA, "MESH:D010146", "MESH:D013116", SIGMA}
    only_b = cooccurrence(con, b="TRPA1", level="document")
    assert set(only_b.b_id) == {TRPA1} and set(only_b.a_id) == set(frame.b_id)


def test_labels_orient_pairs_and_min_count_filters(con):
    frame = cooccurrence(con, labels=["DRUG", "CONDITION"], level="document")
    assert set(frame.a_label) == {"DRUG"} and set(frame.b_label) == {"CONDITION"}
    assert len(frame) == 5
    frame = cooccurrence(con, level="document", min_count=2)
    assert [(r.a_id, r.b_id, r.n_ab) for r in frame.itertuples()] == [(TRPA1, "MESH:D005727", 2)]


def test_document_level_evidence_joins_the_two_sentences(con):
    frame = cooccurrence(con, a=AMI, b=NEURALGIA, level="document")
    (evidence,) = frame.evidence[0][:1]
    assert evidence.doc_id == "30000002"
    # both are in the title, so the shared sentence comes first
    assert evidence.text == "Amitriptyline for neuropathic pain: a systematic review."
    frame = cooccurrence(con, a="dorsal root ganglia", b="spinal cord", level="document")
    assert [(e.doc_id, e.text) for e in frame.evidence[0]] == [(
        "30000001", "The sigma-1 receptor (S1R) is a chaperone expressed in dorsal root ganglia. … "
                    "These findings link S1R to TRPA1 in the spinal cord.")]
    assert cooccurrence(con, a="dorsal root ganglia", b="spinal cord", level="sentence").empty


def test_rollup_counts_drugs_for_their_pharmacological_action(con):
    kb = FakeKB()
    frame = cooccurrence(con, a="antidepressants", b="nerve pain", level="document", rollup=True, kb=kb)
    row = frame.iloc[0]
    # Antidepressive Agents: duloxetine (docs 2, 4) and amitriptyline via "Tricyclic" (docs 2, 5)
    assert (row.a_id, row.b_id, row.n_ab, row.n_a, row.n_b) == (ANTIDEP, NEURALGIA, 1, 3, 2)
    whole = cooccurrence(con, level="document", rollup=True, kb=kb)
    pairs = set(zip(whole.a_id, whole.b_id)) | set(zip(whole.b_id, whole.a_id))
    assert (AMI, TCA) not in pairs and (AMI, PROPYL) not in pairs and (TCA, ANTIDEP) not in pairs
    assert (TCA, NEURALGIA) in pairs
    with pytest.raises(MeshtagError, match=r"'antidepressants' \(MESH:D000928\) is not mentioned .*--rollup"):
        cooccurrence(con, a="antidepressants", b="nerve pain", level="document", kb=kb)


def test_rollup_needs_a_kb(con):
    with pytest.raises(MeshtagError, match="knowledge base"):
        cooccurrence(con, rollup=True)


@pytest.mark.parametrize("query, expected", [
    ("S1R", [SIGMA]),                     # abbreviation defined in the corpus
    ("MESH:D000639", [AMI]), ("d000639", [AMI]),
    ("amitriptyline", [AMI]),             # concept name
    ("nerve pain", [NEURALGIA]),          # KB synonym
    ("TRPA1", [TRPA1]),                   # surface form in the corpus
])
def test_resolve_query(con, query, expected):
    assert resolve_query(con, query, FakeKB()) == expected


def test_unknown_query_is_a_clear_error(con):
    with pytest.raises(MeshtagError, match="no concept matches 'zzz'"):
        resolve_query(con, "zzz", FakeKB())
