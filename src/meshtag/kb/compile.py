"""Write built concepts into the compiled format described in `meshtag.kb.compiled`."""
from __future__ import annotations

import io
import json
import os
import pickle
import zlib
from pathlib import Path
from typing import Any, Iterable

import marisa_trie
import numpy as np

from meshtag.fsutil import atomic_path, file_sha256
from meshtag.kb import compiled as fmt
from meshtag.kb.concept import TERM_KINDS, ConceptDraft
from meshtag.kb.terms import cased_form, common_words, is_ambiguous, term_key


def _record(d: ConceptDraft) -> list[Any]:
    """The JSON row stored for a concept (order fixed by `meshtag.kb.store.decode_record`)."""
    synonyms = [t for t, _ in d.terms if t != d.name]
    return [d.name, d.label, d.tree_numbers, synonyms, d.parents, d.pharm_actions, d.scope_note,
            d.mapped_to, d.related_id, d.kind, d.flags]


def add_scan_key(first: dict[str, int], seconds: dict[str, dict[str, int]], key: str) -> None:
    """Record `key` in the scanner's filters: its first token's code, and for a multi-token key its second
    token under the first, with the most tokens a key starting with those two has."""
    toks = key.split(" ")
    if len(toks) == 1:
        first[toks[0]] = first.get(toks[0], 0) | fmt.SCAN_SINGLE
    else:
        first[toks[0]] = first.get(toks[0], 0) | fmt.SCAN_MULTI
        after = seconds.setdefault(toks[0], {})
        after[toks[1]] = max(after.get(toks[1], 0), len(toks))


def term_entries(drafts: Iterable[tuple[int, ConceptDraft]], words: frozenset[str]):
    """Yield (key, row, flags, cased form) for every term of every concept."""
    for row, d in drafts:
        for text, kind in d.terms:
            key = term_key(text)
            if not key:
                continue
            form = cased_form(text)
            flags = TERM_KINDS.index(kind)
            if form == "*":
                flags |= fmt.FLAG_CASELESS
            if is_ambiguous(key, words):
                flags |= fmt.FLAG_AMBIGUOUS
            yield key, row, flags, form


def _save(out: Path, name: str, writer) -> None:
    """Write one KB file atomically, readable by everyone (temporary files are created private)."""
    with atomic_path(out / name) as tmp:
        writer(str(tmp))
        os.chmod(tmp, 0o644)


def compile_kb(drafts: list[ConceptDraft], out: Path, meta: dict[str, Any]) -> dict[str, Any]:
    """Compile `drafts` into directory `out`; return the meta written (with counts and checksums)."""
    out.mkdir(parents=True, exist_ok=True)
    by_key = {d.key: d for d in drafts}
    ids = marisa_trie.Trie(list(by_key))
    rows = [(ids[k], d) for k, d in by_key.items()]
    rows.sort(key=lambda r: r[0])

    lines = [json.dumps(_record(d), ensure_ascii=False, separators=(",", ":")).encode("utf-8") for _, d in rows]
    zdict = fmt.make_zdict(lines)
    blob, offsets = io.BytesIO(), [len(zdict)]
    blob.write(zdict)
    for start in range(0, len(rows), fmt.BLOCK):
        blob.write(fmt.compress_block(b"\n".join(lines[start:start + fmt.BLOCK]), zdict))
        offsets.append(blob.tell())
    labels = np.array([fmt.LABEL_CODES.index(d.label) for _, d in rows], dtype=np.uint8)

    best: dict[tuple[str, int], int] = {}
    cased: set[str] = set()
    first: dict[str, int] = {}
    seconds: dict[str, dict[str, int]] = {}
    for key, row, flags, form in term_entries(rows, common_words()):
        old = best.get((key, row))
        if old is None or (flags & fmt.KIND_BITS) < (old & fmt.KIND_BITS):
            best[(key, row)] = flags | ((old or 0) & fmt.FLAG_CASELESS)
        elif flags & fmt.FLAG_CASELESS:
            best[(key, row)] = old | fmt.FLAG_CASELESS
        if form != "*":
            cased.add(key + fmt.KEY_SEP + form)
        add_scan_key(first, seconds, key)

    def save_blob(p: str) -> None:
        Path(p).write_bytes(blob.getvalue())

    terms = marisa_trie.Trie(k for k, _ in best)
    by_term: list[list[tuple[int, int]]] = [[] for _ in range(len(terms))]
    for (k, row), flags in best.items():
        by_term[terms[k]].append((row, flags))
    term_ptr = np.cumsum([0] + [len(e) for e in by_term], dtype=np.uint32)
    term_rows = np.array([r for e in by_term for r, _ in e], dtype=np.uint32)
    term_flags = np.array([f for e in by_term for _, f in e], dtype=np.uint8)

    def save_index(p: str) -> None:
        with open(p, "wb") as fh:
            np.savez_compressed(fh, offsets=np.array(offsets, dtype=np.int64), labels=labels,
                     term_ptr=term_ptr, term_rows=term_rows, term_flags=term_flags)

    def save_scan(p: str) -> None:
        Path(p).write_bytes(zlib.compress(pickle.dumps((first, seconds), protocol=pickle.HIGHEST_PROTOCOL), 6))

    _save(out, "ids.marisa", ids.save)
    _save(out, "concepts.bin", save_blob)
    _save(out, "index.npz", save_index)
    _save(out, "terms.marisa", terms.save)
    _save(out, "cased.marisa", marisa_trie.Trie(sorted(cased)).save)
    _save(out, "scan.pkl", save_scan)

    counts: dict[str, int] = {"concepts": len(rows), "terms": len(best), "keys": len({k for k, _ in best})}
    for kind in ("descriptor", "supplementary", "hgnc"):
        counts[kind] = sum(1 for _, d in rows if d.kind == kind)
    for code, label in enumerate(fmt.LABEL_CODES):
        counts[f"label:{label or 'none'}"] = int((labels == code).sum())
    meta = dict(meta, format=fmt.FORMAT_VERSION, counts=counts,
                sha256={name: file_sha256(out / name) for name in fmt.FILES if name != "meta.json"})
    _save(out, "meta.json", lambda p: Path(p).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n",
                                                        encoding="utf-8"))
    return meta


