"""Mention records and spaCy entities (meshtag.nlp.mentions.entries_for): a record keeps its exact characters, an
entity is whole tokens; a mention inside a token another one holds keeps its record without an entity."""
from __future__ import annotations

import meshtag
from meshtag.tagging import tag_text

TRANSPORTER = "The Na(+)-K(+)-2Cl(-) cotransporter fell."
PARTIAL = "MDMA+ users and ciprofloxacin- and norfloxacin-induced tendinopathy; ketamine."


def test_every_ion_of_one_token_keeps_its_record():
    nlp = meshtag.load(mode="fast", conventions="bc5cdr")
    doc = nlp(TRANSPORTER)
    records = [(m.text, m.id) for m in tag_text(TRANSPORTER, nlp).mentions]
    assert records == [("Na", "MESH:D012964"), ("K", "MESH:D011188"), ("Cl", "MESH:D002713")]
    # "K(+)-2Cl(-" is one token: one entity for K and Cl, whose record is still written
    assert [e.text for e in doc.ents] == ["Na(+", "K(+)-2Cl(-"]
    assert [e._.concept_id for e in doc.ents] == ["MESH:D012964", "MESH:D011188"]


def test_a_curation_keeps_the_exact_characters_of_every_mention(tmp_path):
    folder = tmp_path / "curation"
    folder.mkdir()
    (folder / "concepts.tsv").write_text(
        "concept_id\tdecision\tcorrect_id\tcorrect_name\tcorrect_label\treviewer\tnotes\n"
        "MESH:D007649\treject\t\t\t\tana\tnot in this study\n", encoding="utf-8")
    plain = [(m.text, m.id) for m in tag_text(PARTIAL, meshtag.load(mode="fast")).mentions]
    curated = [(m.text, m.id) for m in tag_text(PARTIAL, meshtag.load(mode="fast", curation=folder)).mentions]
    assert ("MDMA", "MESH:D018817") in plain and ("ciprofloxacin", "MESH:D002939") in plain
    assert curated == [m for m in plain if m[0] != "ketamine"]   # only the rejected concept is gone
