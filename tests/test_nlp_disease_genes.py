"""Genes named after their disease under the PubTator conventions (meshtag_disease_genes)."""
from __future__ import annotations

import meshtag
from meshtag.tagging import tag_text

TEXT = ("Mutation of the VHL gene causes renal cell carcinoma; APC mutations cause polyposis; the RB1 gene, the "
        "PAH gene and WASP mutations were also sequenced.")


def test_pubtator_reads_a_disease_named_gene_as_its_disease():
    found = [(m.text, m.id) for m in tag_text(TEXT, meshtag.load(mode="fast", conventions="pubtator")).mentions]
    assert ("VHL", "MESH:D006623") in found   # von Hippel-Lindau Disease
    assert ("APC", "MESH:D011125") in found   # Adenomatous Polyposis Coli
    # a numbered locus, an enzyme named after no disease, the protein's own short form
    assert not {"RB1", "PAH", "WASP"} & {t for t, _ in found}


def test_meshtag_conventions_leave_genes_alone():
    found = {m.text for m in tag_text(TEXT, meshtag.load(mode="fast")).mentions}
    assert not {"VHL", "APC"} & found
