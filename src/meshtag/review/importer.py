"""`meshtag review import`: check every row of a filled-in table, then merge its decisions into the
curation folder in one atomic commit, with an audit line for every new or changed decision."""
from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

from meshtag.review.curation import DECISION_FILES, Curation, normalized, resolve_curation_dir
from meshtag.review.decisions import (
    AUDIT_FILE, CONCEPT, CONCEPTS_FILE, SURFACE_FORM, SURFACE_FORMS_FILE, Decision, decisions_to_tsv,
    structural_problems, write_tsv,
)
from meshtag.review.folder import CurationFolder
from meshtag.review.sheets import SheetRow, read_review_table

AUDIT_COLUMNS = ("time", "file", "sheet", "row", "reviewer", "kind", "surface_form", "concept_id",
                 "decision", "before", "after")


class ConceptLookup(Protocol):
    """What validation needs from the knowledge base: `get(id)` -> concept with .id .name .label, or None."""

    def get(self, concept_id: str): ...


@dataclass
class Problem:
    """A row that cannot be imported, and why."""

    sheet: str
    row: int
    reason: str

    @property
    def record(self) -> str:
        return f"{self.row} (sheet {self.sheet})"


@dataclass
class Reviewed:
    """A valid decision and the row it came from."""

    decision: Decision
    sheet: str
    row: int


@dataclass
class ImportResult:
    directory: Path
    rows: int = 0                      # rows carrying a decision
    problems: list[Problem] = field(default_factory=list)
    applied: bool = False
    added: int = 0
    changed: int = 0
    unchanged: int = 0


def import_review(file: str | os.PathLike, curation: str | os.PathLike | None = None, *,
                  partial: bool = False, reviewer: str | None = None, kb: ConceptLookup | None = None,
                  kb_path: str | os.PathLike | None = None, now: datetime | None = None) -> ImportResult:
    """Validate every row of `file`; unless there are problems (or `partial`), merge into the curation folder.

    Ids are checked against `kb` (default: the knowledge base at `kb_path`, else the default one).
    A newer decision replaces an older one with the same key; every other recorded decision is kept.
    """
    file = Path(file)
    directory = resolve_curation_dir(curation) or Path.cwd() / "curation"
    result = ImportResult(directory=directory)
    rows = [r for r in read_review_table(file) if r.reviewed]
    result.rows = len(rows)
    if not rows:
        return result
    if kb is None:
        from meshtag.kb import KnowledgeBase

        kb = KnowledgeBase.load(kb_path)
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    provenance = {"time": stamp, "file": file.name, "reviewer": reviewer or _current_user()}
    good, result.problems = validate_rows(rows, kb, provenance)
    if (result.problems and not partial) or not good:
        return result
    _merge(CurationFolder(directory), good, result, provenance)
    return result


def validate_rows(rows: list[SheetRow], kb: ConceptLookup, provenance: dict[str, str]
                  ) -> tuple[list[Reviewed], list[Problem]]:
    """Every row checked against the decision rules and the KB; one Problem per bad row (reasons joined)."""
    good: list[Reviewed] = []
    problems: list[Problem] = []
    first_row: dict[tuple[str, str, str], Reviewed] = {}
    for row in rows:
        decision, reasons = _decision(row, kb, provenance)
        key = (row.kind, *decision.key)
        earlier = first_row.get(key)
        if not reasons and earlier is not None and not earlier.decision.same_effect(decision):
            reasons.append(f"contradicts row {earlier.row} of sheet {earlier.sheet} about the same "
                           f"{'surface form' if row.kind == SURFACE_FORM else 'concept'}")
        if reasons:
            problems.append(Problem(row.sheet, row.row, "; ".join(reasons)))
        elif earlier is None:
            first_row[key] = Reviewed(decision, row.sheet, row.row)
            good.append(first_row[key])
    return good, problems


def _decision(row: SheetRow, kb: ConceptLookup, provenance: dict[str, str]) -> tuple[Decision, list[str]]:
    """The row as a Decision (ids canonical, names and labels from the KB) and what is wrong with it."""
    cells = row.cells
    decision = normalized(Decision(
        concept_id=cells.get("concept_id", ""), decision=cells.get("decision", ""),
        surface_form=cells.get("surface_form", "") if row.kind == SURFACE_FORM else "",
        correct_id=cells.get("correct_id", ""), correct_label=cells.get("correct_label", ""),
        reviewer=cells.get("reviewer") or provenance["reviewer"], notes=cells.get("notes", ""),
        time=provenance["time"], file=provenance["file"],
    ))
    reasons = []
    if row.kind == SURFACE_FORM and not decision.surface_form:
        reasons.append("missing surface_form")
    concept = kb.get(decision.concept_id) if decision.concept_id else None
    if decision.concept_id and concept is None:
        reasons.append(f"unknown concept id {decision.concept_id!r}")
    target = kb.get(decision.correct_id) if decision.correct_id else None
    if decision.correct_id and target is None:
        reasons.append(f"unknown correct_id {decision.correct_id!r}")
    if concept is not None:
        decision = replace(decision, concept_id=concept.id, concept_name=concept.name,
                           label=concept.label or "")
    if target is not None:
        decision = replace(decision, correct_id=target.id, correct_name=target.name,
                           correct_label=decision.correct_label or target.label or "")
    reasons[:0] = structural_problems(decision)
    return decision, reasons


def _merge(folder: CurationFolder, good: list[Reviewed], result: ImportResult, provenance: dict[str, str]) -> None:
    """Merge `good` into the folder: one atomic commit of both decision files and the audit log."""
    with folder.transaction() as tx:
        current = Curation.from_texts({name: tx.read(name) for name in DECISION_FILES}, folder.path)
        audit = []
        for item in good:
            old = current.get(item.decision)
            if old is not None and old.same_effect(item.decision):
                result.unchanged += 1
                continue
            current.put(item.decision)
            if old is None:
                result.added += 1
            else:
                result.changed += 1
            audit.append({**provenance, "sheet": item.sheet, "row": item.row, "reviewer": item.decision.reviewer,
                          "kind": item.decision.kind, "surface_form": item.decision.surface_form,
                          "concept_id": item.decision.concept_id, "decision": item.decision.decision,
                          "before": old.effect() if old else "", "after": item.decision.effect()})
        if audit:
            tx.write(CONCEPTS_FILE, decisions_to_tsv(current.decisions(CONCEPT), CONCEPT))
            tx.write(SURFACE_FORMS_FILE, decisions_to_tsv(current.decisions(SURFACE_FORM), SURFACE_FORM))
            tx.write(AUDIT_FILE, _append_audit(tx.read(AUDIT_FILE), audit))
    result.applied = True


def _append_audit(previous: str | None, rows: list[dict[str, object]]) -> str:
    """The audit log with `rows` added at the end; earlier lines are kept byte for byte."""
    new = write_tsv(rows, AUDIT_COLUMNS)
    if not previous:
        return new
    return previous + ("" if previous.endswith("\n") else "\n") + new.split("\n", 1)[1]


def _current_user() -> str:
    try:
        return getpass.getuser()
    except OSError:  # no login name (e.g. some containers): the audit log says so
        return "unknown"
