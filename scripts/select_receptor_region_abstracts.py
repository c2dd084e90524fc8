"""Select the abstracts of the RECEPTOR/BRAIN_REGION gold set (issue 6 item 4).

The gold set = the three seed records + development-set abstracts of BC5CDR and NCBI-disease:
about 2/3 picked because they contain receptor / brain-region cue words (so recall is measured on
entity-rich text) and 1/3 picked at random (so precision is also measured on text with few entities).
Selection is deterministic (fixed seed). Output: the title/abstract of each selected document as
PubTator ``|t|``/``|a|`` lines (annotations are added by hand) plus ``selected_ids.tsv``.
``--heldout`` selects the held-out set instead: same sources and cue rule, another seed, no seed records,
and none of the documents of the main set (which was partly used for tuning).
``--heldout2`` selects the second held-out set: the first held-out set is now used for tuning and the
development sets' cue-rich abstracts are used up, so it draws from the BC5CDR *training* abstracts
(another seed, same cue rule, no seed records, none of the documents of the two earlier sets).
``--heldout3`` selects the third held-out set, made when the second one was put to tuning use: the training
abstracts of both corpora with at least one cue word that no earlier set took (fewer cue words each, so
fewer mentions per abstract), plus random others.
``--heldout4`` selects the fourth held-out set, made when the third one was put to tuning use: the corpora are
nearly exhausted of cue abstracts, so it takes every training abstract of both corpora with at least one cue
word that no earlier set took, plus random training and development abstracts (none of the documents of the
four earlier sets).
"""
from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass
from pathlib import Path

from meshtag.fsutil import atomic_open

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "corpora"
BC5CDR_DEV = SHARED / "bc5cdr" / "CDR_DevelopmentSet.PubTator.txt"
BC5CDR_TRAIN = SHARED / "bc5cdr" / "CDR_TrainingSet.PubTator.txt"
NCBI_DEV = SHARED / "ncbi-disease" / "NCBIdevelopset_corpus.txt"
OUT_DIR = ROOT / "benchmarks" / "data" / "receptor_region"
SEED = 20261125
HELDOUT_DIR = ROOT / "benchmarks" / "data" / "receptor_region_heldout"
HELDOUT_SEED = 20261126
HELDOUT2_DIR = ROOT / "benchmarks" / "data" / "receptor_region_heldout2"
HELDOUT2_SEED = 20261206
HELDOUT3_DIR = ROOT / "benchmarks" / "data" / "receptor_region_heldout3"
HELDOUT3_SEED = 20261207
HELDOUT4_DIR = ROOT / "benchmarks" / "data" / "receptor_region_heldout4"
HELDOUT4_SEED = 20261208
NCBI_TRAIN = SHARED / "ncbi-disease" / "NCBItrainset_corpus.txt"

CUES = re.compile(
    r"receptor|channel|cortex|cortical|hippocamp|striat|nucleus|nuclei|spinal|gangli|nerve|"
    r"cerebell|thalam|amygdal|brain ?stem|medulla|\bpons\b|substantia nigra|coeruleus|accumbens|"
    r"putamen|caudate|\bGABA|NMDA|AMPA|5-HT|opioid|adrenergic|adrenoceptor|muscarinic|nicotinic|"
    r"dopamine D\d|\bTRP[AVM]\d",
    re.IGNORECASE,
)

# (corpus name, path, minimum distinct cue words, number chosen by cue words, number chosen at random);
# NCBI-disease (genetic diseases) has few cue-rich abstracts, hence its lower minimum.
QUOTAS = (("bc5cdr", BC5CDR_DEV, 2, 58, 28), ("ncbi", NCBI_DEV, 1, 12, 10))
# The held-out set takes every BC5CDR-dev abstract with a cue word that the main set left (71; the main set
# took the cue-rich ones and NCBI-dev has none left), plus random others to keep about 1/3 random.
HELDOUT_QUOTAS = (("bc5cdr", BC5CDR_DEV, 1, 71, 30), ("ncbi", NCBI_DEV, 1, 0, 6))
# The second held-out set: BC5CDR-training abstracts with two or more distinct cue words (all of them if
# fewer than 60), plus 20 random others.
HELDOUT2_QUOTAS = (("bc5cdr-train", BC5CDR_TRAIN, 2, 60, 20),)
# The third: the training abstracts left with one or more cue words (79 BC5CDR, 56 NCBI-disease), 60 and 30 of
# them, plus 10 random BC5CDR ones.
HELDOUT3_QUOTAS = (("bc5cdr-train", BC5CDR_TRAIN, 1, 60, 10), ("ncbi-train", NCBI_TRAIN, 1, 30, 0))
# The fourth: every training abstract left with one or more cue words (17 BC5CDR, 26 NCBI-disease; the development
# sets have none left), plus 20 random BC5CDR-training, 17 random NCBI-training and 20 random BC5CDR-dev abstracts
# (100 documents, 43 cue-selected and 57 random).
HELDOUT4_QUOTAS = (("bc5cdr-train", BC5CDR_TRAIN, 1, 17, 20), ("ncbi-train", NCBI_TRAIN, 1, 26, 17),
                   ("bc5cdr", BC5CDR_DEV, 1, 0, 20))


@dataclass
class Record:
    """One title + abstract with the id used in the gold file and where it came from."""

    id: str
    title: str
    abstract: str
    source: str
    reason: str


