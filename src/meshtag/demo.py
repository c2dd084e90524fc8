"""`meshtag demo`: tag the bundled seed pages into a corpus and write the example reports."""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from meshtag.paths import seeds_dir

# The co-occurrence questions the seeds were chosen for: (a, b, level, rollup, file stem)
DEMO_QUESTIONS = (
    ("S1R", "TRPA1", "sentence", False, "cooccur_S1R_TRPA1"),
    ("antidepressants", "neuropathic pain", "document", True, "cooccur_antidepressants_neuropathic_pain"),
)


@dataclass
class DemoResult:
    corpus: Path
    files: list[Path] = field(default_factory=list)
    summary: str = ""


def run_demo(out: str | Path = "reports", mode: str = "accurate", workers: int | None = 1,
             progress: bool = True) -> DemoResult:
    """Tag `seeds/` into `out/corpus` (rebuilt from scratch) and write entity, co-occurrence and network reports."""
    from meshtag.report import cooccurrence_report, entity_report
    from meshtag.tag_job import run_tag

    out = Path(out)
    corpus = out / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)  # the demo corpus is derived data: rebuild it so reports match this version
    summary = run_tag([seeds_dir()], corpus=corpus, mode=mode, workers=workers, progress=progress)
    result = DemoResult(corpus=corpus, summary=str(summary))
    for fmt in ("html", "md", "csv", "xlsx"):
        result.files += entity_report(corpus, format=fmt, out=out / f"entities.{fmt}").files
    for a, b, level, rollup, stem in DEMO_QUESTIONS:
        for fmt in ("html", "md", "csv"):
            result.files += cooccurrence_report(corpus, a=a, b=b, level=level, rollup=rollup, format=fmt,
                                                out=out / f"{stem}.{fmt}").files
    for fmt in ("html", "md"):
        result.files += cooccurrence_report(corpus, level="sentence", format=fmt,
                                            out=out / f"cooccurrence.{fmt}").files
    result.files = sorted(set(result.files))
    return result
