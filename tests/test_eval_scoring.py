"""The three evaluation levels on a tiny hand-made gold/prediction pair whose counts were worked out by hand."""
from __future__ import annotations

import doctest

import pytest

import meshtag.evaluation.errors
import meshtag.evaluation.ids
import meshtag.evaluation.report
import meshtag.evaluation.scoring
from meshtag.evaluation.ids import concept_ids, equivalence_table
from meshtag.evaluation.scoring import PRF, score_documents
from meshtag.model import Document, Mention

T1 = "Cisplatin causes nephrotoxicity and depression in rats."
T2 = "Lamotrigine and valproate: breast and ovarian cancer."


def m(text: str, doc_text: str, label: str, cid: str | None) -> Mention:
    start = doc_text.index(text)
    return Mention(start=start, end=start + len(text), text=text, label=label, id=cid)


GOLD = [
    Document(id="1", title=T1, mentions=[
        m("Cisplatin", T1, "DRUG", "MESH:D002945"),
        m("nephrotoxicity", T1, "CONDITION", "MESH:D007674"),
        m("depression", T1, "CONDITION", "MESH:D003866"),
    ]),
    Document(id="2", title=T2, mentions=[
        m("Lamotrigine", T2, "DRUG", "MESH:C047781"),               # 2015 id, now D000077213
        m("valproate", T2, "DRUG", None),                           # unlinked gold (-1)
        m("breast and ovarian cancer", T2, "CONDITION", "MESH:D001943|MESH:D010051"),
    ]),
]
PRED = [
    Document(id="1", title=T1, mentions=[
        m("Cisplatin", T1, "DRUG", "MESH:D002945"),                 # all levels right
        m("nephrotoxicity", T1, "CONDITION", "MESH:D051437"),       # span right, id wrong
        m("depression", T1, "CONDITION", None),                     # span right, unlinked
        m("rats", T1, "CONDITION", "MESH:D999999"),                 # spurious
    ]),
    Document(id="2", title=T2, mentions=[
        m("Lamotrigine", T2, "DRUG", "MESH:D000077213"),
        m("valproate", T2, "DRUG", "MESH:D014635"),                 # gold unlinked: out of NER+ID
        m("breast and ovarian cancer", T2, "CONDITION", "MESH:D010051"),  # one of the composite ids
        m("valproate", T2, "RECEPTOR", "MESH:D000001"),            # label the corpus lacks: ignored
    ]),
    Document(id="3", title="not in gold", mentions=[m("not", "not in gold", "DRUG", "MESH:D1")]),
]


@pytest.fixture(scope="module")
def scores():
    return score_documents(GOLD, PRED)


def test_labels_default_to_gold_labels(scores):
    assert sorted(scores) == ["CONDITION", "DRUG"]


def test_drug_levels(scores):
    assert scores["DRUG"]["ner"] == PRF(tp=3, fp=0, fn=0)
    assert scores["DRUG"]["ner_id"] == PRF(tp=2, fp=0, fn=0)     # valproate left out on both sides
    assert scores["DRUG"]["doc_id"] == PRF(tp=2, fp=1, fn=0)     # (2, D014635) has no gold concept


def test_condition_levels(scores):
    assert scores["CONDITION"]["ner"] == PRF(tp=3, fp=1, fn=0)
    # TP: composite cancer; FP: wrong nephrotoxicity id, rats; FN: nephrotoxicity, depression
    assert scores["CONDITION"]["ner_id"] == PRF(tp=1, fp=2, fn=2)
    # gold {D007674, D003866, D001943, D010051} vs pred {D051437, D999999, D010051}
    assert scores["CONDITION"]["doc_id"] == PRF(tp=1, fp=2, fn=3)


def test_figures_from_counts(scores):
    s = scores["CONDITION"]["doc_id"]
    assert s.precision == pytest.approx(1 / 3)
    assert s.recall == pytest.approx(1 / 4)
    assert s.f1 == pytest.approx(2 / 7)


def test_explicit_labels_restrict_scoring():
    out = score_documents(GOLD, PRED, labels=["CONDITION"])
    assert list(out) == ["CONDITION"]


def test_equivalence_table_is_bundled():
    table = equivalence_table()
    assert table["MESH:C047781"] == "MESH:D000077213"
    assert len(table) >= 50


