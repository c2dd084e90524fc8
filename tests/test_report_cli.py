"""`meshtag report entities|cooccur`: arguments reach the library, stdout for csv/md, files with -o."""
from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from fixtures.corpus.tiny import tiny_store
from meshtag.cli import main


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return str(tiny_store(tmp_path_factory.mktemp("tiny") / "corpus").path)


def run(args: list[str], capsys) -> tuple[int, str, str]:
    try:
        main(args)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_entities_csv_on_stdout_with_label_and_top(corpus, capsys):
    code, out, _ = run(["report", "entities", corpus, "--label", "CONDITION", "--top", "1"], capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert [(r["concept_id"], r["name"], r["mentions"]) for r in rows] == [("MESH:D009437", "Neuralgia", "4")]


def test_cooccur_csv_with_queries_level_and_min_count(corpus, capsys):
    code, out, _ = run(["report", "cooccur", corpus, "--a", "S1R", "--b", "MESH:D000071596",
                        "--level", "sentence", "--min-count", "3"], capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert [(r["a_id"], r["b_id"], r["n_ab"], r["n_total"]) for r in rows] == [
        ("MESH:D017480", "MESH:D000071596", "3", "19")]
    code, out, _ = run(["report", "cooccur", corpus, "--a", "S1R", "--b", "TRPA1", "--min-count", "4"], capsys)
    assert out.strip().count("\n") == 0  # header only


def test_cooccur_labels_and_document_level_to_markdown_on_stdout(corpus, capsys):
    code, out, _ = run(["report", "cooccur", corpus, "--labels", "DRUG,CONDITION", "--level", "document",
                        "--format", "md"], capsys)
    assert code == 0 and out.startswith("# meshtag co-occurrence report (document level)")
    table_rows = [l for l in out.splitlines() if l.startswith("| MESH:")]
    assert len(table_rows) == 5 and all(" | DRUG | " in l and " | CONDITION | " in l for l in table_rows)


def test_output_file_and_format(corpus, capsys, tmp_path):
    out_file = tmp_path / "entities.xlsx"
    code, out, err = run(["report", "entities", corpus, "--format", "xlsx", "-o", str(out_file)], capsys)
    assert code == 0 and out == "" and f"wrote {out_file}" in err
    assert load_workbook(out_file)["report"]["A1"].value == "concept_id"
    html = tmp_path / "co.html"
    code, _, err = run(["report", "cooccur", corpus, "--level", "document", "-o", str(html)], capsys)
    assert code == 0 and html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (tmp_path / "co_network.html").is_file()


def test_user_errors_exit_2_with_one_line(corpus, capsys, tmp_path):
    code, _, err = run(["report", "cooccur", corpus, "--a", "no such thing"], capsys)
    assert code == 2 and err.strip().count("\n") == 0 and "no concept matches 'no such thing'" in err
    code, _, err = run(["report", "entities", str(tmp_path / "nothing")], capsys)
    assert code == 2 and "not a meshtag corpus" in err
    code, _, err = run(["report", "entities", corpus, "--format", "html"], capsys)
    assert code == 2 and "needs an output file" in err
