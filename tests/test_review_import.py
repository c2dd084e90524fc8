"""`review import`: every validation error, malformed files, merging of imports, the audit log, the CLI."""
from __future__ import annotations

import csv
import io
from datetime import datetime, timezone
from pathlib import Path

import pytest

from meshtag.cli import main
from meshtag.errors import MeshtagError
from meshtag.review.curation import Curation
from meshtag.review.importer import import_review
from test_review_support import KB, folder_state, write_csv

CONCEPT_HEADER = ["concept_id", "concept_name", "label", "decision", "correct_id", "correct_label", "reviewer", "notes"]
FORM_HEADER = ["surface_form", "concept_id", "concept_name", "decision", "correct_id", "correct_label", "reviewer", "notes"]
T1 = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
T2 = datetime(2026, 1, 6, 9, 0, tzinfo=timezone.utc)


def run(file: Path, cur: Path, **kw):
    kw.setdefault("kb", KB)
    return import_review(file, cur, **kw)


@pytest.mark.parametrize("row, reason", [
    (["MESH:D999999", "", "", "reject", "", "", "", ""], "unknown concept id 'MESH:D999999'"),
    (["MESH:D009020", "", "", "relabel", "", "PLANT", "", ""], "unknown label 'PLANT'"),
    (["MESH:D009020", "", "", "approve", "", "", "", ""], "unknown decision 'approve'"),
    (["MESH:D009020", "", "", "remap", "", "", "", ""], "decision remap needs correct_id"),
    (["MESH:D009020", "", "", "remap", "MESH:D000000", "", "", ""], "unknown correct_id 'MESH:D000000'"),
    (["MESH:D009020", "", "", "relabel", "", "", "", ""], "decision relabel needs correct_label"),
    (["MESH:D009020", "", "", "accept", "MESH:D007649", "", "", ""], "only used with remap or relabel"),
    (["MESH:D009020", "", "", "relabel", "MESH:D007649", "DRUG", "", ""], "use remap"),
    (["MESH:D009020", "", "", "remap", "D009020", "", "", ""], "remap to the same concept"),
    (["", "Morphine", "", "reject", "", "", "", ""], "missing concept_id"),
])
def test_each_bad_row_is_reported_with_its_row_and_nothing_applied(tmp_path, row, reason):
    good = ["MESH:D007649", "Ketamine", "DRUG", "reject", "", "", "ana", ""]
    table = write_csv(tmp_path / "t.csv", CONCEPT_HEADER, [good, row])
    result = run(table, tmp_path / "cur")
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert (problem.sheet, problem.row) == ("concepts", 3) and reason in problem.reason
    assert not result.applied and not (tmp_path / "cur").exists()


def test_surface_sheet_needs_a_surface_form_and_contradictions_are_caught(tmp_path):
    table = write_csv(tmp_path / "forms.csv", FORM_HEADER, [
        ["AD", "MESH:D000544", "", "reject", "", "", "", ""],
        ["", "MESH:D000544", "", "reject", "", "", "", ""],
        ["ad", "D000544", "", "accept", "", "", "", ""],          # same key as row 2, other decision
        ["AD", "MESH:D000544", "", "reject", "", "", "", ""],     # a repeat of row 2: harmless
    ])
    result = run(table, tmp_path / "cur")
    assert [(p.sheet, p.row) for p in result.problems] == [("surface_forms", 3), ("surface_forms", 4)]
    assert "missing surface_form" in result.problems[0].reason
    assert "contradicts row 2" in result.problems[1].reason


def test_one_message_per_bad_row_even_with_several_faults(tmp_path):
    table = write_csv(tmp_path / "t.csv", CONCEPT_HEADER, [["MESH:D999999", "", "", "remap", "", "PLANT", "", ""]])
    [problem] = run(table, tmp_path / "cur").problems
    for reason in ("unknown concept id", "needs correct_id", "unknown label"):
        assert reason in problem.reason


def test_partial_records_the_good_rows(tmp_path):
    table = write_csv(tmp_path / "t.csv", CONCEPT_HEADER, [
        ["MESH:D007649", "", "", "reject", "", "", "", ""],
        ["MESH:D009020", "", "", "approve", "", "", "", ""],
    ])
    result = run(table, tmp_path / "cur", partial=True)
    assert result.applied and result.added == 1 and [p.row for p in result.problems] == [3]
    assert set(Curation.load(tmp_path / "cur").concepts) == {"MESH:D007649"}


def test_rows_without_decision_are_skipped_and_ids_are_canonicalised(tmp_path):
    table = write_csv(tmp_path / "t.csv", CONCEPT_HEADER, [
        ["MESH:D009020", "Morphine", "DRUG", "", "", "", "", "looked at it"],
        ["d007649", "", "", " Remap ", "d000701", "", "", ""],
    ])
    result = run(table, tmp_path / "cur", reviewer="bo", now=T1)
    assert result.rows == 1 and result.added == 1
    [decision] = Curation.load(tmp_path / "cur").concepts.values()
    assert (decision.concept_id, decision.decision, decision.correct_id, decision.correct_name,
            decision.correct_label, decision.reviewer) == (
        "MESH:D007649", "remap", "MESH:D000701", "Analgesics, Opioid", "DRUG", "bo")


