"""Long fuzz run for every meshtag reader (issue 8.4): N inputs per reader, half arbitrary bytes, half
mutations of a valid file (some gzipped), each read with `read_documents`. A crash is any exception
escaping the reader; a hang is an input taking longer than --timeout seconds.

    python benchmarks/fuzz_readers.py --n 100000            # all readers
    python benchmarks/fuzz_readers.py --n 2000 --formats pubtator jsonl
"""
from __future__ import annotations

import argparse
import gzip
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_io_fuzz import mutate, sample_bytes  # noqa: E402  (the samples and mutations the tests use)

from meshtag.errors import ErrorLog  # noqa: E402
from meshtag.io import FORMATS, read_documents  # noqa: E402

TOKENS = [b"<", b">", b"&", b"\"", b"\n", b"\t", b"|t|", b"|a|", b"\xff", b"\x00", b"]]>", b"<!ENTITY x \"y\">",
          b"{", b"}", b"PMID- ", b"\r\n", b"&#0;", b"\xef\xbb\xbf", b"-1", b"999999999"]


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


def random_input(rng: random.Random, sample: bytes) -> bytes:
    if rng.random() < 0.5:
        return rng.randbytes(rng.randint(0, 3000))
    ops = [(rng.randint(0, 4), rng.randint(0, 1 << 20), rng.randint(0, 64),
            rng.choice(TOKENS) if rng.random() < 0.5 else rng.randbytes(rng.randint(1, 16)))
           for _ in range(rng.randint(1, 6))]
    data = mutate(sample, ops)
    return gzip.compress(data, compresslevel=1) if rng.random() < 0.1 else data


def fuzz(fmt: str, n: int, seed: int, workdir: Path, timeout: int) -> dict:
    rng = random.Random(f"{seed}-{fmt}")
    sample = sample_bytes(fmt)
    path = workdir / f"input-{fmt}"
    stats = Counter()
    crashes: Counter = Counter()
    slowest = 0.0
    for _ in range(n):
        path.write_bytes(random_input(rng, sample))
        signal.alarm(timeout)
        start = time.perf_counter()
        try:
            log = ErrorLog(stream=None)
            stats["documents"] += sum(1 for _ in read_documents([path], format=fmt, errors=log))
            stats["problems"] += log.count
        except Hang:
            stats["hangs"] += 1
        except Exception as err:  # noqa: BLE001 — counting every escape is the point of this script
            stats["crashes"] += 1
            frame = traceback.extract_tb(err.__traceback__)[-1]
            crashes[f"{type(err).__name__} at {Path(frame.filename).name}:{frame.lineno}: {err}"[:200]] += 1
        finally:
            signal.alarm(0)
        slowest = max(slowest, time.perf_counter() - start)
    return {"format": fmt, "inputs": n, **stats, "slowest_s": round(slowest, 3), "crash_kinds": crashes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="inputs per reader")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=int, default=10, help="seconds before an input counts as a hang")
    parser.add_argument("--formats", nargs="*", default=list(FORMATS))
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _alarm)
    shm = Path("/dev/shm")
    with tempfile.TemporaryDirectory(dir=shm if shm.is_dir() else None) as tmp:
        print("| reader | inputs | documents | problem lines | crashes | hangs | slowest input (s) | seconds |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for fmt in args.formats:
            start = time.perf_counter()
            r = fuzz(fmt, args.n, args.seed, Path(tmp), args.timeout)
            print(f"| {fmt} | {r['inputs']} | {r.get('documents', 0)} | {r.get('problems', 0)} | "
                  f"{r.get('crashes', 0)} | {r.get('hangs', 0)} | {r['slowest_s']} | {time.perf_counter() - start:.0f} |",
                  flush=True)
            for kind, count in r["crash_kinds"].most_common(5):
                print(f"  crash x{count}: {kind}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
