"""meshtag.heap.frozen_heap: the collector skips the pipeline's long-lived objects while tagging."""
from __future__ import annotations

import gc

import meshtag
from meshtag.heap import frozen_heap
from meshtag.model import Document
from meshtag.tagging import tag_documents


def test_outermost_block_freezes_and_releases_the_heap():
    assert gc.get_freeze_count() == 0
    with frozen_heap():
        frozen = gc.get_freeze_count()
        assert frozen > 0
        with frozen_heap():
            pass
        assert gc.get_freeze_count() == frozen   # an inner block does not thaw the outer one
    assert gc.get_freeze_count() == 0


def test_heap_is_released_when_tagging_fails():
    try:
        with frozen_heap():
            raise ValueError("boom")
    except ValueError:
        pass
    assert gc.get_freeze_count() == 0


def test_tagging_runs_on_a_frozen_heap_and_thaws_it_afterwards():
    nlp = meshtag.load(mode="fast")
    docs = tag_documents((Document(id=str(i), title="Morphine relieved neuropathic pain.") for i in range(3)), nlp)
    first = next(docs)
    assert gc.get_freeze_count() > 0 and first.mentions
    assert len(list(docs)) == 2
    assert gc.get_freeze_count() == 0
