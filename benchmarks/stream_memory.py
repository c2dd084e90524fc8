"""Peak memory while streaming a large synthetic PubMed .xml.gz (issue 8.6): the reader must stay flat
as the file grows. Reads 5k- and 50k-record files in fresh subprocesses and prints peak RSS for each.

    python benchmarks/stream_memory.py [--records 5000 50000]
"""
from __future__ import annotations

import argparse
import gzip
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "tests" / "fixtures" / "io" / "pubmed_efetch.xml"
CHILD = """
import resource, sys, time
from meshtag.io import read_documents
start = time.perf_counter()
n = sum(1 for _ in read_documents([sys.argv[1]]))
print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.perf_counter() - start)
"""


def synthetic_pubmed(path: Path, records: int) -> None:
    """A baseline-like gzip file: the fixture's first article repeated with new PMIDs and longer abstracts."""
    text = TEMPLATE.read_text()
    article = re.search(r"<PubmedArticle>.*?</PubmedArticle>", text, re.DOTALL).group(0)
    filler = " ".join(["Duloxetine reduced mechanical allodynia through spinal noradrenaline."] * 15)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as out:
        out.write('<?xml version="1.0" ?>\n<PubmedArticleSet>\n')
        for i in range(records):
            pmid = str(30000000 + i)
            out.write(article.replace("29165365", pmid).replace("Allodynia decreased.", f"Allodynia decreased. {filler}"))
        out.write("</PubmedArticleSet>\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, nargs="*", default=[5000, 50000])
    args = parser.parse_args()
    print("| records | .xml.gz size | decompressed | documents read | peak RSS | seconds | records/s |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for records in args.records:
            path = Path(tmp) / f"synthetic_{records}.xml.gz"
            synthetic_pubmed(path, records)
            with gzip.open(path, "rb") as fh:
                size = sum(len(chunk) for chunk in iter(lambda: fh.read(1 << 20), b""))
            out = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True)
            n, rss_kb, seconds = out.stdout.split()
            print(f"| {records} | {path.stat().st_size / 1e6:.1f} MB | {size / 1e6:.0f} MB | {n} | "
                  f"{int(rss_kb) / 1024:.0f} MB | {float(seconds):.1f} | {int(n) / float(seconds):.0f} |", flush=True)


if __name__ == "__main__":
    main()
