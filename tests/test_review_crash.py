"""Crash safety of `meshtag review import`: a SIGKILL at any write step leaves the folder before or after.

The command runs in a subprocess that announces each write step and pauses at the chosen one
(MESHTAG_REVIEW_PAUSE_AT); the test kills it there with SIGKILL and inspects the folder.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from datetime import datetime, timezone
from dataclasses import replace
from pathlib import Path

import pytest

from meshtag.review.curation import Curation
from meshtag.review.folder import PENDING, PAUSE_ENV, CurationFolder
from meshtag.review.importer import import_review
from test_review_support import KB, folder_state

HEADER = ["surface_form", "concept_id", "decision", "correct_id", "correct_label", "reviewer", "notes"]
T1, T2 = datetime(2026, 1, 5, tzinfo=timezone.utc), datetime(2026, 1, 6, tzinfo=timezone.utc)
STEPS = ["staged audit.tsv", "staged concepts.tsv", "staged surface_forms.tsv", "committed",
         "installed audit.tsv", "installed concepts.tsv", "installed surface_forms.tsv"]
STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def cli_import(table: Path, target: Path, pause_at: str | None = None) -> subprocess.Popen:
    """`meshtag review import` in a subprocess (checked against the real KB), optionally pausing at a step."""
    env = {k: v for k, v in os.environ.items() if k != PAUSE_ENV}
    if pause_at:
        env[PAUSE_ENV] = pause_at
    return subprocess.Popen([sys.executable, "-c", "from meshtag.cli import main; main()", "review", "import",
                             str(table), "--curation", str(target), "--reviewer", "bo"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)


def state(directory: Path) -> dict[str, str]:
    """The folder's visible files with import times blanked (runs happen at different seconds)."""
    return {name: STAMP.sub("TIME", text) for name, text in folder_state(directory).items()}


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """The folder before the second import, the second import's table, and the folder after it."""
    root = tmp_path_factory.mktemp("crash")
    before = root / "before"
    first = _workbook(root / "first.xlsx", concepts=[["MESH:D007649", "reject", "", ""],
                                                     ["MESH:D006624", "relabel", "", "CONDITION"]],
                      forms=[["AD", "MESH:D000544", "reject", "", "", "ana", ""]])
    import_review(first, before, kb=KB, now=T1)
    table = _workbook(root / "second.xlsx", concepts=[["MESH:D007649", "accept", "", ""]],
                      forms=[["AD", "MESH:D000544", "remap", "MESH:D003876", "", "", ""],
                             ["MOR", "MESH:D017450", "accept", "", "", "", ""]])
    after = root / "after"
    shutil.copytree(before, after)
    proc = cli_import(table, after)
    assert proc.wait(timeout=60) == 0, proc.stderr.read()
    assert folder_state(before) != folder_state(after)
    assert set(folder_state(after)) == {"audit.tsv", "concepts.tsv", "surface_forms.tsv"}
    return before, table, after


def _workbook(path: Path, concepts: list[list[str]], forms: list[list[str]]) -> Path:
    """A filled-in review table with both sheets, so one import rewrites all three files."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "concepts"
    wb.active.append(["concept_id", "decision", "correct_id", "correct_label"])
    for row in concepts:
        wb.active.append(row)
    ws = wb.create_sheet("surface_forms")
    ws.append(HEADER)
    for row in forms:
        ws.append(row)
    wb.save(path)
    return path


def _decisions(directory: Path) -> dict:
    cur = Curation.load(directory)
    return {key: replace(d, time="") for key, d in
            {**cur.concepts, **{"|".join(k): v for k, v in cur.surface_forms.items()}}.items()}


@pytest.mark.parametrize("step", STEPS)
def test_kill_at_each_step_leaves_before_or_after(states, tmp_path, step):
    before, table, after = states
    target = tmp_path / "cur"
    shutil.copytree(before, target)
    proc = cli_import(table, target, pause_at=step)
    seen = []
    try:
        for line in proc.stderr:
            if line.startswith("meshtag-review-step: "):
                seen.append(line.split(": ", 1)[1].strip())
                if seen[-1] == step:
                    break
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert seen == STEPS[:STEPS.index(step) + 1]
    committed = STEPS.index(step) >= STEPS.index("committed")
    expected = after if committed else before
    # readers see a whole state at once, even before anyone cleans up
    assert _decisions(target) == _decisions(expected)
    if not committed:
        assert folder_state(target) == folder_state(before)
    # the next writer (or reader with write access) finishes or discards the interrupted import
    CurationFolder(target).recover()
    assert state(target) == state(expected)
    assert not [p.name for p in target.iterdir() if p.name.startswith(".import")]
    # and a fresh import on top works normally
    result = import_review(table, target, kb=KB, reviewer="bo", now=T2)
    assert result.applied and (result.added + result.changed == (0 if committed else 3))
    assert _decisions(target).keys() == _decisions(after).keys()


def test_pending_commit_is_visible_to_readers_and_installed_by_next_writer(states, tmp_path):
    before, _, after = states
    target = tmp_path / "cur"
    shutil.copytree(before, target)
    (target / PENDING).mkdir()
    shutil.copy(after / "concepts.tsv", target / PENDING / "concepts.tsv")
    assert CurationFolder(target).read("concepts.tsv") == (after / "concepts.tsv").read_text()
    with CurationFolder(target).transaction():
        pass
    assert (target / "concepts.tsv").read_text() == (after / "concepts.tsv").read_text()
    assert not (target / PENDING).exists()
