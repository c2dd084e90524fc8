"""The compiled knowledge-base format: what `compile_kb` writes and `KnowledgeBase.load` maps in.

Files in the KB directory:
- `ids.marisa`      marisa Trie of concept keys ("D009437", "C473350", "HGNC:497"); a key's trie id is
                    the concept's row number everywhere else;
- `concepts.bin`    a deflate dictionary (ZDICT_SIZE bytes of typical records), then concept records as
                    JSON lines, raw-deflate compressed with that dictionary in blocks of BLOCK rows;
- `index.npz`       block offsets into concepts.bin, one label code per row, and the term entries:
                    term_rows/term_flags[term_ptr[t]:term_ptr[t+1]] for the key whose trie id is t;
- `terms.marisa`    marisa Trie of normalised term keys (one entry per (key, concept) in index.npz);
- `cased.marisa`    marisa Trie of "key\\x01Cased Form" for terms whose casing matters (MOR, TRPA1);
- `scan.pkl`        (zlib-compressed pickle, read on the first find) the scanner's filters: first token
                    of any term -> SCAN_* bits, and first token -> {second token -> the most tokens a
                    term starting with the two has} (so most tokens are settled by one or two look-ups);
- `meta.json`       version, sources, counts.
"""
from __future__ import annotations

import zlib

FORMAT_VERSION = 4
BLOCK = 64
ZDICT_SIZE = 32_768
KEY_SEP = "\x01"   # separates a key from its cased form in cased.marisa

# flags byte of a term entry
KIND_BITS = 0b11          # index into concept.TERM_KINDS
FLAG_CASELESS = 1 << 2    # the term's casing imposes nothing (e.g. "Neuralgia", "morphine")
FLAG_AMBIGUOUS = 1 << 3   # short (<= 3 letters) or a common English word
SCAN_SINGLE = 1          # the token alone is a term key
SCAN_MULTI = 2           # the token starts a multi-token key
LABEL_CODES: tuple[str | None, ...] = (None, "RECEPTOR", "DRUG", "CONDITION", "BRAIN_REGION")



def make_zdict(records: list[bytes], size: int = ZDICT_SIZE) -> bytes:
    """A deflate preset dictionary: an even sample of records (small blocks compress ~20% better with it)."""
    step = max(1, len(records) // 2000)
    return b"\n".join(records[::step])[-size:]


def compress_block(data: bytes, zdict: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, zdict)
    return c.compress(data) + c.flush()


def decompress_block(data: bytes, zdict: bytes) -> bytes:
    d = zlib.decompressobj(-15, zdict)
    return d.decompress(data) + d.flush()


FILES = ("ids.marisa", "concepts.bin", "index.npz", "terms.marisa", "cased.marisa",
         "scan.pkl", "meta.json")
