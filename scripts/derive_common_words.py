"""Derive src/meshtag/kb/common_words.txt: single-token MeSH term keys that are common English words.

A key is listed when it is
  (a) a spaCy English stop word ("all", "can", "via"), or
  (b) a general English word (wordfreq zipf >= 3.5) that MeSH or HGNC spells as an acronym
      ("COPE", "SET", "CAMP", "IMPACT"), or
  (c) a general English word (zipf >= 4) seen in lowercase at least 3 times in the BC5CDR and
      NCBI-disease TRAINING abstracts but inside a gold annotation less than 20% of the time, and not the
      term of a RECEPTOR or BRAIN_REGION concept (those corpora do not annotate such concepts) ("lead").
      A key whose concepts are all DRUG is counted in BC5CDR only: NCBI-disease annotates no chemicals, so
      its 53 unannotated "iron"s (hemochromatosis abstracts) are no evidence that "iron" is a common word.
Run at build time only (needs wordfreq and ../shared); the product reads the file it writes.

    python scripts/derive_common_words.py --mesh ../shared/data/mesh --corpora ../shared/data/corpora
"""
from __future__ import annotations

import argparse
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from spacy.lang.en.stop_words import STOP_WORDS
from wordfreq import zipf_frequency

from meshtag.kb import terms
from meshtag.kb.build import build_from_tsv
from meshtag.kb.normalize import norm_tokens, normalize
from meshtag.kb.terms import COMMON_WORDS_FILE, cased_form

TRAINING = ("bc5cdr/CDR_TrainingSet.PubTator.txt", "ncbi-disease/NCBItrainset_corpus.txt")
ANNOTATES_DRUGS = ("bc5cdr/CDR_TrainingSet.PubTator.txt",)


def pubtator_docs(path: Path):
    """(text, [(start, end)]) per document of a PubTator file."""
    title, abstract, spans = "", "", []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        parts = line.split("|", 2)
        if len(parts) == 3 and parts[1] in ("t", "a"):
            if parts[1] == "t":
                title = parts[2]
            else:
                abstract = parts[2]
        elif "\t" in line:
            cols = line.split("\t")
            if len(cols) >= 4 and cols[1].isdigit():
                spans.append((int(cols[1]), int(cols[2])))
        elif not line.strip() and title:
            yield title + " " + abstract, spans
            title, abstract, spans = "", "", []
    if title:
        yield title + " " + abstract, spans


def corpus_counts(corpora: Path, files: tuple[str, ...] = TRAINING) -> tuple[Counter, Counter]:
    """Lowercase occurrences of each normalised token in `files`, and how many fall inside gold annotations."""
    seen, annotated = Counter(), Counter()
    for rel in files:
        for text, spans in pubtator_docs(corpora / rel):
            for s, e, tok in norm_tokens(text):
                if text[s:e].islower():
                    seen[tok] += 1
                    if any(a <= s and e <= b for a, b in spans):
                        annotated[tok] += 1
    return seen, annotated


@contextmanager
def no_common_words() -> Iterator[None]:
    """While building the drafts, no word is common: the KB builder drops HGNC aliases that are common
    words ("ACT", "CAMP"), which is what this script decides, so reading the current list would make the
    list its own input (and a rerun would flip those words in and out)."""
    saved = terms.COMMON_WORDS_FILE
    terms.COMMON_WORDS_FILE = Path("/nonexistent/common_words.txt")
    terms.common_words.cache_clear()
    try:
        yield
    finally:
        terms.COMMON_WORDS_FILE = saved
        terms.common_words.cache_clear()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mesh", type=Path, required=True)
    ap.add_argument("--corpora", type=Path, required=True)
    ap.add_argument("-o", "--output", type=Path, default=COMMON_WORDS_FILE)
    args = ap.parse_args()

    stop = {normalize(w) for w in STOP_WORDS if normalize(w) and " " not in normalize(w)}
    with no_common_words():
        drafts, _ = build_from_tsv(args.mesh, hgnc_file=args.mesh / "hgnc_entries.tsv")
    acronym, labels = set(), {}
    for d in drafts.values():
        for text, _ in d.terms:
            key = normalize(text)
            if key and " " not in key:
                labels.setdefault(key, set()).add(d.label)
                if cased_form(text) != "*":
                    acronym.add(key)
    counts = {"all": corpus_counts(args.corpora), "drug": corpus_counts(args.corpora, ANNOTATES_DRUGS)}
    reasons: dict[str, str] = {w: "stop word" for w in stop}
    for key, labs in labels.items():
        if key in reasons or not key.isalpha():
            continue
        zipf = zipf_frequency(key, "en")
        seen, annotated = counts["drug" if labs == {"DRUG"} else "all"]
        if key in acronym and zipf >= 3.5:
            reasons[key] = f"English word (zipf {zipf:.1f}) spelled as an acronym in MeSH/HGNC"
        elif (zipf >= 4.0 and seen[key] >= 3 and annotated[key] < 0.2 * seen[key]
              and not labs & {"RECEPTOR", "BRAIN_REGION"}):
            reasons[key] = (f"English word (zipf {zipf:.1f}), lowercase {seen[key]}x in training abstracts, "
                            f"annotated {annotated[key]}x")
    lines = [
        "# Common English words among single-token term keys: matches of these are flagged ambiguous.",
        "# Generated by scripts/derive_common_words.py (spaCy stop words; wordfreq zipf frequencies;",
        "# lowercase use vs gold annotation in the BC5CDR and NCBI-disease training abstracts). Do not edit by hand.",
    ]
    lines += [f"{w}\t{reasons[w]}" for w in sorted(reasons)]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(reasons)} common words written to {args.output}")
    for w in ("all", "can", "lead", "cope", "camp", "pain", "brain", "morphine", "impact", "set"):
        print(f"  {w}: {reasons.get(w, '-')}")


if __name__ == "__main__":
    main()
