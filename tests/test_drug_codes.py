"""Research compounds named by a development code (meshtag_drug_codes)."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("mode", ["fast", "accurate"])
def test_research_compound_codes_are_unlinked_drugs(mode):
    """A code the KB cannot link is kept as an unlinked DRUG; a code it knows stays linked; a measure is none."""
    import meshtag
    from meshtag.tagging import tag_text

    doc = tag_text("The sigma-1 receptor agonist PRE-084 and the D1 antagonist SCH 23390 (0.5 mg/kg) were given; "
                   "IC50 values were computed in HEK293 cells treated with the drugs.", meshtag.load(mode=mode))
    found = {m.text: (m.label, m.id, m.source) for m in doc.mentions}
    assert found["PRE-084"] == ("DRUG", None, "pattern")
    assert found["SCH 23390"][:2] == ("DRUG", "MESH:C534628")
    assert "IC50" not in found and "HEK293" not in found
