"""Curation folder → Curation: loading hand-written TSVs, applying decisions to documents, synonyms."""
from __future__ import annotations

from pathlib import Path

import pytest

from meshtag.errors import InputError
from meshtag.review.curation import Curation, resolve_curation_dir
from test_review_support import corpus_documents

CONCEPT_HEADER = "concept_id\tdecision\tcorrect_id\tcorrect_name\tcorrect_label\treviewer\tnotes\n"
FORM_HEADER = "surface_form\tconcept_id\tlabel\tdecision\tcorrect_id\tcorrect_name\tcorrect_label\treviewer\tnotes\n"


def write_folder(folder: Path, concepts: str = "", forms: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if concepts:
        (folder / "concepts.tsv").write_text(CONCEPT_HEADER + concepts, encoding="utf-8")
    if forms:
        (folder / "surface_forms.tsv").write_text(FORM_HEADER + forms, encoding="utf-8")
    return folder


def mentions(doc) -> list[tuple]:
    return [(m.text, m.id, m.label, m.source) for m in doc.mentions]


def test_missing_or_absent_folder_is_an_empty_curation(tmp_path):
    for directory in (None, tmp_path / "nope"):
        cur = Curation.load(directory)
        assert cur.is_empty and cur.fingerprint == ""
        doc = corpus_documents()[0]
        assert cur.apply(doc) is doc


def test_concept_reject_relabel_remap(tmp_path):
    folder = write_folder(tmp_path / "cur", concepts=(
        "MESH:D007649\treject\t\t\t\tana\tnot a drug here\n"
        "D006624\trelabel\t\t\tcondition\tana\t\n"          # bare id and lower-case label are normalised
        "MESH:D009437\tremap\tMESH:D010146\tPain\tCONDITION\tana\t\n"))
    cur = Curation.load(folder)
    doc = cur.apply(corpus_documents()[0])
    got = mentions(doc)
    assert ("ketamine", "MESH:D007649", "DRUG", "dictionary") not in got
    assert ("hippocampus", "MESH:D006624", "CONDITION", "curation") in got
    assert ("neuropathic pain", "MESH:D010146", "CONDITION", "curation") in got
    remapped = next(m for m in doc.mentions if m.text == "neuropathic pain")
    assert remapped.name == "Pain"
    # untouched mentions keep their source
    assert ("Morphine", "MESH:D009020", "DRUG", "dictionary") in got
    assert len(doc.mentions) == len(corpus_documents()[0].mentions) - 1


def test_surface_form_decision_beats_concept_decision(tmp_path):
    folder = write_folder(
        tmp_path / "cur",
        concepts="MESH:D000544\taccept\t\t\t\tana\t\n",
        forms="AD\tMESH:D000544\tCONDITION\tremap\tMESH:D003876\tDermatitis, Atopic\tCONDITION\tana\tAD = atopic dermatitis\n"
              "s1r\tMESH:D017480\tRECEPTOR\treject\t\t\t\tana\t\n")   # forms match case-insensitively
    cur = Curation.load(folder)
    docs = [cur.apply(d) for d in corpus_documents()]
    ad = [m for d in docs for m in d.mentions if m.text == "AD"]
    assert ad and all(m.id == "MESH:D003876" and m.source == "curation" for m in ad)
    assert not [m for m in docs[0].mentions if m.text == "S1R"]
    # the other surface form of the same concept stays
    assert [m.id for m in docs[0].mentions if m.text == "Sigma-1 receptor"] == ["MESH:D017480"]


def test_remap_applies_once_not_chained(tmp_path):
    folder = write_folder(tmp_path / "cur", concepts=(
        "MESH:D009437\tremap\tMESH:D010146\tPain\tCONDITION\t\t\n"
        "MESH:D010146\treject\t\t\t\t\t\n"))
    doc = Curation.load(folder).apply(corpus_documents()[0])
    assert [m.id for m in doc.mentions if m.text == "neuropathic pain"] == ["MESH:D010146"]
    assert not [m for m in doc.mentions if m.text == "pain"]


def test_synonym_rows_are_accepted_and_remapped_forms(tmp_path):
    folder = write_folder(tmp_path / "cur", forms=(
        "S1R\tMESH:D017480\tRECEPTOR\taccept\t\t\t\tana\tcommon abbreviation\n"
        "AD\tMESH:D000544\tCONDITION\tremap\tMESH:D003876\tDermatitis, Atopic\tCONDITION\tbo\t\n"
        "MOR\tMESH:D017450\tRECEPTOR\treject\t\t\t\tbo\t\n"))
    rows = Curation.load(folder).synonym_rows()
    assert [(r["term"], r["concept_id"], r["label"], r["source"]) for r in rows] == [
        ("AD", "MESH:D003876", "CONDITION", "curation"), ("S1R", "MESH:D017480", "RECEPTOR", "curation")]
    assert "reviewed by ana" in rows[1]["note"] and "common abbreviation" in rows[1]["note"]


def test_fingerprint_follows_decisions_not_formatting(tmp_path):
    a = Curation.load(write_folder(tmp_path / "a", concepts="MESH:D007649\treject\t\t\t\tana\t\n"))
    b = Curation.load(write_folder(tmp_path / "b", concepts="D007649\tREJECT\t\t\t\tbo\tother note\n"))
    c = Curation.load(write_folder(tmp_path / "c", concepts="MESH:D007649\taccept\t\t\t\tana\t\n"))
    assert len(a.fingerprint) == 64 and a.fingerprint == b.fingerprint != c.fingerprint


@pytest.mark.parametrize("line, reason", [
    ("MESH:D007649\tdrop\t\t\t\t\t\n", "unknown decision 'drop'"),
    ("MESH:D007649\tremap\t\t\t\t\t\n", "remap needs correct_id"),
    ("MESH:D007649\trelabel\t\t\tPLANT\t\t\n", "unknown label 'PLANT'"),
    ("\treject\t\t\t\t\t\n", "missing concept_id"),
])
def test_malformed_hand_edit_stops_with_file_and_line(tmp_path, line, reason):
    folder = write_folder(tmp_path / "cur", concepts="MESH:D009020\taccept\t\t\t\t\t\n" + line)
    with pytest.raises(InputError) as err:
        Curation.load(folder)
    assert err.value.record == 3 and reason in err.value.reason and err.value.file.endswith("concepts.tsv")


def test_duplicate_key_in_a_hand_edited_file_is_refused(tmp_path):
    folder = write_folder(tmp_path / "cur", forms="AD\tD000544\t\treject\t\t\t\t\t\nad\tMESH:D000544\t\taccept\t\t\t\t\t\n")
    with pytest.raises(InputError, match="same key as line 2"):
        Curation.load(folder)


def test_resolve_curation_dir_precedence(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MESHTAG_CURATION", raising=False)
    assert resolve_curation_dir(None) is None
    (tmp_path / "curation").mkdir()
    assert resolve_curation_dir(None) == tmp_path / "curation"
    monkeypatch.setenv("MESHTAG_CURATION", str(tmp_path / "env"))
    assert resolve_curation_dir(None) == tmp_path / "env"
    assert resolve_curation_dir(tmp_path / "explicit") == tmp_path / "explicit"
