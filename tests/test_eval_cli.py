"""`meshtag eval GOLD --pred FILE` on hand-made PubTator files; the expected counts were worked out by hand
(see tests/fixtures/eval/: wrong id, unlinked prediction, spurious span, 2015 id, composite id, unlinked gold)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from meshtag.cli import cli
from meshtag.errors import MeshtagError
from meshtag.evaluation import evaluate


@pytest.fixture
def files(fixtures):
    return fixtures / "eval" / "gold.pubtator", fixtures / "eval" / "pred.pubtator"


def test_json_output_counts(files):
    gold, pred = files
    result = CliRunner().invoke(cli, ["eval", str(gold), "--corpus", "bc5cdr", "--pred", str(pred), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)["scores"]
    counts = {(t, lvl): (v["tp"], v["fp"], v["fn"]) for t, lv in scores.items() for lvl, v in lv.items()}
    assert counts == {
        ("DRUG", "ner"): (3, 0, 1), ("DRUG", "ner_id"): (2, 0, 1), ("DRUG", "doc_id"): (2, 1, 0),
        ("CONDITION", "ner"): (4, 1, 0), ("CONDITION", "ner_id"): (2, 2, 2), ("CONDITION", "doc_id"): (2, 2, 3),
    }
    assert scores["CONDITION"]["doc_id"]["f1"] == pytest.approx(2 * 0.5 * 0.4 / 0.9, abs=1e-4)


def test_table_output(files):
    gold, pred = files
    result = CliRunner().invoke(cli, ["eval", str(gold), "--pred", str(pred)])
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.output.splitlines()]
    drug_ner = next(r for r in rows if r[:3] == ["DRUG", "strict", "NER"])
    assert drug_ner[3:] == ["1.000", "0.750", "0.857", "3", "0", "1"]


def test_ncbi_scores_conditions_only(files):
    gold, pred = files
    result = evaluate(gold, corpus="ncbi", pred_path=pred)
    assert list(result.scores) == ["CONDITION"]


def test_unknown_corpus_is_a_user_error(files):
    gold, pred = files
    with pytest.raises(MeshtagError, match="unknown corpus"):
        evaluate(gold, corpus="craft", pred_path=pred)


def test_errors_file_lists_each_mistake(files, tmp_path):
    gold, pred = files
    out = tmp_path / "errors.tsv"
    result = CliRunner().invoke(cli, ["eval", str(gold), "--pred", str(pred), "--errors", str(out)])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in out.read_text().splitlines()]
    assert rows[0] == ["document", "start", "end", "text", "label", "kind", "gold_ids", "pred_ids"]
    assert [(r[3], r[5]) for r in rows[1:]] == [
        ("nephrotoxicity", "wrong_id"), ("Depression", "unlinked"), ("rats", "spurious"), ("cisplatin", "missed"),
    ]


def test_eval_tags_gold_texts_with_the_pipeline(files):
    """Without --pred the gold texts are tagged by the fast pipeline; unambiguous MeSH names are found."""
    gold, _ = files
    result = CliRunner().invoke(cli, ["eval", str(gold), "--corpus", "bc5cdr", "--mode", "fast", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output[result.output.index("{"):])
    assert out["system"] == "fast (bc5cdr conventions)" and out["documents"] == 2  # the corpus's conventions
    drug = out["scores"]["DRUG"]["ner"]
    assert drug["tp"] >= 2          # "Cisplatin" and "cisplatin" are MeSH names
    assert out["scores"]["CONDITION"]["doc_id"]["tp"] >= 1
