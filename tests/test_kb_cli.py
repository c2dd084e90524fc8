"""`meshtag kb info|lookup|build` through click's runner."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from meshtag.cli import cli

FIX = Path(__file__).parent / "fixtures" / "mesh"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_info_text_and_json_with_or_without_prefix():
    plain = run("kb", "info", "D009437")
    assert plain.exit_code == 0
    assert "MESH:D009437\tNeuralgia" in plain.output and "label: CONDITION" in plain.output
    assert "C10.668.829.600" in plain.output and "Neuropathic Pain" in plain.output
    data = json.loads(run("kb", "info", "MESH:D009437", "--json").stdout)
    assert (data["id"], data["name"], data["label"]) == ("MESH:D009437", "Neuralgia", "CONDITION")
    assert data["tree_numbers"] == ["C10.668.829.600", "C23.888.592.612.664"]
    assert "Neuropathic Pain" in data["synonyms"]


def test_info_unknown_id_is_a_user_error():
    from meshtag.errors import MeshtagError
    import pytest

    with pytest.raises(MeshtagError, match="D999999999: no such concept"):
        run("kb", "info", "D999999999")


def test_lookup_json_list_best_first():
    res = run("kb", "lookup", "mu opioid receptors", "--json", "--limit", "3")
    data = json.loads(res.stdout)
    assert isinstance(data, list) and 1 <= len(data) <= 3
    assert data[0] == {"id": "MESH:D017450", "name": "Receptors, Opioid, mu", "label": "RECEPTOR", "score": 1.0}
    assert [d["score"] for d in data] == sorted((d["score"] for d in data), reverse=True)
    text = run("kb", "lookup", "allodynia")
    assert text.output.splitlines()[0].split("\t") == ["1.000", "MESH:D006930", "CONDITION", "Hyperalgesia"]


def test_build_from_xml_and_from_tsv(tmp_path):
    res = run("kb", "build", "--nlm-desc", str(FIX / "desc2025_sample.xml.gz"), "--nlm-supp",
              str(FIX / "supp2025_sample.xml.gz"), "--hgnc", str(FIX / "hgnc_sample.tsv"),
              "--xrefs", str(FIX / "xrefs_sample.tsv"), "--curation", str(FIX / "curation"), "-o", str(tmp_path / "x"))
    assert res.exit_code == 0, res.output
    assert "13 concepts (9 descriptors, 3 supplementary, 1 HGNC-only)" in res.output
    assert "1 problems reported" in res.output and (tmp_path / "x.errors.txt").exists()
    data = json.loads(run("kb", "lookup", "tactile allodynia", "--json", "--kb-dir", str(tmp_path / "x")).stdout)
    assert data[0]["id"] == "MESH:D006930"
    meta = json.loads((tmp_path / "x" / "meta.json").read_text())
    assert meta["mesh_year"] == 2025 and meta["source_kind"] == "nlm-xml"
    res = run("kb", "build", "--tsv-dir", str(FIX / "tsv"), "--curation", str(FIX / "curation"), "-o", str(tmp_path / "t"))
    assert res.exit_code == 0 and "16 concepts (12 descriptors, 3 supplementary, 1 HGNC-only)" in res.output


def test_build_needs_exactly_one_source_kind(tmp_path):
    from meshtag.errors import MeshtagError
    import pytest

    with pytest.raises(MeshtagError, match="either --nlm-desc"):
        run("kb", "build", "-o", str(tmp_path / "x"))
