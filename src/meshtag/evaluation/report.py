"""Evaluation results as a plain-text table or a JSON-ready dict."""
from __future__ import annotations

from typing import Mapping

from meshtag.evaluation.scoring import LEVEL_NAMES, LEVELS, PRF

Scores = Mapping[str, Mapping[str, PRF]]
Intervals = Mapping[str, Mapping[str, Mapping[str, tuple[float, float]]]]  # {label: {level: {measure: (lo, hi)}}}


def format_table(scores: Scores, title: str | None = None, intervals: Intervals | None = None) -> str:
    """One row per (type, level): P, R, F1 and the counts behind them; with `intervals` (from
    meshtag.evaluation.bootstrap), the 95% interval of each of P, R and F1 after it.

    >>> print(format_table({"DRUG": {"ner": PRF(3, 1, 0), "ner_id": PRF(2, 1, 1), "doc_id": PRF(2, 0, 0)}}))
    type  level                    P      R      F1     TP    FP    FN
    DRUG  strict NER           0.750  1.000   0.857      3     1     0
    DRUG  mention NER+ID       0.667  0.667   0.667      2     1     1
    DRUG  document concept ID  1.000  1.000   1.000      2     0     0
    """
    width = max([4] + [len(label) for label in scores])
    lines = [title] if title else []
    header = f"{'type':<{width}}  {'level':<19} {'P':>6} {'R':>6} {'F1':>7} {'TP':>6} {'FP':>5} {'FN':>5}"
    lines.append(header + ("".join(f"   {m + ' 95% CI':<11}" for m in ("P", "R", "F1")) if intervals else ""))
    for label, levels in scores.items():
        for level in LEVELS:
            s = levels[level]
            row = (f"{label:<{width}}  {LEVEL_NAMES[level]:<19} {s.precision:6.3f} {s.recall:6.3f} "
                   f"{s.f1:7.3f} {s.tp:6d} {s.fp:5d} {s.fn:5d}")
            if intervals:
                row += "".join(f"   {lo:.3f}-{hi:.3f}" for lo, hi in intervals[label][level].values())
            lines.append(row)
    return "\n".join(lines)


def scores_to_dict(scores: Scores) -> dict[str, dict[str, dict[str, float | int]]]:
    """{type: {level: {precision, recall, f1, tp, fp, fn}}}."""
    return {label: {level: levels[level].to_dict() for level in LEVELS} for label, levels in scores.items()}
