"""Labels from MeSH tree numbers, by the one readable table in `label_rules.tsv`.

Each tree number takes the label of its most specific matching prefix ("none" carves a subtree
out); a concept takes the highest-priority label among its tree numbers. Supplementary concepts
take the label of the headings they are mapped to (see `label_of_headings`). Therapeutic biologics, which
MeSH files as proteins or receptors, are DRUGs by their INN stem (see `is_biologic_drug`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from meshtag.model import LABELS

RULES_FILE = Path(__file__).with_name("label_rules.tsv")
# The first label in this order wins when tree numbers disagree.
PRIORITY: tuple[str, ...] = ("RECEPTOR", "BRAIN_REGION", "CONDITION", "DRUG")
# trees under A11 Cells that are no cell type: cellular structures and nerve fibres
NOT_CELL_TYPES = ("A11.284", "A11.671.501")


@dataclass(frozen=True)
class LabelRule:
    prefix: str
    label: str | None  # None = carve out
    note: str


def load_rules(path: Path = RULES_FILE) -> dict[str, LabelRule]:
    """Read the rules table (comment lines start with '#', then a header row)."""
    rules: dict[str, LabelRule] = {}
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    for lineno, line in enumerate(lines[1:], start=2):
        prefix, label, note = (line.split("\t") + ["", ""])[:3]
        if label != "none" and label not in LABELS:
            raise ValueError(f"{path}: rule {lineno}: unknown label {label!r}")
        rules[prefix.strip()] = LabelRule(prefix.strip(), None if label == "none" else label, note)
    return rules


class LabelRules:
    """Assigns labels to tree numbers and concepts.

    >>> r = LabelRules()
    >>> r.label_of_tree("D12.776.543.750.695.620.775.500"), r.label_of_tree("D12.776.124"), r.label_of_tree("D03.1")
    ('RECEPTOR', None, 'DRUG')
    >>> r.label_of_trees(["D12.776.157.530.400.901.250", "D12.776.543.585.400.901.250"])
    'RECEPTOR'
    """

    def __init__(self, rules: dict[str, LabelRule] | None = None):
        self.rules = rules if rules is not None else load_rules()

    def rule_for(self, tree_number: str) -> LabelRule | None:
        """The most specific rule matching `tree_number`, or None."""
        parts = tree_number.split(".")
        for n in range(len(parts), 0, -1):
            rule = self.rules.get(".".join(parts[:n]))
            if rule is not None:
                return rule
        return self.rules.get(tree_number[:1])

    def label_of_tree(self, tree_number: str) -> str | None:
        rule = self.rule_for(tree_number)
        return rule.label if rule else None

    def label_of_trees(self, tree_numbers: Iterable[str]) -> str | None:
        """The first label in PRIORITY among the tree numbers' labels; a cell type that MeSH also files inside a
        region ("Purkinje Cells" under Cerebellar Cortex) is no region (annotation guideline 2.2).

        >>> LabelRules().label_of_trees(["A08.186.211.132.810.428.200.212.600", "A08.675.784", "A11.671.784"])
        >>> LabelRules().label_of_trees(["A08.186.211.180.405.200.500", "A11.671.501.145.438"])  # mossy fibres
        'BRAIN_REGION'
        """
        trees = list(tree_numbers)
        labels = {self.label_of_tree(t) for t in trees}
        if "BRAIN_REGION" in labels and any(is_cell_type(t) for t in trees):
            labels.discard("BRAIN_REGION")
        return next((lab for lab in PRIORITY if lab in labels), None)


def is_cell_type(tree_number: str) -> bool:
    """Is this tree number a cell type (A11 Cells), not a cell's part (A11.284) or a nerve fibre (A11.671.501,
    which the guidelines count as tracts: "mossy fibres")?"""
    return tree_number.startswith("A11.") and not tree_number.startswith(NOT_CELL_TYPES)


def label_of_headings(labels: Iterable[str | None]) -> str | None:
    """The label of a supplementary concept from its mapped headings' labels (priority order)."""
    present = set(labels)
    return next((lab for lab in PRIORITY if lab in present), None)


# WHO INN stems of biologic drugs: -mab monoclonal antibodies, -cept receptor fusion proteins, -grastim and -poetin
# growth factors, -leukin interleukins, -ermin growth factors; one word, or two with a qualifier ("Epoetin Alfa",
# "Certolizumab Pegol"), never the protein family itself ("Interleukin-2", "Interleukin Inhibitors")
BIOLOGIC_INN = re.compile(r"(?!interleukin\b)(?=[a-z]{7})[a-z]+(?:mab|cept|grastim|poetin|leukin|ermin)(?: [a-z]+)?",
                          re.IGNORECASE)


def is_biologic_drug(name: str, tree_numbers: Iterable[str], supplementary: bool) -> bool:
    """Is a concept a biologic drug by its name's INN stem? MeSH files infliximab under Antibodies, Monoclonal and
    etanercept under Receptors, Tumor Necrosis Factor, which the tree rules read as a protein and a receptor.
    Descriptors must be chemicals (a D tree: "Concept Formation" is not a fusion protein).

    >>> is_biologic_drug("Infliximab", ["D12.776.124.486.485.114.224.608"], False)
    True
    >>> is_biologic_drug("erenumab", [], True), is_biologic_drug("Epoetin Alfa", ["D12.644.276.374"], False)
    (True, True)
    >>> is_biologic_drug("Interleukin Inhibitors", ["D27.505.519.124"], False)
    False
    >>> is_biologic_drug("Concept Formation", ["F02.463.188"], False)
    False
    """
    return bool(BIOLOGIC_INN.fullmatch(name)) and (supplementary or any(t.startswith("D") for t in tree_numbers))
