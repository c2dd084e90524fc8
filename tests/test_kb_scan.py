"""The KB scanner (`find_all`, `find`) against a plain reference scan of the same tokens, on real abstracts."""
from __future__ import annotations

from pathlib import Path

import pytest

from meshtag.io import read_documents
from meshtag.kb import KnowledgeBase
from meshtag.kb.normalize import token_spans

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpora"  # beside the project, as in CI
BC5CDR_DEV = CORPORA / "bc5cdr" / "CDR_DevelopmentSet.PubTator.txt"
TRICKY = ["", "pain", "receptor receptor", "NMDA and MOR receptors; mor and and are words.",
          "Les récepteurs: μ-opioid receptors and α₂-adrenoceptors in the periaqueductal grey.",
          "5-HT1A and 5-HT receptors, TRPA1/TRPV1, Na+-K+ ATPase, COX-2 inhibitors."]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.fixture(scope="module")
def texts(seeds_dir) -> list[str]:
    found = [d.text for d in read_documents([seeds_dir])] + TRICKY
    if BC5CDR_DEV.exists():
        found += [d.text for d in read_documents([BC5CDR_DEV], format="pubtator")][:150]
    return found


def reference_spans(kb: KnowledgeBase, text: str) -> list[tuple[int, int, str]]:
    """Every (start, end, key) where a run of whole tokens is a term key: each start grown token by token
    while some term key still begins with the run, ordered by start then longest first."""
    keys, starts, ends = token_spans(text)
    found = []
    for i in range(len(keys)):
        run = []
        for j in range(i, len(keys)):
            key = " ".join(keys[i:j + 1])
            if kb.has_key(key):
                run.append((starts[i], ends[j], key))
            if next(kb.completions(key + " "), None) is None:
                break
        found += reversed(run)
    return found


def test_find_all_is_every_term_run_of_tokens(kb, texts):
    for text in texts:
        lax = kb.find_all(text, strict_case=False)
        assert [(m.start, m.end, m.key) for m in lax] == reference_spans(kb, text), text[:80]
        assert all(m.text == text[m.start:m.end] and m.concept_ids for m in lax)
        # strict casing drops exactly the ambiguous terms whose casing the text does not keep ("mor" for MOR)
        kept = [m for m in lax if m.case_sensitive_ok or not m.ambiguous]
        assert kb.find_all(text) == kept


def test_find_is_longest_leftmost_of_find_all(kb, texts):
    for text in texts:
        for strict in (True, False):
            greedy, last_end = [], -1
            for m in kb.find_all(text, strict_case=strict):
                if m.start >= last_end:
                    greedy.append(m)
                    last_end = m.end
            assert kb.find(text, strict_case=strict) == greedy, text[:80]


def test_curated_overlay_terms_are_scanned(kb):
    fresh = KnowledgeBase.load(curation=False)
    text = "Painful allodynia and mechanical allodynia."
    assert "allodynia" not in {m.key for m in fresh.find_all(text)}
    fresh.add_terms([{"term": "allodynia", "concept_id": "D006930", "source": "test"}])
    assert [(m.text, m.kinds) for m in fresh.find_all(text) if m.key == "allodynia"] == \
        [("allodynia", ("curated",))] * 2


def test_labelled_only_keeps_the_matches_with_a_labelled_concept(kb, texts):
    for text in texts:
        expected = [m for m in kb.find_all(text) if any(kb.label(cid) for cid in m.concept_ids)]
        assert kb.find_all(text, labelled_only=True) == expected, text[:80]
    assert kb.find_all("Patients with pain.", labelled_only=True)[0].text == "pain"


def test_labelled_only_scan_reports_the_unlabelled_names_around_labelled_terms(kb):
    text = "Tumor necrosis factor-alpha rose; captopril-induced hypotension; pain."
    shadows = []
    matches = kb.find_all(text, labelled_only=True, shadows=shadows)
    assert [m.text for m in matches] == ["Tumor", "necrosis", "captopril", "hypotension", "pain"]
    assert [(text[start:end], ids) for start, end, ids in shadows] == [
        ("Tumor necrosis factor-alpha", ("MESH:D014409",)), ("induced hypotension", ("MESH:D007023",))]
