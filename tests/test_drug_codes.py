"""Research compounds named by a development code (meshtag_drug_codes)."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("mode", ["fast", "accurate"])
def test_research_compound_codes_are_unlinked_drugs(mode):
    """A code the KB cannot link is kept as an unlinked DRUG; a code it knows stays linked; a measure is none."""
    import meshtag
    from meshtag.tagging import tag_text

    doc = tag_text("The TRPV1 antagonist SB366791 and the D1 antagonist SCH 23390 (0.5 mg/kg) were given; "
                   "IC50 values were computed in HEK293 cells treated with the drugs.", meshtag.load(mode=mode))
    found = {m.text: (m.label, m.id, m.source) for m in doc.mentions}
    assert found["SB366791"] == ("DRUG", None, "pattern")
    assert found["SCH 23390"][:2] == ("DRUG", "MESH:C534628")
    assert "IC50" not in found and "HEK293" not in found


def test_a_code_written_with_a_thousands_comma_is_linked_and_cell_lines_and_markers_are_no_codes():
    import meshtag
    from meshtag.tagging import tag_text

    text = ("The NK2 antagonist SR 48,968 (1 mg/kg) was given. HL-60 and U937 cells were treated with the drug; "
            "the markers DXS42 and DXS10 were typed in treated families.")
    found = {m.text: (m.id, m.source) for m in tag_text(text, meshtag.load(mode="fast")).mentions}
    assert found["SR 48,968"] == ("MESH:C073839", "pattern")   # MeSH: SR 48968
    assert not {"HL-60", "U937", "DXS42", "DXS10"} & set(found)
