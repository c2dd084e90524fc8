"""Plain-text files and web-page captures (the bundled seeds)."""
from __future__ import annotations

from meshtag.errors import ErrorLog
from meshtag.io import detect_format, read_documents


def _read(path):
    return list(read_documents([path], errors=ErrorLog(stream=None)))


def test_txt_title_then_blank_line(tmp_path):
    path = tmp_path / "note one.txt"
    path.write_text("Morphine and pain\n\nMorphine binds the mu opioid receptor.\nIt relieves pain.\n")
    assert detect_format(path) == "txt"
    (doc,) = _read(path)
    assert (doc.id, doc.title, doc.abstract) == ("note one", "Morphine and pain",
                                                  "Morphine binds the mu opioid receptor. It relieves pain.")


def test_txt_without_title(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("Morphine binds the mu opioid receptor.\nIt relieves pain.\n")
    (doc,) = _read(path)
    assert doc.title == "" and doc.abstract == "Morphine binds the mu opioid receptor. It relieves pain."


def test_seed_000_aggregator_page(seeds_dir):
    path = next(seeds_dir.glob("000_*.txt"))
    assert detect_format(path) == "page"
    main, *similar = _read(path)
    assert main.title == "Sigma-1 receptor: A potential target for modulating chronic pain and depression."
    assert main.abstract.startswith("Sigma 1 receptor (S1R)") and main.abstract.endswith("antidepressants.")
    assert main.doi == main.id == "10.1016/j.ejphar.2025.178084"
    assert main.meta["journal"] == "Eur J Pharmacol" and main.meta["year"] == "2025"
    for noise in ("Total Visits", "Download full-text PDF", "View Article", "921", "Top Keywords"):
        assert noise not in main.abstract
    assert len(similar) == 5 and all(d.meta["relation"] == "similar" for d in similar)
    assert similar[0].abstract.startswith("Purpose: Sleep disturbance") and "Method: This retrospective" in similar[0].abstract
    assert all(d.meta["parent"] == main.id and "View Article" not in d.abstract for d in similar)


def test_seed_001_pubmed_copy_with_mesh(seeds_dir):
    (main,) = _read(next(seeds_dir.glob("001_*.txt")))
    assert main.title == "Analgesic Mechanisms of Antidepressants for Neuropathic Pain"
    assert main.doi == "10.3390/ijms18112483" and main.meta["journal"] == "Int J Mol Sci"
    assert main.abstract.startswith("Tricyclic antidepressants")
    # the page's keyword line ends the abstract (so it is tagged) and is also listed in meta
    assert main.abstract.endswith("Keywords: 5-HT; allodynia; dopamine; hyperalgesia; locus coeruleus; "
                                  "noradrenaline; rats; spinal cord; spinal nerve ligation; α2-adrenergic receptors.")
    assert "locus coeruleus" in main.meta["keywords"] and "\u03b12-adrenergic receptors" in main.meta["keywords"]
    names = [h["name"] for h in main.meta["mesh_headings"]]
    assert names[:3] == ["Analgesics", "Animals", "Antidepressive Agents"] and len(names) == 11
    assert {h["name"]: h["major"] for h in main.meta["mesh_headings"]}["Neuralgia"] is True
    assert main.meta["publication_types"] == ["Review"]


def test_seed_002_pubmed_page_with_similar_and_cited_by(seeds_dir):
    main, *related = _read(next(seeds_dir.glob("002_*.txt")))
    assert main.id == main.pmid == "33239404" and main.doi == "10.1523/JNEUROSCI.1650-20.2020"
    assert main.abstract.startswith("Chronic pain, encompassing")
    assert main.abstract.endswith("patient populations. Keywords: Fc gamma receptors; Nrf2; TSPO; biomarkers; "
                                  "cannabinoids; sex differences.")
    assert main.meta["keywords"][-1] == "sex differences"
    similar = [d for d in related if d.meta["relation"] == "similar"]
    cited = [d for d in related if d.meta["relation"] == "cited_by"]
    assert [d.pmid for d in similar] == ["27622932", "32621949", "32441204", "29911589", "28865126"]
    assert [d.pmid for d in cited] == ["36430567", "39497418", "38075938", "35860299", "34948407"]
    assert similar[3].title.endswith("The cause of transition from acute to chronic pain?")
    assert similar[0].doi == "10.1038/tp.2016.168" and similar[0].meta["journal"] == "Transl Psychiatry"
    assert all("Agalave" not in d.title for d in related)  # the references list is left out
