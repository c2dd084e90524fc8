"""The domain-coverage benchmark (benchmarks/domain_coverage.py): its name lists and its counting."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

import meshtag
from meshtag.model import LABELS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from domain_coverage import HELD_OUT_DIR, coverage, read_names  # noqa: E402


@pytest.mark.parametrize("label", LABELS)
def test_every_label_has_a_list_of_distinct_names(label):
    names = read_names(label)
    assert len(names) >= 50 and len(set(names)) == len(names)


@pytest.mark.parametrize("label", LABELS)
def test_the_held_out_lists_share_no_name_with_the_tuning_lists(label):
    held_out = read_names(label, HELD_OUT_DIR)
    assert len(held_out) >= 40 and len(set(held_out)) == len(held_out)
    assert set(held_out).isdisjoint(read_names(label))


def test_coverage_counts_exact_overlapping_and_linked_finds():
    nlp = meshtag.load(mode="fast")
    got = coverage(nlp, "DRUG", ["zavegepant", "gabapentin", "notadrugxyz"])
    assert (got["names"], got["exact"], got["overlapping"], got["linked"]) == (3, 2, 2, 1)
    assert [name for name, _ in got["misses"]] == ["notadrugxyz"]
    region = coverage(nlp, "BRAIN_REGION", ["dorsal striatum"])  # the guidelines leave the adjective out
    assert (region["exact"], region["overlapping"]) == (0, 1)