def read_pubtator(path: Path, source: str) -> list[Record]:
    """Read the |t| and |a| lines of a PubTator file (annotations are ignored)."""
    titles: dict[str, str] = {}
    abstracts: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "|t|" in line[:20]:
            pmid, _, text = line.split("|", 2)
            titles[pmid] = text
        elif "|a|" in line[:20]:
            pmid, _, text = line.split("|", 2)
            abstracts[pmid] = text
    return [Record(p, titles[p], abstracts.get(p, ""), source, "") for p in titles]


_ABSTRACT_HEAD = re.compile(r"^(Article )?Abstract$")
_ABSTRACT_STOP = re.compile(r"^(Keywords:|Download full-text|Copyright|Figures$|Source$)")


def read_seed(path: Path, doc_id: str) -> Record:
    """Main record of a seed web capture: first line = title; abstract = the text under an
    "Abstract" heading up to keywords/copyright, or else the first long paragraph."""
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    title = lines[0]
    body: list[str] = []
    if any(_ABSTRACT_HEAD.match(ln) for ln in lines):
        start = next(i for i, ln in enumerate(lines) if _ABSTRACT_HEAD.match(ln)) + 1
        for ln in lines[start:]:
            if _ABSTRACT_STOP.match(ln):
                break
            if ln:
                body.append(ln)
    else:
        body = [next(ln for ln in lines[1:] if len(ln) > 300)]
    return Record(doc_id, title, " ".join(body), "seed:" + path.name, "seed")


def cue_count(rec: Record) -> int:
    """Number of distinct cue words (lower-cased) in title + abstract."""
    return len({m.group(0).lower() for m in CUES.finditer(rec.title + " " + rec.abstract)})


def select(rng: random.Random, quotas: tuple = QUOTAS, exclude: frozenset[str] = frozenset(),
           seeds: bool = True) -> list[Record]:
    """Seeds first (if wanted), then per corpus: cue-rich abstracts, then random others, none in `exclude`."""
    chosen = ([read_seed(p, f"seed{i:03d}") for i, p in enumerate(sorted((ROOT / "seeds").glob("*.txt")))]
              if seeds else [])
    for source, path, min_cues, n_cue, n_random in quotas:
        records = [r for r in read_pubtator(path, source) if r.id not in exclude]
        rich = [r for r in records if cue_count(r) >= min_cues]
        cue_pick = rng.sample(rich, min(n_cue, len(rich)))
        picked = {r.id for r in cue_pick}
        rest = [r for r in records if r.id not in picked]
        random_pick = rng.sample(rest, n_random)
        for rec in cue_pick:
            rec.reason = "cue"
        for rec in random_pick:
            rec.reason = "random"
        chosen.extend(cue_pick + random_pick)
    return chosen


def write(records: list[Record], out_dir: Path) -> None:
    """Write selected_ids.tsv and text.pubtator (title/abstract lines only)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with atomic_open(out_dir / "selected_ids.tsv") as fh:
        fh.write("id\tsource\treason\n")
        for rec in records:
            fh.write(f"{rec.id}\t{rec.source}\t{rec.reason}\n")
    with atomic_open(out_dir / "text.pubtator") as fh:
        for rec in records:
            fh.write(f"{rec.id}|t|{rec.title}\n{rec.id}|a|{rec.abstract}\n\n")


def selected_ids(*dirs: Path) -> frozenset[str]:
    """Document ids listed in the selected_ids.tsv of the given set folders."""
    ids: set[str] = set()
    for folder in dirs:
        lines = (folder / "selected_ids.tsv").read_text(encoding="utf-8").splitlines()[1:]
        ids.update(line.split("\t")[0] for line in lines)
    return frozenset(ids)


# set name -> (folder, seed, quotas, the sets whose documents it excludes, whether the seed records come first)
SETS = {
    "main": (OUT_DIR, SEED, QUOTAS, (), True),
    "heldout": (HELDOUT_DIR, HELDOUT_SEED, HELDOUT_QUOTAS, (OUT_DIR,), False),
    "heldout2": (HELDOUT2_DIR, HELDOUT2_SEED, HELDOUT2_QUOTAS, (OUT_DIR, HELDOUT_DIR), False),
    "heldout3": (HELDOUT3_DIR, HELDOUT3_SEED, HELDOUT3_QUOTAS, (OUT_DIR, HELDOUT_DIR, HELDOUT2_DIR), False),
    "heldout4": (HELDOUT4_DIR, HELDOUT4_SEED, HELDOUT4_QUOTAS,
                 (OUT_DIR, HELDOUT_DIR, HELDOUT2_DIR, HELDOUT3_DIR), False),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group()
    for name in list(SETS)[1:]:
        which.add_argument(f"--{name}", dest="set", action="store_const", const=name,
                           help=f"select the {name} set (excludes the earlier sets' documents)")
    parser.add_argument("--out", type=Path, help="output folder (default: the set's folder under benchmarks/data)")
    args = parser.parse_args()
    folder, seed, quotas, exclude, seeds = SETS[args.set or "main"]
    records = select(random.Random(seed), quotas, selected_ids(*exclude), seeds=seeds)
    out = args.out or folder
    write(records, out)
    print(f"{len(records)} documents -> {out}")


if __name__ == "__main__":
    main()
