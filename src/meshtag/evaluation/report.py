"""Evaluation results as a plain-text table or a JSON-ready dict."""
from __future__ import annotations

from typing import Mapping

from meshtag.evaluation.scoring import LEVEL_NAMES, LEVELS, PRF

Scores = Mapping[str, Mapping[str, PRF]]


def format_table(scores: Scores, title: str | None = None) -> str:
    """One row per (type, level): P, R, F1 and the counts behind them.

    >>> print(format_table({"DRUG": {"ner": PRF(3, 1, 0), "ner_id": PRF(2, 1, 1), "doc_id": PRF(2, 0, 0)}}))
    type  level                    P      R      F1     TP    FP    FN
    DRUG  strict NER           0.750  1.000   0.857      3     1     0
    DRUG  mention NER+ID       0.667  0.667   0.667      2     1     1
    DRUG  document concept ID  1.000  1.000   1.000      2     0     0
    """
    width = max([4] + [len(label) for label in scores])
    lines = [title] if title else []
    lines.append(f"{'type':<{width}}  {'level':<19} {'P':>6} {'R':>6} {'F1':>7} {'TP':>6} {'FP':>5} {'FN':>5}")
    for label, levels in scores.items():
        for level in LEVELS:
            s = levels[level]
            lines.append(f"{label:<{width}}  {LEVEL_NAMES[level]:<19} {s.precision:6.3f} {s.recall:6.3f} "
                         f"{s.f1:7.3f} {s.tp:6d} {s.fp:5d} {s.fn:5d}")
    return "\n".join(lines)


def scores_to_dict(scores: Scores) -> dict[str, dict[str, dict[str, float | int]]]:
    """{type: {level: {precision, recall, f1, tp, fp, fn}}}."""
    return {label: {level: levels[level].to_dict() for level in LEVELS} for label, levels in scores.items()}
