"""A curation folder's decisions, applied to tagged documents so the tagger obeys its reviewers.

Precedence: a decision about a (surface form, concept) pair beats a decision about the whole concept
(so a concept can be accepted while one ambiguous abbreviation of it is rejected). Decisions apply once:
a mention remapped to concept B is not then changed again by a decision about B.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from meshtag.errors import InputError, MeshtagError
from meshtag.model import Document, Mention
from meshtag.review.decisions import (
    COLUMNS, CONCEPT, CONCEPTS_FILE, SURFACE_FORM, SURFACE_FORMS_FILE, UNLINKED, Decision, decision_from_row,
    form_key, read_tsv, structural_problems,
)
from meshtag.review.folder import CurationFolder

CURATION_ENV = "MESHTAG_CURATION"
DECISION_FILES = {CONCEPTS_FILE: CONCEPT, SURFACE_FORMS_FILE: SURFACE_FORM}
_BARE_MESH = re.compile(r"^[CD]\d+$")


def resolve_curation_dir(explicit: str | os.PathLike | None) -> Path | None:
    """The curation folder to use: `--curation DIR` > $MESHTAG_CURATION > ./curation if it exists > None."""
    if explicit:
        return Path(explicit)
    if os.environ.get(CURATION_ENV):
        return Path(os.environ[CURATION_ENV])
    local = Path.cwd() / "curation"
    return local if local.is_dir() else None


def canonical_id(concept_id: str) -> str:
    """`D012345` -> `MESH:D012345`; other ids unchanged (hand-edited TSVs may omit the prefix)."""
    concept_id = concept_id.strip()
    return f"MESH:{concept_id}" if _BARE_MESH.match(concept_id) else concept_id


@dataclass
class Curation:
    """Reviewer decisions keyed by concept id and by (surface form key, concept id)."""

    concepts: dict[str, Decision] = field(default_factory=dict)
    surface_forms: dict[tuple[str, str], Decision] = field(default_factory=dict)
    directory: Path | None = None

    @classmethod
    def load(cls, directory: str | os.PathLike | None) -> "Curation":
        """Read a curation folder; an empty Curation when `directory` is None or does not exist.

        A malformed decision file raises InputError naming the file and line: a tagger silently
        ignoring part of its curation would be worse than stopping.
        """
        if directory is None or not Path(directory).exists():
            return cls(directory=Path(directory) if directory else None)
        if not Path(directory).is_dir():
            raise MeshtagError(f"{directory}: the curation folder is not a folder")
        folder = CurationFolder(directory)
        return cls.from_texts(folder.read_all(tuple(DECISION_FILES)), folder.path)

    @classmethod
    def from_texts(cls, texts: dict[str, str | None], directory: Path) -> "Curation":
        """Parse the decision files' texts (None for an absent file) read from `directory`."""
        cur = cls(directory=directory)
        for name, kind in DECISION_FILES.items():
            if texts.get(name) is not None:
                for decision in parse_decisions(texts[name], kind, str(directory / name)):
                    cur.put(decision)
        return cur

    def put(self, decision: Decision) -> Decision | None:
        """Record `decision`, returning the one it replaces (same key) if any."""
        table = self.surface_forms if decision.surface_form else self.concepts
        key = decision.key if decision.surface_form else decision.concept_id
        previous = table.get(key)
        table[key] = decision
        return previous

    def get(self, decision: Decision) -> Decision | None:
        """The recorded decision with the same key as `decision`."""
        if decision.surface_form:
            return self.surface_forms.get(decision.key)
        return self.concepts.get(decision.concept_id)

    def decisions(self, kind: str) -> list[Decision]:
        return list((self.concepts if kind == CONCEPT else self.surface_forms).values())

    @property
    def is_empty(self) -> bool:
        return not self.concepts and not self.surface_forms

    @property
    def fingerprint(self) -> str:
        """sha256 of the decisions that affect tagging ("" for an empty curation), for corpus metadata."""
        if self.is_empty:
            return ""
        payload = sorted(
            [d.concept_id, form_key(d.surface_form), d.decision, d.correct_id, d.correct_name, d.correct_label]
            for d in (*self.concepts.values(), *self.surface_forms.values())
        )
        return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8")).hexdigest()

    def decision_for(self, mention: Mention) -> Decision | None:
        """The decision governing `mention`: its (surface form, concept) pair first, then its concept; for an
        unlinked mention, its surface form's."""
        if not mention.id:
            return self.surface_forms.get((form_key(mention.text), UNLINKED))
        return (self.surface_forms.get((form_key(mention.text), mention.id))
                or self.concepts.get(mention.id))

    def curate(self, mention: Mention) -> Mention | None:
        """`mention` after its decision: None when rejected, a changed copy (source "curation") when
        relabelled or remapped, the mention itself otherwise."""
        decision = self.decision_for(mention)
        if decision is None or decision.decision == "accept":
            return mention
        if decision.decision == "reject":
            return None
        if decision.decision == "relabel":
            return replace(mention, label=decision.correct_label, source="curation")
        return replace(mention, id=decision.correct_id, name=decision.correct_name or mention.name,
                       label=decision.correct_label or mention.label, related_id=None, source="curation")

    def apply(self, doc: Document) -> Document:
        """A copy of `doc` with rejected mentions dropped and remaps/relabels applied."""
        if self.is_empty:
            return doc
        kept = [m for m in (self.curate(m) for m in doc.mentions) if m is not None]
        return replace(doc, mentions=kept)

    def synonym_rows(self) -> list[dict[str, str]]:
        """Accepted and remapped surface forms as KB terms: {term, concept_id, label, source, note}."""
        rows = []
        for d in sorted(self.surface_forms.values(), key=lambda d: (d.concept_id, form_key(d.surface_form))):
            if d.decision == "accept":
                concept_id, label = d.concept_id, d.label
            elif d.decision == "remap":
                concept_id, label = d.correct_id, d.correct_label or d.label
            else:
                continue
            note = "; ".join(p for p in (f"reviewed by {d.reviewer}" if d.reviewer else "", d.time, d.file,
                                         d.notes) if p)
            rows.append({"term": d.surface_form, "concept_id": concept_id, "label": label,
                         "source": "curation", "note": note})
        return rows


def parse_decisions(text: str, kind: str, file: str) -> list[Decision]:
    """Decisions from a curation TSV; InputError (file, line, reason) on a malformed one."""
    if not text.strip():
        return []
    header, rows = read_tsv(text)
    required = ("surface_form", "concept_id", "decision") if kind == SURFACE_FORM else ("concept_id", "decision")
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(f"missing column(s) {', '.join(missing)} (expected {', '.join(COLUMNS[kind])})", file)
    seen: dict[tuple[str, str], int] = {}
    out = []
    for line, row in rows:
        if not any(row.values()):
            continue
        decision = normalized(decision_from_row(row))
        problems = structural_problems(decision)
        if kind == SURFACE_FORM and not decision.surface_form:
            problems.append("missing surface_form")
        if decision.key in seen:
            problems.append(f"same key as line {seen[decision.key]}")
        if problems:
            raise InputError("; ".join(problems), file, line)
        seen[decision.key] = line
        out.append(decision)
    return out


def normalized(d: Decision) -> Decision:
    """Canonical spelling of the coded fields: MESH: prefix on ids, lower-case decision, upper-case label."""
    return replace(d, concept_id=canonical_id(d.concept_id), correct_id=canonical_id(d.correct_id),
                   decision=d.decision.strip().lower(),
                   correct_label=d.correct_label.strip().upper().replace(" ", "_"))
