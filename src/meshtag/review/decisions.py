"""Reviewer decisions: the record kept per concept or per (surface form, concept), and its TSV form.

The curation folder holds two plain TSV files a person can read and edit — `concepts.tsv` and
`surface_forms.tsv` — one decision per key. Text is neutralised against formula injection on write
(someone may open the TSV in a spreadsheet) and restored on read.
"""
from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
from dataclasses import asdict, dataclass, fields
from typing import Iterable

from meshtag.model import LABELS
from meshtag.safety import FORMULA_PREFIXES, neutralize_formula

DECISIONS: tuple[str, ...] = ("accept", "reject", "relabel", "remap")
CONCEPT = "concept"
SURFACE_FORM = "surface_form"
UNLINKED = ""  # the concept_id of a surface form the tagger kept without a concept
CONCEPTS_FILE = "concepts.tsv"
SURFACE_FORMS_FILE = "surface_forms.tsv"
AUDIT_FILE = "audit.tsv"


def form_key(text: str) -> str:
    """The matching key of a surface form: Unicode NFKC, case-folded, whitespace collapsed.

    >>> form_key("  Transient  receptor\\u00a0Potential ")
    'transient receptor potential'
    """
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def restore_text(value: str) -> str:
    """Undo `neutralize_formula`: drop the quote it put before a formula character.

    >>> restore_text("'=SUM(A1)"), restore_text("'quoted'"), restore_text("-")
    ('=SUM(A1)', "'quoted'", '-')
    """
    if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


@dataclass(frozen=True)
class Decision:
    """One reviewer decision about a concept (surface_form == "") or a (surface form, concept) pair."""

    concept_id: str
    decision: str
    surface_form: str = ""
    concept_name: str = ""
    label: str = ""            # the concept's label when reviewed (used for accepted synonyms)
    correct_id: str = ""       # remap target
    correct_name: str = ""     # remap target's preferred name, resolved from the KB at import
    correct_label: str = ""    # relabel target (or remap target label)
    reviewer: str = ""
    notes: str = ""
    time: str = ""
    file: str = ""

    @property
    def kind(self) -> str:
        return SURFACE_FORM if self.surface_form else CONCEPT

    @property
    def key(self) -> tuple[str, str]:
        """Decisions with equal keys replace each other on merge."""
        return (form_key(self.surface_form), self.concept_id)

    def effect(self) -> str:
        """A short human summary of what the decision does, for the audit log: `remap MESH:D1 DRUG`."""
        return " ".join(p for p in (self.decision, self.correct_id, self.correct_label) if p)

    def same_effect(self, other: "Decision") -> bool:
        """True when re-importing `other` would change nothing but who/when."""
        return (self.decision, self.correct_id, self.correct_label, self.notes) == (
            other.decision, other.correct_id, other.correct_label, other.notes)


_CONCEPT_COLUMNS = ("concept_id", "concept_name", "label", "decision", "correct_id", "correct_name",
                    "correct_label", "reviewer", "notes", "time", "file")
COLUMNS: dict[str, tuple[str, ...]] = {
    CONCEPT: _CONCEPT_COLUMNS,
    SURFACE_FORM: ("surface_form",) + _CONCEPT_COLUMNS,
}
_FIELDS = {f.name for f in fields(Decision)}
_BREAKS = re.compile(r"[\t\r\n]+")


def write_tsv(rows: Iterable[dict[str, object]], columns: tuple[str, ...]) -> str:
    """Tab-separated text with a header; cells neutralised, tabs/newlines inside cells replaced by spaces."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralize_formula(_one_line(row.get(c, ""))) for c in columns])
    return out.getvalue()


def read_tsv(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Parse TSV written by `write_tsv` (or by hand): header and (line number, row) pairs, text restored."""
    reader = csv.DictReader(io.StringIO(text), delimiter="\t")
    rows = [(reader.line_num, {k: restore_text((v or "").strip()) for k, v in row.items() if k})
            for row in reader]
    return list(reader.fieldnames or []), rows


def decisions_to_tsv(decisions: Iterable[Decision], kind: str) -> str:
    ordered = sorted(decisions, key=lambda d: (d.concept_id, form_key(d.surface_form)))
    return write_tsv((asdict(d) for d in ordered), COLUMNS[kind])


def decision_from_row(row: dict[str, str]) -> Decision:
    """Build a Decision from a TSV row (unknown columns ignored)."""
    return Decision(**{k: v for k, v in row.items() if k in _FIELDS})


def structural_problems(d: Decision) -> list[str]:
    """What makes a decision unusable on its own terms (checks against the KB come on import)."""
    problems = []
    if not d.concept_id and d.kind == CONCEPT:
        problems.append("missing concept_id")
    if not d.concept_id and d.kind == SURFACE_FORM and d.decision == "accept":
        problems.append("an unlinked surface form has no concept to accept: remap it to one, or reject it")
    if d.decision not in DECISIONS:
        problems.append(f"unknown decision {d.decision!r}{_suggest(d.decision, DECISIONS)}")
    if d.correct_label and d.correct_label not in LABELS:
        problems.append(f"unknown label {d.correct_label!r}{_suggest(d.correct_label, LABELS)}")
    if d.decision == "remap" and not d.correct_id:
        problems.append("decision remap needs correct_id")
    if d.decision == "relabel" and not d.correct_label:
        problems.append("decision relabel needs correct_label")
    if d.decision in ("accept", "reject") and (d.correct_id or d.correct_label):
        problems.append(f"correct_id/correct_label are only used with remap or relabel, not {d.decision}")
    if d.decision == "relabel" and d.correct_id:
        problems.append("relabel keeps the concept: use remap to change correct_id")
    if d.decision == "remap" and d.correct_id and d.correct_id == d.concept_id:
        problems.append("remap to the same concept: use relabel to change only the label")
    return problems


def _suggest(value: str, choices: tuple[str, ...]) -> str:
    """` (did you mean 'accept'?)` for a near miss, else the list of valid values."""
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.7)
    return f" (did you mean {close[0]!r}?)" if close else f" (expected {', '.join(choices)})"


def _one_line(value: object) -> object:
    """TSV cells cannot hold tabs or line breaks: turn runs of them into one space."""
    if value is None:
        return ""
    return _BREAKS.sub(" ", value) if isinstance(value, str) else value