@pytest.mark.parametrize("name, content, message", [
    ("t.txt", b"concept_id,decision\n", "expected an .xlsx or .csv"),
    ("t.csv", b"", "is empty"),
    ("t.csv", b"pmid,title\n1,x\n", "no concept_id column"),
    ("t.csv", b"concept_id,concept_name\nMESH:D009020,Morphine\n", "lacks column(s) decision, correct_id, correct_label"),
    ("t.csv", b"\xff\xfe\x00c\x00o", "not UTF-8"),
    ("t.xlsx", b"PK\x03\x04 not really a zip", "not a readable .xlsx"),
])
def test_a_file_that_is_not_a_concept_table_fails_clearly(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(MeshtagError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run(path, tmp_path / "cur")


def test_a_workbook_without_the_sheets_fails_clearly(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["pmid", "title"])
    wb.save(tmp_path / "other.xlsx")
    with pytest.raises(MeshtagError, match="no sheet has the columns concept_id"):
        run(tmp_path / "other.xlsx", tmp_path / "cur")


def test_second_import_merges_newer_wins_and_is_audited(tmp_path):
    cur = tmp_path / "cur"
    first = write_csv(tmp_path / "first.csv", CONCEPT_HEADER, [
        ["MESH:D007649", "", "", "reject", "", "", "ana", ""],
        ["MESH:D006624", "", "", "accept", "", "", "ana", ""],
    ])
    second = write_csv(tmp_path / "second.csv", CONCEPT_HEADER, [
        ["MESH:D007649", "", "", "accept", "", "", "bo", "it is a drug"],   # changes ana's decision
        ["MESH:D009437", "", "", "remap", "MESH:D010146", "", "bo", ""],     # new
        ["MESH:D006624", "", "", "accept", "", "", "bo", ""],                # same as before
    ])
    forms = write_csv(tmp_path / "forms.csv", FORM_HEADER, [["AD", "MESH:D000544", "", "reject", "", "", "cy", ""]])
    assert run(first, cur, now=T1).added == 2
    result = run(second, cur, now=T2)
    assert (result.added, result.changed, result.unchanged) == (1, 1, 1)
    assert run(forms, cur, now=T2).added == 1
    cur_ = Curation.load(cur)
    assert {k: d.decision for k, d in cur_.concepts.items()} == {
        "MESH:D007649": "accept", "MESH:D006624": "accept", "MESH:D009437": "remap"}
    assert cur_.concepts["MESH:D006624"].reviewer == "ana"          # unchanged decision keeps its author
    assert list(cur_.surface_forms) == [("ad", "MESH:D000544")]
    audit = list(csv.DictReader(io.StringIO((cur / "audit.tsv").read_text()), delimiter="\t"))
    assert [(a["file"], a["row"], a["concept_id"], a["before"], a["after"]) for a in audit] == [
        ("first.csv", "2", "MESH:D007649", "", "reject"),
        ("first.csv", "3", "MESH:D006624", "", "accept"),
        ("second.csv", "2", "MESH:D007649", "reject", "accept"),
        ("second.csv", "3", "MESH:D009437", "", "remap MESH:D010146 CONDITION"),
        ("forms.csv", "2", "MESH:D000544", "", "reject"),
    ]
    assert audit[2]["reviewer"] == "bo" and audit[2]["time"] == "2026-01-06T09:00:00Z"
    assert audit[4]["kind"] == "surface_form" and audit[4]["surface_form"] == "AD"


def test_reimporting_the_same_table_changes_nothing(tmp_path):
    cur = tmp_path / "cur"
    table = write_csv(tmp_path / "t.csv", CONCEPT_HEADER, [["MESH:D007649", "", "", "reject", "", "", "ana", ""]])
    run(table, cur, now=T1)
    before = folder_state(cur)
    result = run(table, cur, now=T2)
    assert (result.added, result.changed, result.unchanged) == (0, 0, 1)
    assert folder_state(cur) == before


def test_cli_import_reports_bad_rows_and_exits_non_zero(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("meshtag.kb.store.KnowledgeBase.load", classmethod(lambda cls, *a, **kw: KB))
    table = write_csv(tmp_path / "t.csv", CONCEPT_HEADER, [
        ["MESH:D007649", "", "", "reject", "", "", "", ""],
        ["MESH:D009020", "", "", "approve", "", "", "", ""],
    ])
    with pytest.raises(SystemExit) as exit_:
        main(["review", "import", str(table), "--curation", str(tmp_path / "cur")])
    err = capsys.readouterr().err
    assert exit_.value.code == 1
    assert f"{table}: record 3 (sheet concepts): unknown decision 'approve'" in err
    assert "nothing recorded" in err and not (tmp_path / "cur").exists()
    main(["review", "import", str(table), "--curation", str(tmp_path / "cur"), "--partial", "--reviewer", "dee"])
    assert "1 new" in capsys.readouterr().out
    assert Curation.load(tmp_path / "cur").concepts["MESH:D007649"].reviewer == "dee"


def test_cli_import_of_a_malformed_file_exits_2(tmp_path, capsys):
    path = tmp_path / "notes.csv"
    path.write_text("just,some\nwords,here\n")
    with pytest.raises(SystemExit) as exit_:
        main(["review", "import", str(path), "--curation", str(tmp_path / "cur")])
    assert exit_.value.code == 2
    assert "not a concept table" in capsys.readouterr().err


def test_near_miss_gets_a_suggestion(tmp_path):
    table = write_csv(tmp_path / "t.csv", CONCEPT_HEADER, [["MESH:D009020", "", "", "aceept", "", "", "", ""],
                                                          ["MESH:D009020", "", "", "relabel", "", "DRUGS", "", ""]])
    reasons = [p.reason for p in run(table, tmp_path / "cur").problems]
    assert reasons == ["unknown decision 'aceept' (did you mean 'accept'?)", "unknown label 'DRUGS' (did you mean 'DRUG'?)"]
