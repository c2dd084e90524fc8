"""`review diff`: what the curation would change in a stored corpus, per concept, in three formats."""
from __future__ import annotations

import csv
import io

import pytest

from meshtag.cli import main
from meshtag.review.curation import Curation
from meshtag.review.diff import diff_corpus, render
from test_review_support import corpus, corpus_documents  # noqa: F401  (corpus is a fixture)

HEADER = "surface_form\tconcept_id\tdecision\tcorrect_id\tcorrect_name\tcorrect_label\n"


@pytest.fixture
def curation_dir(tmp_path):
    folder = tmp_path / "cur"
    folder.mkdir()
    (folder / "concepts.tsv").write_text(
        "concept_id\tdecision\tcorrect_id\tcorrect_name\tcorrect_label\n"
        "MESH:D007649\treject\t\t\t\n"
        "MESH:D006624\trelabel\t\t\tCONDITION\n"
        "MESH:D009020\taccept\t\t\t\n", encoding="utf-8")
    (folder / "surface_forms.tsv").write_text(
        HEADER + "AD\tMESH:D000544\tremap\tMESH:D003876\tDermatitis, Atopic\tCONDITION\n", encoding="utf-8")
    return folder


def test_diff_counts_changes_per_concept(corpus, curation_dir):
    diff = diff_corpus(corpus, Curation.load(curation_dir))
    rows = [c.row() for c in diff.changes]
    assert [(r["concept_id"], r["change"], r["new_id"], r["new_label"], r["mentions"], r["documents"]) for r in rows] == [
        ("MESH:D000544", "remapped", "MESH:D003876", "CONDITION", 4, 2),
        ("MESH:D006624", "relabelled", "", "CONDITION", 1, 1),
        ("MESH:D007649", "dropped", "", "", 1, 1),
    ]
    assert rows[0]["examples"] == "102: AD | 102: AD | 103: AD"
    total = sum(len(d.mentions) for d in corpus_documents())
    assert diff.summary() == f"6 of {total} mentions would change in 3 documents (dropped 1, remapped 4, relabelled 1)"


def test_diff_agrees_with_apply(corpus, curation_dir):
    cur = Curation.load(curation_dir)
    dropped = sum(len(d.mentions) - len(cur.apply(d).mentions) for d in corpus_documents())
    diff = diff_corpus(corpus, cur)
    assert dropped == sum(c.mentions for c in diff.changes if c.change == "dropped")


def test_formats(corpus, curation_dir):
    diff = diff_corpus(corpus, Curation.load(curation_dir))
    table = render(diff, "table").splitlines()
    assert table[0].split() == ["concept_id", "concept_name", "label", "change", "new_id", "new_name", "new_label",
                                "mentions", "documents", "examples"]
    assert table[1].startswith("MESH:D000544  Alzheimer Disease") and table[-1].startswith("6 of")
    parsed = list(csv.DictReader(io.StringIO(render(diff, "csv"))))
    assert [r["change"] for r in parsed] == ["remapped", "relabelled", "dropped"]
    md = render(diff, "md").splitlines()
    assert md[0].startswith("| concept_id |") and md[1].startswith("|---|") and len(md) == 2 + 3 + 2


def test_empty_curation_changes_nothing(corpus, tmp_path):
    diff = diff_corpus(corpus, Curation())
    assert diff.changes == [] and diff.summary().startswith("0 of")


def test_cli_diff(corpus, curation_dir, capsys, monkeypatch, tmp_path):
    main(["review", "diff", str(corpus), "--curation", str(curation_dir), "--format", "md"])
    out = capsys.readouterr().out
    assert "| MESH:D007649 | Ketamine | DRUG | dropped |" in out
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MESHTAG_CURATION", raising=False)
    with pytest.raises(SystemExit) as exit_:
        main(["review", "diff", str(corpus)])
    assert exit_.value.code == 2 and "no curation folder" in capsys.readouterr().err
