"""Issue 8: a `meshtag tag --corpus` run killed with SIGKILL at a random point, then rerun, yields the
same corpus as an uninterrupted run (no half-written part is ever visible)."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from meshtag.corpus.store import CorpusStore

ABSTRACTS = Path(__file__).parent / "fixtures" / "parallel" / "abstracts.pubtator"


def tag_into(corpus: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "meshtag.cli", "tag", str(ABSTRACTS), "--corpus", str(corpus),
                             "--mode", "fast", "--workers", "1", "--no-progress"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def snapshot(corpus: Path) -> dict[str, list[tuple]]:
    con = CorpusStore(corpus).connect()
    return {
        "documents": con.execute("SELECT doc_id, title, abstract FROM documents ORDER BY doc_id").fetchall(),
        "sentences": con.execute("SELECT doc_id, sentence, start, \"end\" FROM sentences ORDER BY ALL").fetchall(),
        "mentions": con.execute("SELECT doc_id, start, \"end\", label, concept_id, source FROM mentions "
                                "ORDER BY ALL").fetchall(),
    }


def test_sigkill_then_rerun_equals_uninterrupted_run(tmp_path):
    reference = tmp_path / "reference"
    proc = tag_into(reference)
    started = time.monotonic()
    assert proc.wait(timeout=300) == 0, proc.stderr.read()
    duration = time.monotonic() - started
    expected = snapshot(reference)
    assert expected["mentions"]

    rng = random.Random(8)
    for attempt in range(3):
        corpus = tmp_path / f"killed{attempt}"
        proc = tag_into(corpus)
        time.sleep(rng.uniform(0.3, 1.0) * duration)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        if corpus.exists():  # whatever was committed before the kill is readable and consistent
            partial = snapshot(corpus)
            assert set(partial["mentions"]) <= set(expected["mentions"])
        rerun = tag_into(corpus)
        assert rerun.wait(timeout=300) == 0, rerun.stderr.read()
        assert snapshot(corpus) == expected
