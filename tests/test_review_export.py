"""`review export`: table content, spreadsheet features, formula injection, and the export → edit → import loop."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from meshtag.cli import main
from meshtag.errors import MeshtagError
from meshtag.review.curation import Curation
from meshtag.review.export import build_tables, export_review
from meshtag.review.importer import import_review
from test_review_support import FORMULA, KB, corpus, corpus_documents  # noqa: F401  (corpus is a fixture)


def sheet_rows(ws) -> list[dict]:
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def test_concept_rows_count_mentions_documents_and_forms(corpus):
    tables = build_tables(corpus)
    by_id = {r["concept_id"]: r for r in tables.concepts}
    morphine = by_id["MESH:D009020"]
    assert (morphine["concept_name"], morphine["label"], morphine["mentions"], morphine["documents"]) == (
        "Morphine", "DRUG", 3, 3)
    # Morphine/morphine are one surface form (case-insensitive), listed with its commonest spelling
    assert morphine["surface_forms"] == "morphine (3)"
    assert morphine["source"] == "dictionary (3)" and morphine["score"] == 0.9
    sigma = by_id["MESH:D017480"]
    assert sigma["surface_forms"] == "S1R (1); Sigma-1 receptor (1)"
    # example: best score, then first document, first offset; the sentence with the mention marked
    assert sigma["example_context"] == "[[Sigma-1 receptor]] antagonists and TRPA1 in neuropathic pain."
    assert by_id["MESH:D010146"]["example_context"] == "S1R knockout mice showed less [[pain]] in a hippocampus test."
    # order: label (RECEPTOR, DRUG, CONDITION, BRAIN_REGION), then documents
    labels = [r["label"] for r in tables.concepts]
    assert labels == sorted(labels, key=["RECEPTOR", "DRUG", "CONDITION", "BRAIN_REGION"].index)
    forms = {(r["surface_form"], r["concept_id"]): r for r in tables.surface_forms}
    assert forms[("AD", "MESH:D000544")]["mentions"] == 4 and forms[("AD", "MESH:D000544")]["documents"] == 2


def test_label_and_min_docs_filters(corpus):
    tables = build_tables(corpus, label="CONDITION", min_docs=2)
    assert [r["concept_id"] for r in tables.concepts] == ["MESH:D000544", "MESH:D010146"]
    assert {r["concept_id"] for r in tables.surface_forms} == {"MESH:D000544", "MESH:D010146"}
    with pytest.raises(MeshtagError, match="unknown label"):
        build_tables(corpus, label="PLANT")


def test_xlsx_layout_drop_downs_and_frozen_filtered_header(corpus, tmp_path):
    out = tmp_path / "review.xlsx"
    export_review(corpus, out)
    wb = load_workbook(out)
    assert wb.sheetnames[:2] == ["concepts", "surface_forms"]
    for ws in (wb["concepts"], wb["surface_forms"]):
        header = [c.value for c in ws[1]]
        assert header[-5:] == ["decision", "correct_id", "correct_label", "reviewer", "notes"]
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref == ws.dimensions
        lists = {dv.formula1: str(dv.sqref) for dv in ws.data_validations.dataValidation}
        col = {name: chr(ord("A") + i) for i, name in enumerate(header)}
        assert lists['"accept,reject,relabel,remap"'] == f"{col['decision']}2:{col['decision']}{ws.max_row}"
        assert lists['"RECEPTOR,DRUG,CONDITION,BRAIN_REGION"'].startswith(f"{col['correct_label']}2:")
        widths = [ws.column_dimensions[c].width for c in col.values()]
        assert all(8 <= w <= 60 for w in widths)
    assert [c.value for c in wb["concepts"][1]][:9] == [
        "concept_id", "concept_name", "label", "mentions", "documents", "surface_forms", "example_context",
        "source", "score"]


def test_formula_in_input_is_exported_as_text(corpus, tmp_path):
    export_review(corpus, tmp_path / "review.xlsx")
    export_review(corpus, tmp_path / "review.csv")
    ws = load_workbook(tmp_path / "review.xlsx")["surface_forms"]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)
    assert all(not c.value.startswith(("=", "+", "-", "@")) for c in cells)
    assert f"'{FORMULA}" in [c.value for c in cells]
    with open(tmp_path / "review.csv", encoding="utf-8-sig", newline="") as fh:
        values = [v for row in csv.reader(fh) for v in row]
    assert not [v for v in values if v.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert any(v.startswith("'=HYPERLINK") for v in values)


def _set_decisions(path: Path, sheet: str, decisions: dict[tuple, dict[str, str]]) -> None:
    """Fill reviewer cells the way a curator would, keyed by (surface_form?, concept_id)."""
    wb = load_workbook(path)
    ws = wb[sheet]
    header = [c.value for c in ws[1]]
    keys = ["surface_form", "concept_id"] if sheet == "surface_forms" else ["concept_id"]
    for row in ws.iter_rows(min_row=2):
        key = tuple(row[header.index(k)].value for k in keys)
        for column, value in decisions.get(key, {}).items():
            row[header.index(column)].value = value
    wb.save(path)


def test_export_edit_import_apply_round_trip(corpus, tmp_path):
    table = tmp_path / "review.xlsx"
    export_review(corpus, table)
    _set_decisions(table, "concepts", {
        ("MESH:D007649",): {"decision": "reject", "reviewer": "ana", "notes": "anaesthetic, not studied"},
        ("MESH:D006624",): {"decision": "relabel", "correct_label": "CONDITION"},
    })
    _set_decisions(table, "surface_forms", {
        ("AD", "MESH:D000544"): {"decision": "remap", "correct_id": "MESH:D003876"},
        (f"'{FORMULA}", "MESH:D000701"): {"decision": "reject"},
    })
    result = import_review(table, tmp_path / "cur", kb=KB, reviewer="bo")
    assert not result.problems and result.added == 4
    cur = Curation.load(tmp_path / "cur")
    # the neutralising quote is gone again: the decision is about the real surface form
    assert ("=hyperlink(\"http://evil\",\"x\")", "MESH:D000701") in cur.surface_forms
    docs = [cur.apply(d) for d in corpus_documents()]
    mentions = [(m.text, m.id, m.label) for d in docs for m in d.mentions]
    assert not [m for m in mentions if m[1] == "MESH:D007649"]
    assert ("hippocampus", "MESH:D006624", "CONDITION") in mentions
    assert {m[1] for m in mentions if m[0] == "AD"} == {"MESH:D003876"}
    assert not [m for m in mentions if m[0] == FORMULA]
    assert ("morphine", "MESH:D009020", "DRUG") in mentions
    # exporting again pre-fills what was decided
    export_review(corpus, tmp_path / "again.xlsx", curation=cur)
    rows = {r["concept_id"]: r for r in sheet_rows(load_workbook(tmp_path / "again.xlsx")["concepts"])}
    assert (rows["MESH:D007649"]["decision"], rows["MESH:D007649"]["reviewer"], rows["MESH:D007649"]["notes"]) == (
        "reject", "ana", "anaesthetic, not studied")
    assert (rows["MESH:D006624"]["decision"], rows["MESH:D006624"]["correct_label"]) == ("relabel", "CONDITION")
    again = import_review(tmp_path / "again.xlsx", tmp_path / "cur", kb=KB)
    assert (again.added, again.changed) == (0, 0) and not again.problems


def test_csv_export_imports_too(corpus, tmp_path):
    table = tmp_path / "review.csv"
    export_review(corpus, table)
    with open(table, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        if row["concept_id"] == "MESH:D017450":
            row["decision"] = "reject"
    with open(table, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert import_review(table, tmp_path / "cur", kb=KB).added == 1
    assert Curation.load(tmp_path / "cur").concepts["MESH:D017450"].decision == "reject"


def test_cli_export(corpus, tmp_path, capsys):
    out = tmp_path / "t.xlsx"
    main(["review", "export", str(corpus), "-o", str(out), "--label", "RECEPTOR"])
    assert f"{out}: 3 concepts" in capsys.readouterr().out
    rows = sheet_rows(load_workbook(out)["concepts"])
    assert {r["label"] for r in rows} == {"RECEPTOR"} and len(rows) == 3
    with pytest.raises(SystemExit) as exit_:
        main(["review", "export", str(corpus), "-o", str(tmp_path / "t.ods")])
    assert exit_.value.code == 2


def test_corpus_without_mentions_gives_header_only_tables(tmp_path):
    from test_review_support import build_corpus
    from meshtag.model import Document

    corpus_dir = build_corpus(tmp_path / "c", [Document(id="1", title="Nothing to tag here.")])
    assert export_review(corpus_dir, tmp_path / "t.xlsx").concepts == []
    assert [c.value for c in load_workbook(tmp_path / "t.xlsx")["concepts"][1]][0] == "concept_id"
    with pytest.raises(MeshtagError, match="not a meshtag corpus"):
        export_review(tmp_path, tmp_path / "u.xlsx")


def test_unlinked_surface_forms_are_listed_and_a_remap_links_them(tmp_path):
    """A code the KB does not know ('CI-581', ketamine's development code) is kept unlinked by the tagger; the
    table lists it after the concepts, and a reviewer's remap links it and makes it a KB term."""
    from meshtag.model import Mention
    from test_review_support import build_corpus, tagged

    doc = tagged("105", "CI-581 in rats.", "Rats received CI-581 (10 mg/kg) and morphine.", [("morphine", "D009020")])
    for start in (0, doc.text.index("CI-581", 5)):
        sentence = next(i for i, (s, e) in enumerate(doc.sentences) if s <= start < e)
        doc.mentions.append(Mention(start, start + 6, "CI-581", "DRUG", None, None, sentence, "pattern", 0.5))
    corpus = build_corpus(tmp_path / "corpus", corpus_documents() + [doc])
    tables = build_tables(corpus)
    assert "" not in {r["concept_id"] for r in tables.concepts}
    unlinked = tables.surface_forms[-1]
    assert (unlinked["surface_form"], unlinked["concept_id"], unlinked["label"], unlinked["mentions"],
            unlinked["documents"], unlinked["source"]) == ("CI-581", "", "DRUG", 2, 1, "pattern (2)")
    assert unlinked["example_context"] == "[[CI-581]] in rats."

    table = tmp_path / "review.xlsx"
    export_review(corpus, table)
    _set_decisions(table, "surface_forms", {("CI-581", None): {"decision": "remap", "correct_id": "D007649"}})
    result = import_review(table, tmp_path / "cur", kb=KB, reviewer="ana")
    assert not result.problems and result.added == 1
    cur = Curation.load(tmp_path / "cur")
    curated = [m for m in cur.apply(doc).mentions if m.text == "CI-581"]
    assert [(m.id, m.name, m.label, m.source) for m in curated] == [("MESH:D007649", "Ketamine", "DRUG", "curation")] * 2
    assert {"term": "CI-581", "concept_id": "MESH:D007649"}.items() <= cur.synonym_rows()[0].items()

    _set_decisions(table, "surface_forms", {("CI-581", None): {"decision": "accept", "correct_id": None}})
    refused = import_review(table, tmp_path / "cur2", kb=KB)
    assert [p.reason for p in refused.problems] == [
        "an unlinked surface form has no concept to accept: remap it to one, or reject it"]
