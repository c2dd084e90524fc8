"""`meshtag tag` as a library call: read any inputs, tag them (on every core), and write a file, stdout
or a corpus folder, with a progress bar and a closing summary."""
from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from tqdm import tqdm

from meshtag.errors import ErrorLog, MeshtagError
from meshtag.model import Document
from meshtag.parallel import PipelineSpec, tag_parallel


@dataclass
class TagSummary:
    """What a tagging run did; `str()` is the closing summary printed to the user."""

    documents: int = 0
    mentions: int = 0
    by_label: Counter = field(default_factory=Counter)
    unlinked: int = 0
    skipped_existing: int = 0
    problems: int = 0
    seconds: float = 0.0
    destination: str = "stdout"

    def count(self, doc: Document) -> None:
        self.documents += 1
        self.mentions += len(doc.mentions)
        self.by_label.update(m.label for m in doc.mentions)
        self.unlinked += sum(1 for m in doc.mentions if m.id is None)

    def __str__(self) -> str:
        rate = self.documents / self.seconds if self.seconds else 0.0
        labels = ", ".join(f"{k} {v}" for k, v in sorted(self.by_label.items())) or "none"
        lines = [f"meshtag tag: {self.documents} documents, {self.mentions} mentions ({labels}; "
                 f"{self.unlinked} unlinked) in {self.seconds:.1f} s ({rate:.0f} docs/s) -> {self.destination}"]
        if self.skipped_existing:
            lines.append(f"  {self.skipped_existing} documents already in the corpus were skipped (--resume)")
        if self.problems:
            lines.append(f"  {self.problems} input problem(s) reported above")
        return "\n".join(lines)


def count_documents(inputs: list[str], format: str | None, **options) -> int:
    """A quick silent reading pass, so the progress bar can show an ETA (reading is ~50x faster than tagging)."""
    from meshtag.io import read_documents

    return sum(1 for _ in read_documents(inputs, format=format, errors=ErrorLog(stream=None), **options))


def run_tag(inputs: Iterable[str | Path], *, format: str | None = None, output: str | Path | None = None,
            output_format: str | None = None, corpus: str | Path | None = None, mode: str = "accurate",
            workers: int | None = None, curation: str | Path | None = None, strict: bool = False,
            resume: bool = False, progress: bool = True, executor: str = "local",
            scheduler: str | None = None, **read_options) -> TagSummary:
    """Tag every document of `inputs` and write them to `output` (file or stdout) or into `corpus`."""
    from meshtag.io import read_documents, write_documents

    inputs = [str(p) for p in inputs]
    if output is not None and corpus is not None:
        raise MeshtagError("give either -o/--output or --corpus, not both (report from the corpus instead)")
    spec = PipelineSpec(mode=mode, curation=str(curation) if curation else None)
    if executor == "dask":
        if corpus is None:
            raise MeshtagError("--executor dask writes a corpus folder: give --corpus DIR")
        from meshtag.distributed import run_dask

        return run_dask(inputs, corpus=corpus, spec=spec, scheduler=scheduler, format=format, n_workers=workers,
                        progress=progress, **read_options)
    errors = ErrorLog(path=ErrorLog.beside(output) if output else (Path(corpus) / "errors.txt" if corpus else None))
    if errors.path is not None:
        errors.path.unlink(missing_ok=True)  # this run's problems only
    summary = TagSummary(destination=str(corpus or output or "stdout"))
    total = count_documents(inputs, format, **read_options) if progress else None
    documents: Iterator[Document] = read_documents(inputs, format=format, errors=errors, strict=strict,
                                                   **read_options)
    store = None
    if corpus is not None:
        from meshtag.corpus.store import CorpusStore

        store = CorpusStore(corpus)
        if resume:
            documents = _skip_existing(documents, store.doc_ids(), summary)
    nlp = spec.load()
    started = time.perf_counter()
    bar = tqdm(total=total, unit="doc", desc="tagging", file=sys.stderr, disable=not progress,
               dynamic_ncols=True, smoothing=0.1)

    def tagged() -> Iterator[Document]:
        for doc in tag_parallel(documents, spec, workers, nlp=nlp):
            summary.count(doc)
            bar.update(1)
            yield doc

    try:
        if store is not None:
            store.add(tagged(), kb_version=_kb_version(), pipeline_version=pipeline_version(nlp))
        else:
            write_documents(tagged(), output, output_format, tagged=True)
    finally:
        bar.close()
    summary.seconds = time.perf_counter() - started
    summary.problems = errors.count
    if summary.documents == 0 and errors.count:
        raise MeshtagError(f"nothing could be read from {', '.join(inputs)} ({errors.count} problem(s))")
    if strict and errors.count:
        raise MeshtagError(f"{errors.count} input problem(s) and --strict was given")
    return summary


def pipeline_version(nlp) -> str:
    """Pipeline name/version/mode plus the curation fingerprint: what produced a corpus's mentions."""
    curation = nlp.get_pipe("meshtag_curation").fingerprint if "meshtag_curation" in nlp.pipe_names else ""
    return f"{nlp.meta['version']}:{nlp.meta.get('meshtag_mode', '')}:curation={curation or 'none'}"


def _kb_version() -> dict:
    from meshtag.nlp.candidates import get_kb

    return dict(get_kb(None).version)


def _skip_existing(documents: Iterator[Document], done: set[str], summary: TagSummary) -> Iterator[Document]:
    for doc in documents:
        if doc.id in done:
            summary.skipped_existing += 1
            continue
        yield doc
