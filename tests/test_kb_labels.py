"""Label rules: most specific tree-number prefix wins; priorities across tree numbers; supplementary via headings."""
from __future__ import annotations

from meshtag.kb.labels import LabelRules, label_of_headings, load_rules


def test_rules_table_is_readable_and_uses_known_labels():
    rules = load_rules()
    assert rules["D12.776.543.750"].label == "RECEPTOR"
    assert rules["D12.776"].label is None  # carve-out
    assert rules["A08.186"].label == "BRAIN_REGION"
    assert all(r.note for r in rules.values())


def test_most_specific_prefix_wins():
    r = LabelRules()
    assert r.label_of_tree("D12.776.543.750.695.620.550") == "RECEPTOR"   # mu opioid receptor
    assert r.label_of_tree("D12.776.157.530.400.901.250") == "RECEPTOR"   # TRPA1 channel
    assert r.label_of_tree("D12.776.826.450") == "RECEPTOR"               # nuclear receptor
    assert r.label_of_tree("D12.776.543.750.705.400.350.500") is None     # Cyclophilin A: an isomerase
    assert r.label_of_tree("D12.776.543.750.705.100") == "RECEPTOR"       # other immunologic receptors
    assert r.label_of_tree("D12.776.157.530.400.500.040") is None         # aquaporins: water, not ions
    assert r.label_of_tree("D12.776.827.137") == "RECEPTOR"               # imidazoline receptors ...
    assert r.label_of_tree("D12.776.827") is None                         # ... but not Receptors, Drug itself
    assert r.label_of_tree("D12.776.827.344") is None                     # (immunophilins map there too)
    assert r.label_of_tree("D12.776.124.486") is None                     # a protein, not a receptor
    assert r.label_of_tree("D08.811.277") is None                         # enzyme
    assert r.label_of_tree("D02.886.778.260") == "DRUG"
    assert r.label_of_tree("D27.505.954.427.700.122") == "DRUG"           # Antidepressive Agents
    assert r.label_of_tree("D13.570.800.790") == "DRUG"                   # ribavirin (nucleoside)
    assert r.label_of_tree("D13.444.308") is None                         # DNA
    assert r.label_of_tree("C10.668.829.600") == "CONDITION"
    assert r.label_of_tree("C23.888.592.612") == "CONDITION"              # Pain
    assert r.label_of_tree("F03.600.300") == "CONDITION"                  # mental disorders
    assert r.label_of_tree("F01.470.361") is None                         # behaviour, not a disorder
    assert r.label_of_tree("A08.186.211.132.659.473") == "BRAIN_REGION"   # locus coeruleus
    assert r.label_of_tree("A08.340.390.300") == "BRAIN_REGION"           # dorsal root ganglia
    assert r.label_of_tree("A08.800.800.720.450") == "BRAIN_REGION"       # sciatic nerve
    assert r.label_of_tree("A08.800.550") is None                         # nerve endings
    assert r.label_of_tree("A08.800.800.120.680") == "BRAIN_REGION"       # optic nerve ...
    assert r.label_of_tree("A08.800.800.120.680.660") is None             # ... but not the optic disk (eye)
    assert r.label_of_tree("A08.800.800.690.500") is None                 # myelin sheath: part of a cell
    assert r.label_of_tree("B01.050") is None
    assert r.label_of_tree("D26.660") is None                             # Placebos
    assert r.label_of_tree("D26.310") == "DRUG"                           # Drug Combinations
    assert r.label_of_tree("C23.550.291.937") is None                     # Recurrence: a disease attribute
    assert r.label_of_tree("C23.550.470") == "CONDITION"                  # Inflammation


def test_priority_across_tree_numbers():
    r = LabelRules()
    assert r.label_of_trees(["D12.776.157.530.400.901.250", "D12.776.543.585.400.901.250"]) == "RECEPTOR"
    # an oligopeptide tree keeps DRUG although its protein tree carries no label
    assert r.label_of_trees(["D12.644.456.073.060", "D12.776.631.100"]) == "DRUG"
    # growth factors (BDNF's trees) carry none: BC5CDR leaves signalling proteins unannotated
    assert r.label_of_trees(["D12.644.276.860.100", "D12.776.467.860.100"]) is None
    assert r.label_of_trees([]) is None
    # physical forms and carriers are no agents (Aerosols, Nasal Sprays, Liposomes); a chemical tree keeps Silica Gel
    assert r.label_of_trees(["D20.280.055", "D26.255.165.055"]) is None
    assert r.label_of_trees(["D20.280.055.500", "D26.255.165.055.291"]) is None
    assert r.label_of_trees(["D25.479.517", "D26.255.260.517", "J01.637.051.479.517"]) is None
    assert r.label_of_trees(["D01.837.725.700.379", "D20.280.320.687", "D26.255.165.320.687"]) == "DRUG"
    # a cell type filed inside a region is no region (guideline 2.2); nerve fibres stay tracts ("mossy fibres")
    assert r.label_of_trees(["A08.186.854.697.500", "A08.675.650.675", "A11.671.650.675"]) is None  # dorsal horn cells
    assert r.label_of_trees(["A08.186.211.180.405.200.500", "A11.671.501.145.438"]) == "BRAIN_REGION"


def test_supplementary_label_from_headings():
    assert label_of_headings(["RECEPTOR", None]) == "RECEPTOR"
    assert label_of_headings([None, "DRUG", "CONDITION"]) == "CONDITION"
    assert label_of_headings([]) is None
