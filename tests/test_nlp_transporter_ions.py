"""Ions inside ion transporter names (meshtag.nlp.transporter_ions): BC5CDR annotates each symbol as the chemical."""
from __future__ import annotations

import meshtag
from meshtag.tagging import tag_text

TEXT = ("The Na-K-2Cl cotransporter (NKCC2) and the Na(+)/H(+) exchanger fell, the (Na,K)-ATPase did not; "
        "Ca+2 ATPase; NaCl intake.")


def test_bc5cdr_conventions_tag_every_ion_symbol_of_a_transporter_name_without_its_charge():
    got = [(m.text, m.id) for m in tag_text(TEXT, meshtag.load(mode="fast", conventions="bc5cdr")).mentions
           if m.label == "DRUG"]
    assert got == [("Na", "MESH:D012964"), ("K", "MESH:D011188"), ("Cl", "MESH:D002713"), ("Na", "MESH:D012964"),
                   ("H", "MESH:D006859"), ("Na", "MESH:D012964"), ("K", "MESH:D011188"), ("Ca", "MESH:D002118"),
                   ("NaCl", "MESH:D012965")]


def test_other_conventions_leave_the_ions_of_a_name_alone():
    got = [m.text for m in tag_text(TEXT, meshtag.load(mode="fast")).mentions if m.label == "DRUG"]
    assert "H" not in got and "Cl" not in got and "K" not in got
