"""Keep the garbage collector off the long-lived heap while tagging.

A loaded pipeline holds ~125k tracked objects (vocab, KB tables, curation) that never become garbage,
yet every full collection triggered by tagging's short-lived objects walks them again, and in a forked
worker each walk writes to pages shared with the parent (copy-on-write). `gc.freeze()` moves them out
of the collector's reach for the duration (both calls are O(1) list splices); measured on 4,000 BC5CDR
abstracts in fast mode: 765 -> 816 abstracts/s in one process; 2 workers 1.78x -> 1.84-1.89x one worker.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


_depth = 0   # open frozen_heap() blocks; a forked worker inherits the count with the frozen heap


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Objects alive on entry to the outermost block are skipped by the collector until it exits (then
    collected as usual); inner blocks, and blocks in a worker forked inside one, change nothing."""
    global _depth
    if not _depth:
        gc.freeze()
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if not _depth:
            gc.unfreeze()