def test_retired_ids_missing_from_the_shipped_table_are_mapped_and_every_successor_exists():
    from meshtag.kb import KnowledgeBase

    kb = KnowledgeBase.load()
    table = equivalence_table()
    assert table["MESH:C063008"] == "MESH:D009173"       # mycophenolate mofetil, now under Mycophenolic Acid
    assert table["MESH:C076946"] == "MESH:D000077265"    # E-2020, donepezil
    for old, new in table.items():
        if old.startswith("MESH:") and "|" not in new:             # not a concept scored as its 2015 pair
            assert kb.get(old) is None, old                         # only ids today's MeSH lacks are replaced
            assert all(kb.get(i) is not None for i in new.split("|")), new


@pytest.mark.parametrize("name, current, pair", [
    ("hemorrhagic cystitis", "MESH:D000096722", "MESH:D006470|MESH:D003556"),
    ("postoperative delirium", "MESH:D000071257", "MESH:D011183|MESH:D003693"),
])
def test_a_concept_added_since_2015_scores_as_the_pair_the_corpus_wrote(name, current, pair):
    text = f"Cyclophosphamide caused {name}."
    gold = [Document(id="3", title=text, mentions=[m(name, text, "CONDITION", pair)])]
    pred = [Document(id="3", title=text, mentions=[m(name, text, "CONDITION", current)])]
    levels = score_documents(gold, pred)["CONDITION"]
    assert (levels["ner_id"].tp, levels["doc_id"].tp, levels["doc_id"].fp, levels["doc_id"].fn) == (1, 2, 0, 0)


def test_an_omim_id_of_ncbi_disease_scores_as_the_mesh_concept_that_covers_it():
    # NCBI-disease: "C7 deficiency" -> OMIM:610102; MeSH now has Complement Component 7 Deficiency (C566443)
    text = "Hereditary C7 deficiency was found in two sisters."
    gold = [Document(id="4", title=text, mentions=[m("C7 deficiency", text, "CONDITION", "OMIM:610102")])]
    pred = [Document(id="4", title=text, mentions=[m("C7 deficiency", text, "CONDITION", "MESH:C566443")])]
    levels = score_documents(gold, pred)["CONDITION"]
    assert (levels["ner_id"].tp, levels["doc_id"].tp, levels["doc_id"].fp) == (1, 1, 0)
    assert concept_ids("OMIM:217000") == {"OMIM:217000"}  # an OMIM id the crosswalk does not cover stays


def test_an_hgnc_prediction_is_scored_by_its_mesh_concept_against_a_mesh_only_gold():
    text = "CHRNA4 mutations cause epilepsy."
    gold = [Document(id="5", title=text, mentions=[m("CHRNA4", text, "RECEPTOR", "MESH:D011978")])]
    pred = Mention(0, 6, "CHRNA4", "RECEPTOR", id="HGNC:1958", related_id="MESH:D011978")
    levels = score_documents(gold, [Document(id="5", title=text, mentions=[pred])])["RECEPTOR"]
    assert (levels["ner_id"].tp, levels["doc_id"].tp, levels["doc_id"].fp) == (1, 1, 0)
    hgnc_gold = [Document(id="5", title=text, mentions=[m("CHRNA4", text, "RECEPTOR", "HGNC:1958")])]
    assert score_documents(hgnc_gold, [Document(id="5", title=text, mentions=[pred])])["RECEPTOR"]["ner_id"].tp == 1


def test_omim_crosswalk_rows_name_kb_concepts_with_training_evidence():
    from importlib import resources

    from meshtag.kb import KnowledgeBase

    kb = KnowledgeBase.load()
    text = resources.files("meshtag.evaluation").joinpath("omim_mesh_crosswalk.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.startswith("OMIM:")]
    assert len(rows) >= 5
    for omim, mesh, name, evidence in rows:
        assert kb.get(mesh) is not None and kb.get(mesh).name == name and kb.label(mesh) == "CONDITION"
        assert evidence.startswith("NCBI-disease training set:")


def test_concept_ids_split_and_normalise():
    assert concept_ids(" D001943|D010051") == {"MESH:D001943", "MESH:D010051"}
    assert concept_ids("OMIM:217000") == {"OMIM:217000"}
    assert concept_ids(None) == frozenset() == concept_ids("-1")


def test_perfect_prediction_scores_one():
    out = score_documents(GOLD, GOLD)
    for levels in out.values():
        for s in levels.values():
            assert s.f1 == 1.0 and s.fp == 0 and s.fn == 0


@pytest.mark.parametrize("module", [meshtag.evaluation.ids, meshtag.evaluation.scoring,
                                    meshtag.evaluation.report, meshtag.evaluation.errors])
def test_doctests(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
