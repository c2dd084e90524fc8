"""The compiled knowledge-base format: what `compile_kb` writes and `KnowledgeBase.load` maps in.

Files in the KB directory:
- `ids.marisa`      marisa Trie of concept keys ("D009437", "C473350", "HGNC:497"); a key's trie id is
                    the concept's row number everywhere else;
- `concepts.bin`    concept records, JSON lines zlib-compressed in blocks of BLOCK rows;
- `index.npz`       block offsets into concepts.bin, one label code per row, and the term entries:
                    term_rows/term_flags[term_ptr[t]:term_ptr[t+1]] for the key whose trie id is t;
- `terms.marisa`    marisa Trie of normalised term keys (one entry per (key, concept) in index.npz);
- `cased.marisa`    marisa Trie of "key\\x01Cased Form" for terms whose casing matters (MOR, TRPA1);
- `sorted.marisa`   marisa RecordTrie: key with its tokens sorted -> row (token-reordered lookup);
- `scan.pkl`        the scanner's filters: first token of any term -> code (SCAN_* bits, and the most
                    tokens a term starting with it has), and the set of the first two tokens of every
                    multi-token term (so most tokens are settled by two dict/set look-ups);
- `meta.json`       version, sources, counts.
"""
from __future__ import annotations

FORMAT_VERSION = 1
BLOCK = 32
SORTED_FMT = "<I"  # row
KEY_SEP = "\x01"   # separates a key from its cased form in cased.marisa

# flags byte of a term entry
KIND_BITS = 0b11          # index into concept.TERM_KINDS
FLAG_CASELESS = 1 << 2    # the term's casing imposes nothing (e.g. "Neuralgia", "morphine")
FLAG_AMBIGUOUS = 1 << 3   # short (<= 3 letters) or a common English word
SCAN_SINGLE = 1          # the token alone is a term key
SCAN_MULTI = 2           # the token starts a multi-token key
SCAN_WIDTH_SHIFT = 2     # code >> SCAN_WIDTH_SHIFT = the most tokens of a key starting with it
LABEL_CODES: tuple[str | None, ...] = (None, "RECEPTOR", "DRUG", "CONDITION", "BRAIN_REGION")

FILES = ("ids.marisa", "concepts.bin", "index.npz", "terms.marisa", "cased.marisa", "sorted.marisa",
         "scan.pkl", "meta.json")
