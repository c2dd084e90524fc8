"""The mistakes behind the scores, one row per wrong mention, for error analysis (`meshtag eval --errors`)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from meshtag.evaluation.ids import concept_ids, mention_ids, namespaces
from meshtag.model import Document

COLUMNS = ("document", "start", "end", "text", "label", "kind", "gold_ids", "pred_ids")


@dataclass(frozen=True)
class MentionError:
    """kind: `missed` (gold span not predicted), `spurious` (predicted span not in gold), `wrong_id`
    (span right, no shared concept id) or `unlinked` (span right, prediction has no id, gold has one)."""

    document: str
    start: int
    end: int
    text: str
    label: str
    kind: str
    gold_ids: str
    pred_ids: str


def mention_errors(gold_docs: Iterable[Document], pred_docs: Iterable[Document],
                   labels: Iterable[str]) -> Iterator[MentionError]:
    """Every mention-level error of `pred_docs` against `gold_docs`, in document and offset order.

    >>> from meshtag.model import Mention
    >>> g = [Document("1", "Cisplatin nephrotoxicity", mentions=[Mention(0, 9, "Cisplatin", "DRUG", "MESH:D002945")])]
    >>> p = [Document("1", "Cisplatin nephrotoxicity", mentions=[Mention(0, 9, "Cisplatin", "DRUG", "MESH:D1")])]
    >>> [(e.text, e.kind) for e in mention_errors(g, p, ["DRUG"])]
    [('Cisplatin', 'wrong_id')]
    """
    wanted = set(labels)
    gold_docs = list(gold_docs)
    gold_namespaces = namespaces(gold_docs)
    preds = {d.id: d for d in pred_docs}
    for gold in gold_docs:
        pred = preds.get(gold.id)
        g = {(m.start, m.end, m.label): m for m in gold.mentions if m.label in wanted}
        p = {(m.start, m.end, m.label): m for m in (pred.mentions if pred else []) if m.label in wanted}
        for key in sorted(set(g) | set(p)):
            gm, pm = g.get(key), p.get(key)
            gids = concept_ids(gm.id) if gm else frozenset()
            pids = mention_ids(pm, gold_namespaces) if pm else frozenset()
            if gm is None:
                kind = "spurious"
            elif pm is None:
                kind = "missed"
            elif gids and not pids:
                kind = "unlinked"
            elif gids and not gids & pids:
                kind = "wrong_id"
            else:
                continue
            text = (gm or pm).text
            yield MentionError(gold.id, key[0], key[1], text, key[2], kind,
                               "|".join(sorted(gids)), "|".join(sorted(pids)))


def write_errors(errors: Iterable[MentionError], path) -> int:
    """Write errors as TSV (COLUMNS header; text cells neutralised for spreadsheets); return the row count."""
    import csv
    from dataclasses import astuple

    from meshtag.fsutil import atomic_open
    from meshtag.safety import neutralize_formula

    n = 0
    with atomic_open(path) as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        for err in errors:
            writer.writerow([neutralize_formula(v) for v in astuple(err)])
            n += 1
    return n

