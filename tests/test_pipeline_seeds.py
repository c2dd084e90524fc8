"""Issue 3: the seed pages tag right — each named concept found with its label and MeSH concept."""
from __future__ import annotations

import pytest

import meshtag
from meshtag.io import read_documents
from meshtag.tagging import tag_documents


@pytest.fixture(scope="module")
def seed_mentions(seeds_dir):
    """{seed main record id: {(surface lowercased, label, concept id)}} with the default pipeline."""
    nlp = meshtag.load()
    mains = [d for d in read_documents([seeds_dir]) if "relation" not in d.meta]
    return {d.id: {(m.text.lower(), m.label, m.id, m.source) for m in d.mentions}
            for d in tag_documents(mains, nlp)}


SIGMA1 = "10.1016/j.ejphar.2025.178084"
ANTIDEPRESSANTS = "10.3390/ijms18112483"
NEUROIMMUNOLOGY = "33239404"

EXPECTED = {
    SIGMA1: [
        ("s1r", "RECEPTOR", "MESH:D000097605"),           # Sigma-1 Receptor, by the definition in the text
        ("sigma 1 receptor", "RECEPTOR", "MESH:D000097605"),
        ("trpa1", "RECEPTOR", "MESH:D000074025"),
        ("trpv1", "RECEPTOR", None),
        ("nmda", "RECEPTOR", "MESH:D016194"),             # "NMDA and MOR receptors": coordination
        ("mor receptors", "RECEPTOR", "MESH:D017450"),  # the head word completes the name
        ("bdnf", "RECEPTOR", "MESH:D019208"),
        ("trkb", "RECEPTOR", "MESH:D020813"),
        ("chronic pain", "CONDITION", "MESH:D059350"),
        ("depression", "CONDITION", None),
        ("hyperalgesia", "CONDITION", "MESH:D006930"),
    ],
    ANTIDEPRESSANTS: [
        ("antidepressants", "DRUG", "MESH:D000928"),
        ("tricyclic antidepressants", "DRUG", "MESH:D000929"),
        ("serotonin noradrenaline reuptake inhibitors", "DRUG", "MESH:D000068760"),
        ("noradrenaline", "DRUG", "MESH:D009638"),
        ("serotonin", "DRUG", "MESH:D012701"),
        ("dopamine", "DRUG", "MESH:D004298"),
        ("α₂-adrenergic receptors", "RECEPTOR", "MESH:D018341"),
        ("neuropathic pain", "CONDITION", "MESH:D009437"),
        ("allodynia", "CONDITION", "MESH:D006930"),
        ("hyperalgesia", "CONDITION", "MESH:D006930"),
        ("locus coeruleus", "BRAIN_REGION", "MESH:D008125"),
        ("spinal cord", "BRAIN_REGION", "MESH:D013116"),
    ],
    NEUROIMMUNOLOGY: [
        ("low back pain", "CONDITION", "MESH:D017116"),
        ("arthritis", "CONDITION", "MESH:D001168"),
        ("fibromyalgia", "CONDITION", "MESH:D005356"),
        ("neuropathic pain", "CONDITION", "MESH:D009437"),
        ("cannabinoids", "DRUG", "MESH:D002186"),
        ("fc gamma receptors", "RECEPTOR", "MESH:D017452"),
    ],
}


@pytest.mark.parametrize("doc_id, text, label, concept_id",
                         [(doc, *item) for doc, items in EXPECTED.items() for item in items])
def test_seed_concept_is_tagged(seed_mentions, doc_id, text, label, concept_id):
    found = {(lab, cid) for t, lab, cid, _ in seed_mentions[doc_id] if t == text}
    assert any(lab == label and (concept_id is None or cid == concept_id) for lab, cid in found), \
        f"{text!r} in {doc_id}: found {sorted(found, key=str) or 'nothing'}"


def test_short_forms_defined_as_something_else_are_not_tagged(seed_mentions):
    """"knockout (KO)" defines KO in seed 000; MAM is a membrane, not a concept of ours."""
    texts = {t for t, *_ in seed_mentions[SIGMA1]}
    assert "ko" not in texts and "mam" not in texts


def test_every_dictionary_mention_is_linked_to_mesh_or_hgnc(seed_mentions):
    """Only a model mention may be unlinked (kept with its label, flagged by id None)."""
    for mentions in seed_mentions.values():
        for text, label, cid, source in mentions:
            if source != "model":
                assert cid and cid.split(":")[0] in ("MESH", "HGNC"), (text, label, cid)
