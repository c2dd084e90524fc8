"""Per-document scores and bootstrap intervals over documents (meshtag.evaluation.scoring.score_by_document,
meshtag.evaluation.bootstrap), on the hand-made gold/prediction pair of test_eval_scoring and the eval fixture."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from meshtag.cli import cli
from meshtag.evaluation.bootstrap import prf_intervals
from meshtag.evaluation.scoring import PRF, score_by_document, score_documents, summed
from test_eval_scoring import GOLD, PRED


def test_per_document_scores_add_up_to_the_corpus_scores():
    per_doc = score_by_document(GOLD, PRED)
    assert sorted(per_doc) == ["1", "2"]                      # gold documents only ("3" is not in gold)
    assert per_doc["1"]["CONDITION"]["ner"] == PRF(2, 1, 0)   # "rats" spurious
    assert per_doc["2"]["CONDITION"]["ner"] == PRF(1, 0, 0)
    assert per_doc["1"]["DRUG"]["doc_id"] == PRF(1, 0, 0)
    assert summed(per_doc) == score_documents(GOLD, PRED)


def test_an_interval_holds_the_pooled_figure_and_narrows_with_more_documents():
    docs = [PRF(4, 1, 0), PRF(2, 0, 2), PRF(5, 1, 1), PRF(0, 2, 0), PRF(3, 0, 1), PRF(6, 1, 2)]
    pooled = sum(docs, PRF(0, 0, 0))
    few = prf_intervals(docs, n_resamples=500)
    many = prf_intervals(docs * 10, n_resamples=500)
    for measure, value in (("precision", pooled.precision), ("recall", pooled.recall), ("f1", pooled.f1)):
        assert few[measure][0] < value < few[measure][1]
        assert many[measure][1] - many[measure][0] < few[measure][1] - few[measure][0]
    assert prf_intervals(docs, n_resamples=500) == few          # a fixed seed: the same report twice


def test_perfect_documents_give_a_point_and_one_document_is_refused():
    assert prf_intervals([PRF(3, 0, 0), PRF(1, 0, 0), PRF(2, 0, 0)], n_resamples=100)["f1"] == (1.0, 1.0)
    with pytest.raises(ValueError, match="two documents"):
        prf_intervals([PRF(3, 1, 0)])


def test_eval_prints_intervals_when_asked(fixtures):
    gold, pred = fixtures / "eval" / "gold.pubtator", fixtures / "eval" / "pred.pubtator"
    result = CliRunner().invoke(cli, ["eval", str(gold), "--pred", str(pred), "--bootstrap", "200", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    for label, levels in out["scores"].items():
        for level, s in levels.items():
            for measure in ("precision", "recall", "f1"):
                low, high = out["intervals_95"][label][level][measure]
                assert low <= s[measure] + 1e-4 and s[measure] - 1e-4 <= high
    table = CliRunner().invoke(cli, ["eval", str(gold), "--pred", str(pred), "--bootstrap", "200"]).output
    assert "F1 95% CI" in table.splitlines()[1]
    assert "intervals_95" not in CliRunner().invoke(cli, ["eval", str(gold), "--pred", str(pred), "--json"]).output
