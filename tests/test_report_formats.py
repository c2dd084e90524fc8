"""Report files parsed back: CSV and XLSX neutralise formulas, HTML and Markdown escape markup, figures exist."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from openpyxl import load_workbook

from fixtures.corpus.tiny import FakeKB, tiny_store
from meshtag.errors import MeshtagError
from meshtag.report import cooccurrence_report, entity_report

FORMULA = '=HYPERLINK("http://x.example","amitriptyline")'
SCRIPT = "<script>alert(1)</script>"
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return tiny_store(tmp_path_factory.mktemp("tiny") / "corpus")


def test_entity_csv_to_stdout_neutralises_formulas(store):
    result = entity_report(store, kb=FakeKB())
    rows = list(csv.DictReader(io.StringIO(result.text)))
    formula = next(r for r in rows if r["concept_id"] == "MESH:D000700")
    assert formula["surface_forms"] == f"'{FORMULA} (1)"
    assert formula["example_sentence"] == f"'{FORMULA} was typed into this abstract."
    ami = next(r for r in rows if r["concept_id"] == "MESH:D000639")
    assert ami["tree_numbers"] == "D02.455.426.559.389.657.109"
    assert not any(v.startswith("=") for r in rows for v in r.values())
    sigma = next(r for r in rows if r["concept_id"] == "MESH:D017480")
    assert sigma["surface_forms"] == "S1R (3); sigma-1 receptor (3); Sigma-1 receptor (1)"
    assert sigma["mentions"] == "7"


def test_cooccur_csv_keeps_evidence_with_its_document(store):
    result = cooccurrence_report(store, a="MESH:D000700", b="MESH:D017480", level="document", kb=FakeKB())
    rows = list(csv.DictReader(io.StringIO(result.text)))
    assert [(r["a_name"], r["b_name"], r["doc_ids"]) for r in rows] == [("Analgesics", "Receptors, sigma", "30000005")]
    assert rows[0]["evidence"] == f"[30000005] {FORMULA} was typed into this abstract. … {SCRIPT} and the sigma-1 receptor."


def test_xlsx_is_readable_frozen_filtered_and_inert(store, tmp_path):
    out = tmp_path / "entities.xlsx"
    entity_report(store, format="xlsx", out=out, kb=FakeKB())
    wb = load_workbook(out)
    ws = wb["report"]
    header = [c.value for c in ws[1]]
    assert header[:6] == ["concept_id", "name", "label", "tree_numbers", "mentions", "documents"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:L{ws.max_row}"
    assert all(ws.column_dimensions[c].width and ws.column_dimensions[c].width >= 8 for c in "ABCDEF")
    cells = [c for row in ws.iter_rows(min_row=2) for c in row]
    assert not [c for c in cells if c.data_type == "f"]  # no formulas anywhere
    assert ws.cell(row=2, column=5).value == 7  # counts stay numbers
    assert f"'{FORMULA} (1)" in [c.value for c in cells]
    assert "about" in wb.sheetnames


def test_xlsx_formula_cell_is_quoted(store, tmp_path):
    # a co-occurrence whose evidence sentence itself starts with "=": sentence of document 30000005
    out = tmp_path / "co.xlsx"
    cooccurrence_report(store, a="MESH:D000700", level="document", format="xlsx", out=out, kb=FakeKB())
    ws = load_workbook(out)["report"]
    values = [c.value for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert not [v for v in values if v.startswith("=")]
    header = [c.value for c in ws[1]]
    assert header == ["a_id", "a_name", "a_label", "b_id", "b_name", "b_label", "n_ab", "n_a", "n_b", "n_total",
                      "expected", "pmi", "npmi", "lift", "p_value", "q_value", "score", "doc_ids", "evidence"]


def test_entity_html_escapes_input_and_inlines_the_chart(store, tmp_path):
    out = tmp_path / "entities.html"
    result = entity_report(store, format="html", out=out, kb=FakeKB())
    page = out.read_text(encoding="utf-8")
    assert SCRIPT not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>J Test</b>" not in page
    assert re.search(r'<img alt="Top concepts per label \(mentions\)" src="data:image/png;base64,', page)
    assert "http" not in re.sub(r"http://x\.example", "", page)  # nothing fetched from the network
    assert result.files == [out]


def test_markdown_writes_the_chart_beside_it(store, tmp_path):
    out = tmp_path / "entities.md"
    result = entity_report(store, format="md", out=out, kb=FakeKB())
    chart = tmp_path / "entities_top_concepts.png"
    assert result.files == [out, chart] and chart.read_bytes().startswith(PNG)
    text = out.read_text(encoding="utf-8")
    assert "![Top concepts per label (mentions)](entities_top_concepts.png)" in text
    assert SCRIPT not in text and "&lt;script&gt;" in text


def test_cooccur_html_has_network_heatmap_and_a_safe_interactive_page(store, tmp_path):
    out = tmp_path / "co.html"
    result = cooccurrence_report(store, level="document", format="html", out=out, kb=FakeKB())
    network = tmp_path / "co_network.html"
    assert result.files == [out, network]
    page = out.read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") == 2
    assert SCRIPT not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="co_network.html"' in page
    interactive = network.read_text(encoding="utf-8")
    assert "<script src" not in interactive and "http" not in interactive.replace("http://www.w3.org/2000/svg", "")
    assert SCRIPT not in interactive
    data = json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>',
                                interactive, re.S).group(1))
    assert {n["id"] for n in data["nodes"]} >= {"MESH:D017480", "MESH:D000071596"}
    assert all({"a", "b", "weight", "n_ab"} <= set(e) for e in data["edges"])


def test_cooccur_markdown_writes_network_and_heatmap_pngs(store, tmp_path):
    out = tmp_path / "co.md"
    result = cooccurrence_report(store, a="S1R", format="md", out=out, kb=FakeKB())
    names = sorted(p.name for p in result.files)
    assert names == ["co.md", "co_heatmap.png", "co_network.html", "co_network.png"]
    assert all((tmp_path / n).read_bytes().startswith(PNG) for n in names if n.endswith(".png"))
    assert "<br>" in out.read_text(encoding="utf-8")  # evidence items on separate lines


def test_format_follows_the_extension_and_bad_requests_are_clear(store, tmp_path):
    out = tmp_path / "x.xlsx"
    entity_report(store, out=out, kb=FakeKB())
    assert load_workbook(out)["report"]["A1"].value == "concept_id"
    with pytest.raises(MeshtagError, match="needs an output file"):
        entity_report(store, format="xlsx", kb=FakeKB())
    with pytest.raises(MeshtagError, match="unknown label"):
        cooccurrence_report(store, labels="DRUG,GENE", kb=FakeKB())
    with pytest.raises(MeshtagError, match="not a meshtag corpus"):
        entity_report(tmp_path / "missing")


def test_entity_report_header_counts_and_names_the_unlinked_mentions(tmp_path):
    """Mentions without a concept are not table rows; the header says how many and which names."""
    from fixtures.corpus.tiny import KB_VERSION, tiny_docs
    from meshtag.corpus import CorpusStore
    from meshtag.model import Document, Mention

    doc = Document(id="900", title="PRE-084 and E-52862 in mice.", abstract="PRE-084 was given with zavegepant.")
    doc.sentences = [(0, 28), (29, len(doc.text))]
    for text, start in (("PRE-084", 0), ("E-52862", 12), ("PRE-084", 29)):
        doc.mentions.append(Mention(start, start + 7, text, "DRUG", None, None, int(start > 28), "pattern", 0.5))
    start = doc.text.index("zavegepant")  # a drug newer than MeSH, with its INN stem's class (meshtag_drug_stems)
    doc.mentions.append(Mention(start, start + 10, "zavegepant", "DRUG", None, None, 1, "pattern", 0.5,
                                related_id="MESH:D000928"))
    store = CorpusStore(tmp_path / "corpus")
    store.add(tiny_docs() + [doc], kb_version=KB_VERSION, pipeline_version="test-1")
    result = entity_report(store, format="md", kb=FakeKB())
    assert "PRE-084" not in set(result.frame["name"]) and result.frame["concept_id"].notna().all()
    header = next(line for line in result.text.splitlines() if "unlinked mentions" in line)
    assert "4 (no concept" in header and "PRE-084 [DRUG] (2); E-52862 [DRUG] (1)" in header
    assert "zavegepant [DRUG] (1, closest: Antidepressive Agents [MESH:D000928])" in header
    assert "unlinked mentions" not in entity_report(tiny_store(tmp_path / "plain"), format="md", kb=FakeKB()).text
