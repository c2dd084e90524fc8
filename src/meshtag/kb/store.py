"""`KnowledgeBase`: the compiled MeSH knowledge base, memory-mapped, with the curated overlay.

The term index is a marisa trie mapped from disk; concept records are decoded lazily from
compressed blocks and cached, so loading is fast and the lexicon never enters spaCy's Vocab.
"""
from __future__ import annotations

import csv
import json
import zlib
import pickle
import re
from collections import OrderedDict
from dataclasses import replace
from itertools import compress, permutations, repeat
from operator import itemgetter, or_
from pathlib import Path
from typing import Iterable, Iterator, Mapping, NamedTuple

import marisa_trie
import numpy as np

from meshtag.errors import ErrorLog, MeshtagError
from meshtag.kb import compiled as fmt
from meshtag.kb.compile import add_scan_key
from meshtag.kb.concept import TERM_KINDS, Candidate, Concept, TermMatch, internal_id, public_id
from meshtag.kb.normalize import normalize, normalize_token, raw_spans
from meshtag.kb.terms import casing_agrees, cased_form, common_words, is_ambiguous, term_key
from meshtag.paths import curation_dir, default_kb_dir

CURATED_COLUMNS = ("term", "concept_id", "label", "source", "note")
REORDERED = 0.95  # lookup score of a name in another token order (or with a word's hyphen dropped)
CORPUS_SCOPE = "corpus"  # optional `scope` column: a corpus's annotation convention, not a general synonym
ACTION_COLUMNS = ("concept_id", "action_id", "source")
_KIND_RANK = {"curated": 0, "name": 1, "synonym": 2, "hgnc": 3}
_CONCEPT_RANK = {"D": 0, "C": 1}
_BLOCK_CACHE = 512
_CONCEPT_CACHE = 200_000
_KEY_CACHE = 200_000
_TOKEN_CACHE = 500_000
BRUTE_FORCE_ORDERS = 3  # names of up to this many tokens have their other orders tested one by one
_SINGLE = fmt.SCAN_SINGLE
_first_item, _second_item, _third_item, _fourth_item = itemgetter(0), itemgetter(1), itemgetter(2), itemgetter(3)
_NO_SECONDS: dict[str, int] = {}
# normalised key, 1 if a term alone, {second token: width}, 1 if a term alone with a labelled concept
_TokenInfo = tuple[str, int, dict[str, int], int]
# "D2R", "H3R", "A1R", "S1R": a subtype's capital and number with the R of "receptor", a receptor symbol however short
RECEPTOR_SYMBOL = re.compile(r"[A-Z]\dR")


class _KeyInfo(NamedTuple):
    ids: tuple[str, ...]
    kinds: tuple[str, ...]
    ambiguous: bool
    caseless: bool
    forms: tuple[str, ...]
    labelled: bool               # some concept of the key has a label
    short: bool                  # the key has 3 letters or digits or fewer
    common: bool                 # the key is a common English word


def _is_ambiguous(info: _KeyInfo, start: int, end: int, text: str, case_ok: bool) -> bool:
    """Is a match ambiguous? Its key is, unless only for being short while the surface has 4+ letters or digits
    (plural folding makes "pons" the key "pon", which it shares with the short alias PON) or is a receptor symbol
    ("D2R"), or for being a common word while the surface keeps the term's own casing ("AIDS", not the word "aids")."""
    if not info.ambiguous:
        return False
    if info.short and sum(c.isalnum() for c in text[start:end]) <= 3:
        return not RECEPTOR_SYMBOL.fullmatch(text, start, end)
    return info.common and not (case_ok and info.forms)


def _casing_ok(forms: tuple[str, ...], surface: str) -> bool:
    """Does `surface` keep one of the cased forms? (A cased form has an uppercase letter, so lowercase never does.)"""
    if surface in forms:
        return True
    return not surface.islower() and any(casing_agrees(form, surface) for form in forms)


def decode_record(key: str, row: list) -> Concept:
    """A Concept from its stored JSON row (see `meshtag.kb.compile._record`)."""
    name, label, trees, syns, parents, pharm, scope, mapped, related, kind, flags = row
    return Concept(id=public_id(key), name=name, label=label, tree_numbers=tuple(trees), synonyms=tuple(syns),
                   parents=tuple(public_id(p) for p in parents), pharm_actions=tuple(public_id(p) for p in pharm),
                   scope_note=scope, mapped_to=tuple(public_id(m) for m in mapped), related_id=related,
                   kind=kind, flags=tuple(flags))


class KnowledgeBase:
    """Concepts, their terms and labels; dictionary matching and lookup over raw text."""

    def __init__(self, path: Path):
        self.path = Path(path)
        missing = [f for f in fmt.FILES if not (self.path / f).exists()]
        if missing:
            raise MeshtagError(f"{self.path}: not a compiled knowledge base (missing {', '.join(missing)}); "
                               "build one with `meshtag kb build`")
        self.meta = json.loads((self.path / "meta.json").read_text(encoding="utf-8"))
        if self.meta.get("format") != fmt.FORMAT_VERSION:
            raise MeshtagError(f"{self.path}: knowledge-base format {self.meta.get('format')} is not "
                               f"{fmt.FORMAT_VERSION}; rebuild it with `meshtag kb build`")
        self._ids = marisa_trie.Trie().mmap(str(self.path / "ids.marisa"))
        self._terms = marisa_trie.Trie().mmap(str(self.path / "terms.marisa"))
        self._cased = marisa_trie.Trie().mmap(str(self.path / "cased.marisa"))
        with np.load(self.path / "index.npz") as idx:
            self._offsets = idx["offsets"].tolist()
            self._labels = idx["labels"]
            self._term_ptr, self._term_rows, self._term_flags = idx["term_ptr"], idx["term_rows"], idx["term_flags"]
        self._blob = open(self.path / "concepts.bin", "rb")
        self._zdict = self._blob.read(self._offsets[0])
        self._scan_filters: tuple[dict[str, int], dict[str, dict[str, int]]] | None = None
        self._blocks: OrderedDict[int, list[str]] = OrderedDict()
        self._concepts: dict[int, Concept] = {}
        # curated overlay: key -> [(row, flags)], cased forms, label overrides
        self._overlay: dict[str, list[tuple[int, int]]] = {}
        self._overlay_cased: dict[str, set[str]] = {}
        self._label_overrides: dict[int, str | None] = {}
        self._pharm_overlay: dict[int, list[str]] = {}
        self._overlay_heads: set[str] = set()  # "<first tokens> " of every curated key of more tokens
        # (key, row) of a corpus-scoped curated term -> rows the term had before it (the KB's own senses)
        self._displaced: dict[tuple[str, int], tuple[int, ...]] = {}
        self._keys: dict[str, _KeyInfo] = {}
        self._tokens: dict[str, _TokenInfo] = {}  # raw token -> (key, single-token term?, {second: width})
        self._rows: dict[str, int | None] = {}   # concept id as asked for -> row (None: unknown)

    # ---------------------------------------------------------------- loading
    def __getstate__(self) -> dict:
        """Pickle as the path plus the curated overlay (worker processes re-map the files themselves)."""
        return {"path": self.path, "overlay": self._overlay, "overlay_cased": self._overlay_cased,
                "overlay_heads": self._overlay_heads, "label_overrides": self._label_overrides,
                "pharm_actions": self._pharm_overlay, "displaced": self._displaced}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["path"])
        self._overlay, self._overlay_cased = state["overlay"], state["overlay_cased"]
        self._overlay_heads, self._label_overrides = state["overlay_heads"], state["label_overrides"]
        self._pharm_overlay, self._displaced = state["pharm_actions"], state["displaced"]

    @classmethod
    def load(cls, path: str | Path | None = None, curation: str | Path | None | bool = True,
             errors: ErrorLog | None = None) -> "KnowledgeBase":
        """Load a compiled KB (default: `meshtag.paths.default_kb_dir()`) and the curated overlay.

        `curation`: True = the default curation folder, a path = that folder, False/None = none.
        """
        kb = cls(Path(path) if path is not None else default_kb_dir())
        errors = errors if errors is not None else ErrorLog()  # curated rows that cannot be used are never silent
        if curation:
            folder = curation_dir() if curation is True else Path(curation)
            kb.load_curation(folder, errors)
        return kb

    def load_curation(self, folder: Path, errors: ErrorLog | None = None) -> int:
        """Add every `*.tsv` with columns term, concept_id, label, source, note in `folder`; returns rows added.

        `label_overrides.tsv` (concept_id, label, source, note) relabels concepts instead, and a table with
        columns concept_id, action_id, source adds pharmacological actions (the TSV export has none). Rows
        with `scope` "corpus" (mined annotation conventions) are added last, so the senses they displace are
        all known (`displaced_senses`).
        """
        from meshtag.kb.build import OVERRIDES_FILE, read_label_overrides

        added = 0
        if not folder.is_dir():
            return 0
        for cid, label in read_label_overrides(folder / OVERRIDES_FILE, errors).items():
            row = self._ids.get(cid)
            if row is not None:
                self._label_overrides[row] = label
                self._concepts.pop(row, None)
                self._keys.clear()  # their `labelled` may change
                self._tokens.clear()
        corpus_scoped: list[tuple[list[dict[str, str]], str]] = []
        for tsv in sorted(folder.glob("*.tsv")):
            if tsv.name == OVERRIDES_FILE:
                continue
            with open(tsv, encoding="utf-8", newline="") as fh:
                reader = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
                if set(CURATED_COLUMNS) <= set(reader.fieldnames or ()):
                    rows = list(reader)
                    corpus_scoped.append(([r for r in rows if r.get("scope") == CORPUS_SCOPE], str(tsv)))
                    added += self.add_terms((r for r in rows if r.get("scope") != CORPUS_SCOPE), errors, str(tsv))
                elif set(ACTION_COLUMNS) <= set(reader.fieldnames or ()):
                    self.add_pharm_actions(reader, errors, str(tsv))
        for rows, file in corpus_scoped:
            added += self.add_terms(rows, errors, file)
        return added

    def add_pharm_actions(self, rows: Iterable[Mapping[str, str]], errors: ErrorLog | None = None,
                          file: str | None = None) -> int:
        """Add pharmacological actions (concept_id, action_id, source); unknown ids or no source are reported."""
        errors = errors if errors is not None else ErrorLog()
        added = 0
        for n, r in enumerate(rows, start=2):
            row = self._ids.get(internal_id(r.get("concept_id") or "")) if r.get("concept_id") else None
            action = (r.get("action_id") or "").strip()
            if row is None or not action or internal_id(action) not in self._ids or not (r.get("source") or "").strip():
                errors.report(file, f"line {n}", f"pharmacological action {r.get('concept_id')!r} -> {action!r}: "
                              "needs two known concept ids and a source")
                continue
            actions = self._pharm_overlay.setdefault(row, [])
            if public_id(internal_id(action)) not in actions:
                actions.append(public_id(internal_id(action)))
                self._concepts.pop(row, None)
                added += 1
        return added

    def add_terms(self, rows: Iterable[Mapping[str, str]], errors: ErrorLog | None = None,
                  file: str | None = None) -> int:
        """Add curated terms (mappings with term, concept_id, source; label/note optional) to the overlay.

        A row whose concept is unknown or that has no source is reported (to stderr unless `errors` is given)
        and skipped: nothing is silent.
        """
        errors = errors if errors is not None else ErrorLog()
        added = 0
        for n, r in enumerate(rows, start=2):
            term, cid, source = (r.get("term") or "").strip(), (r.get("concept_id") or "").strip(), r.get("source")
            row = self._ids.get(internal_id(cid)) if cid else None
            key = term_key(term)
            if row is None or not key or not (source or "").strip():
                errors.report(file, f"line {n}", f"curated term {term!r} -> {cid!r}: "
                              + ("unknown concept" if row is None else "needs a term and a source"))
                continue
            flags = TERM_KINDS.index("curated") | (fmt.FLAG_AMBIGUOUS if is_ambiguous(key) else 0)
            form = cased_form(term)
            if form == "*":
                flags |= fmt.FLAG_CASELESS
            else:
                self._overlay_cased.setdefault(key, set()).add(form)
            if r.get("scope") == CORPUS_SCOPE:
                self._displaced[(key, row)] = tuple(r2 for r2, _ in self.entries(key) if r2 != row)
            entries = self._overlay.setdefault(key, [])
            entries[:] = [e for e in entries if e[0] != row] + [(row, flags)]
            label = (r.get("label") or "").strip()
            if label and (None if label == "none" else label) != self.label_of_row(row):
                errors.report(file, f"line {n}", f"label {label} differs from {public_id(internal_id(cid))}'s "
                              f"{self.label_of_row(row)}; add a label override to change a concept's label")
            if self._scan_filters is not None:
                add_scan_key(*self._scan_filters, key)
                self._tokens.clear()
            tokens = key.split(" ")
            self._overlay_heads.update(" ".join(tokens[:j]) + " " for j in range(1, len(tokens)))
            self._keys.pop(key, None)
            added += 1
        return added

    # ---------------------------------------------------------------- concepts
    @property
    def version(self) -> dict:
        """MeSH year, build date, source kind and the checksum of the term index."""
        return {"mesh_year": self.meta.get("mesh_year"), "built": self.meta.get("built"),
                "source_kind": self.meta.get("source_kind"),
                "sha256": self.meta.get("sha256", {}).get("terms.marisa"), "counts": self.meta.get("counts")}

    def __len__(self) -> int:
        return len(self._labels)

    def __contains__(self, concept_id: str) -> bool:
        return internal_id(concept_id) in self._ids

    def label_of_row(self, row: int) -> str | None:
        if row in self._label_overrides:
            return self._label_overrides[row]
        return fmt.LABEL_CODES[self._labels[row]]

    def _row(self, concept_id: str) -> int | None:
        """The row of a concept id (with or without `MESH:`), memoised: the pipeline asks for the same few ids
        again and again, and normalising the id and walking the trie cost more than the rest of a `get`."""
        try:
            return self._rows[concept_id]
        except KeyError:
            if len(self._rows) >= _KEY_CACHE:
                self._rows.clear()
            row = self._rows[concept_id] = self._ids.get(internal_id(concept_id))
            return row

    def label(self, concept_id: str) -> str | None:
        """The label of a concept id (None when unknown or unlabelled), without decoding its record."""
        row = self._row(concept_id)
        return None if row is None else self.label_of_row(row)

    def get(self, concept_id: str) -> Concept | None:
        """The concept with this id (with or without `MESH:`), or None."""
        row = self._row(concept_id)
        return None if row is None else self._concept(row)

    def _concept(self, row: int) -> Concept:
        concept = self._concepts.get(row)
        if concept is None:
            block = self._block(row // fmt.BLOCK)
            concept = decode_record(self._ids.restore_key(row), json.loads(block[row % fmt.BLOCK]))
            if row in self._label_overrides:
                concept = replace(concept, label=self._label_overrides[row])
            if row in self._pharm_overlay:
                extra = tuple(a for a in self._pharm_overlay[row] if a not in concept.pharm_actions)
                concept = replace(concept, pharm_actions=concept.pharm_actions + extra)
            if len(self._concepts) >= _CONCEPT_CACHE:
                self._concepts.clear()
            self._concepts[row] = concept
        return concept

    def _block(self, b: int) -> list[str]:
        lines = self._blocks.get(b)
        if lines is None:
            self._blob.seek(self._offsets[b])
            data = self._blob.read(self._offsets[b + 1] - self._offsets[b])
            lines = fmt.decompress_block(data, self._zdict).decode("utf-8").split("\n")
            self._blocks[b] = lines
            if len(self._blocks) > _BLOCK_CACHE:
                self._blocks.popitem(last=False)
        return lines

    def ancestors(self, concept_id: str) -> list[str]:
        """MeSH ancestors by tree numbers (supplementary concepts: via their headings), nearest first."""
        start = self.get(concept_id)
        if start is None:
            return []
        seen, frontier, out = {start.id}, list(start.parents), []
        while frontier:
            nxt = []
            for cid in frontier:
                if cid in seen:
                    continue
                seen.add(cid)
                out.append(cid)
                parent = self.get(cid)
                if parent is not None:
                    nxt.extend(parent.parents)
            frontier = nxt
        return out

    # ---------------------------------------------------------------- matching
    def has_key(self, key: str) -> bool:
        """Is `key` (normalised) a term of some concept?"""
        return key in self._terms or key in self._overlay

    def displaced_senses(self, key: str, concept_id: str) -> tuple[str, ...]:
        """The concepts the normalised `key` named before a corpus-scoped curated row gave it `concept_id`
        ("hepatitis": Hepatitis, before BC5CDR's Chemical and Drug Induced Liver Injury); () for any other sense."""
        row = self._row(concept_id)
        return tuple(public_id(self._ids.restore_key(r)) for r in self._displaced.get((key, row), ()))

    def displaced_keys(self) -> frozenset[str]:
        """The keys of which a corpus-scoped curated row displaced a sense (see `displaced_senses`)."""
        return frozenset(key for key, _ in self._displaced)

    def senses(self, key: str) -> list[tuple[str, str]]:
        """(concept id, term kind) of every concept that has the normalised `key` as a term, best first."""
        info = self._info(key)
        return list(zip(info.ids, info.kinds))

    def completions(self, prefix: str) -> Iterator[str]:
        """Term keys that start with `prefix` (normalised), shortest-prefix order of the trie."""
        yield from (k for k in self._overlay if k.startswith(prefix))
        yield from self._terms.iterkeys(prefix)

    def entries(self, key: str) -> list[tuple[int, int]]:
        """(row, flags) of every concept that has `key` as a term (trie + overlay), best first."""
        t = self._terms.get(key)
        found = []
        if t is not None:
            lo, hi = self._term_ptr[t], self._term_ptr[t + 1]
            found = list(zip(self._term_rows[lo:hi].tolist(), self._term_flags[lo:hi].tolist()))
        return sorted(found + self._overlay.get(key, []), key=self._rank)

    def _info(self, key: str) -> _KeyInfo:
        """What the scanner needs about a term key, memoised (the keys met in text are few)."""
        info = self._keys.get(key)
        if info is None:
            entries = self.entries(key)
            caseless = any(f & fmt.FLAG_CASELESS for _, f in entries)
            info = _KeyInfo(tuple(public_id(self._ids.restore_key(r)) for r, _ in entries),
                            tuple(TERM_KINDS[f & fmt.KIND_BITS] for _, f in entries),
                            any(f & fmt.FLAG_AMBIGUOUS for _, f in entries), caseless,
                            () if caseless else tuple(self._cased_forms(key)),
                            any(self.label_of_row(r) for r, _ in entries),
                            len(key) - key.count(" ") <= 3, key in common_words())
            if len(self._keys) >= _KEY_CACHE:
                self._keys.clear()
            self._keys[key] = info
        return info

    def _reorderings(self, key: str, max_tokens: int = 6) -> Iterator[str]:
        """The key's other token orders that may be term keys ("receptor opioid mu" for "mu opioid receptor"), each
        once, in a fixed order: built token by token, an order is dropped as soon as its first tokens start no key
        (six tokens have 719 other orders; testing each took ~1 ms a look-up)."""
        tokens = key.split(" ")
        if not 1 < len(tokens) <= max_tokens:
            return
        if len(tokens) <= BRUTE_FORCE_ORDERS:  # up to 5 other orders: testing each costs less than pruning
            yield from (order for order in dict.fromkeys(map(" ".join, permutations(tokens))) if order != key)
            return
        terms, heads = self._terms, self._overlay_heads

        def orders(head: str, rest: list[str]) -> Iterator[str]:
            for n, token in enumerate(rest):
                if token in rest[:n]:
                    continue  # a repeated token gives the same orders again
                longer = f"{head}{token}"
                if len(rest) == 1:
                    yield longer
                elif next(terms.iterkeys(longer + " "), None) is not None or longer + " " in heads:
                    yield from orders(longer + " ", rest[:n] + rest[n + 1:])

        yield from (order for order in orders("", tokens) if order != key)

    def _extend(self, keys: list[str], i: int) -> list[tuple[int, str]]:
        """(j, key) for every term key made of the first tokens of `keys` (which start at token i), shortest first."""
        joined = " ".join(keys)
        n = len(joined)
        hits = [(i + p.count(" ") + 1, p) for p in self._terms.prefixes(joined)
                if len(p) == n or joined[len(p)] == " "]
        if keys[0] in self._overlay or keys[0] + " " in self._overlay_heads:  # some curated key starts here
            have = {p for _, p in hits}
            key = ""
            for j, token in enumerate(keys, 1):
                key += token
                if key in self._overlay and key not in have:
                    hits.append((i + j, key))
                key += " "
                if key not in self._overlay_heads:
                    break  # no longer curated key starts with these tokens
            hits.sort()  # the trie's prefixes come shortest first already
        return hits

    def _filters(self) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
        """The scanner's first-token codes and second tokens by first, read on first use (with the overlay's keys)."""
        if self._scan_filters is None:
            first, seconds = pickle.loads(zlib.decompress((self.path / "scan.pkl").read_bytes()))
            for key in self._overlay:
                add_scan_key(first, seconds, key)
            self._scan_filters = (first, seconds)
        return self._scan_filters

    def _token_info(self, raw: str) -> _TokenInfo:
        """What the scanner needs about a raw token, memoised: one look-up per token when scanning."""
        key = normalize_token(raw)
        first, seconds = self._filters()
        single = first.get(key, 0) & _SINGLE
        info = (key, single, seconds.get(key, _NO_SECONDS), int(bool(single) and self._info(key).labelled))
        if len(self._tokens) >= _TOKEN_CACHE:
            self._tokens.clear()
        self._tokens[raw] = info
        return info

    def _scan(self, text: str, every: bool, strict_case: bool, labelled_only: bool = False,
              shadows: list[tuple[int, int, tuple[str, ...]]] | None = None) -> list[TermMatch]:
        """The matcher's hot loop. The tokens where a match may start are picked at C speed (`map` and
        `compress` over the memoised token infos: the token is a term (`labelled_only`: with a labelled concept),
        or it and the next token start one); Python runs only for those, about one token in four.
        `shadows` (with `labelled_only`): gets (start, end, concept ids) of each longest term at a token that has no
        labelled concept ("Tumor Necrosis Factor-alpha"), inside which the labelled terms are words of another
        thing's name."""
        raws, starts, ends = raw_spans(text)
        tokens = list(map(self._tokens.get, raws))
        if None in tokens:
            token_info = self._token_info
            tokens = [info or token_info(raw) for info, raw in zip(tokens, raws)]
        keys = list(map(_first_item, tokens))
        # widths[i]: the most tokens of a key starting with tokens i and i + 1 (0: no such key)
        widths = list(map(dict.get, map(_third_item, tokens), keys[1:], repeat(0)))
        widths.append(0)
        known, info_of, new_match = self._keys.get, self._info, tuple.__new__
        out: list[TermMatch] = []
        nxt = 0  # find(): the first token after the last match kept
        singles = map(_fourth_item if labelled_only else _second_item, tokens)
        for i in compress(range(len(keys)), map(or_, widths, singles)):
            if i < nxt:
                continue
            width = widths[i]
            if not width:  # a single-token term
                key = keys[i]
                info = known(key) or info_of(key)
                start, end = starts[i], ends[i]
                ok = info.caseless or _casing_ok(info.forms, text[start:end])
                ambiguous = info.ambiguous and _is_ambiguous(info, start, end, text, ok)
                if ok or not (strict_case and ambiguous):
                    out.append(new_match(TermMatch, (start, end, text[start:end], key, info.ids, info.kinds,
                                                     ambiguous, ok)))
                continue
            for rank, (j, hkey) in enumerate(reversed(self._extend(keys[i:i + width], i))):
                info = known(hkey) or info_of(hkey)
                if labelled_only and not info.labelled:
                    if not rank and shadows is not None and j - i > 1:  # the longest term here, of several tokens
                        shadows.append((starts[i], ends[j - 1], info.ids))
                    continue
                start, end = starts[i], ends[j - 1]
                ok = info.caseless or _casing_ok(info.forms, text[start:end])
                ambiguous = info.ambiguous and _is_ambiguous(info, start, end, text, ok)
                if strict_case and ambiguous and not ok:
                    continue
                out.append(new_match(TermMatch, (start, end, text[start:end], hkey, info.ids, info.kinds,
                                                 ambiguous, ok)))
                if not every:
                    nxt = j
                    break
        # `out` is in (start, longest first) order: tokens are visited left to right, each one's hits longest first
        return out

    def _rank(self, entry: tuple[int, int]) -> tuple[int, int, int]:
        row, flags = entry
        return (_KIND_RANK[TERM_KINDS[flags & fmt.KIND_BITS]],
                _CONCEPT_RANK.get(self._ids.restore_key(row)[:1], 2), row)

    def _lookup_rank(self, entry: tuple[int, int]) -> tuple[int, int, int, int]:
        """Order of equally scored lookup candidates: a curated term's concept first (a curator chose it), then
        descriptors, supplementary concepts, HGNC genes (MeSH first, HGNC only where MeSH has none)."""
        kind, concept, row = self._rank(entry)
        return (kind != _KIND_RANK["curated"], concept, kind, row)

    def _cased_forms(self, key: str) -> list[str]:
        prefix = key + fmt.KEY_SEP
        return [k[len(prefix):] for k in self._cased.keys(prefix)] + sorted(self._overlay_cased.get(key, ()))

    def find(self, text: str, strict_case: bool = True) -> list[TermMatch]:
        """Longest-leftmost non-overlapping dictionary matches over raw `text`.

        With `strict_case` (default) an ambiguous term whose casing is not kept ("mor" for MOR, "and"
        for AND) is not a match; unambiguous terms match in any casing.
        """
        return self._scan(text, every=False, strict_case=strict_case)

    def find_all(self, text: str, strict_case: bool = True, labelled_only: bool = False,
                 shadows: list[tuple[int, int, tuple[str, ...]]] | None = None) -> list[TermMatch]:
        """Every dictionary match, nested and overlapping ones included, by start then longest first.

        `labelled_only`: only terms of which some concept has a label (what the tagger can use; half the
        matches in abstracts are not, and leaving them out early is cheaper); `shadows`: see `_scan`.
        """
        return self._scan(text, every=True, strict_case=strict_case, labelled_only=labelled_only, shadows=shadows)

    # ---------------------------------------------------------------- lookup
    def _casing_allows(self, key: str, surface: str) -> bool:
        """Whether `surface` may be read as the term `key`: as in the scanner, an ambiguous term whose
        casing the surface does not keep is not one ("no" is not NO, nitric oxide)."""
        info = self._info(key)
        ok = info.caseless or _casing_ok(info.forms, surface)
        return ok or not (info.ambiguous and _is_ambiguous(info, 0, len(surface), surface, ok))

    def named_ids(self, phrase: str, label: str, limit: int = 1) -> tuple[str, ...]:
        """The concepts of `label` among the `limit` best that `phrase` names exactly or in another word order
        (lookup score >= REORDERED), best first."""
        return tuple(hit.id for hit in self.lookup(phrase, limit=limit, fuzzy=False)
                     if hit.score >= REORDERED and hit.label == label)

    def lookup(self, text: str, limit: int = 10, fuzzy: bool = True) -> list[Candidate]:
        """Candidate concepts for a name, best first: exact key 1.0, token-reordered 0.95 (failing both, the name with
        the hyphens inside its words dropped 0.95: "puromycin amino-nucleoside"), then fuzzy < 0.9.

        Token-reordered covers MeSH inverted names ("Receptors, Opioid, mu" <-> "mu opioid receptors")
        for names of up to six tokens.
        """
        key = normalize(text)
        if not key:
            return []
        scored: dict[int, float] = {}
        ranks: dict[int, tuple[int, ...]] = {}  # ties: curated terms, then MeSH before HGNC, then names first
        if self._casing_allows(key, text.strip()):
            for entry in self.entries(key):
                scored.setdefault(entry[0], 1.0)
                ranks.setdefault(entry[0], self._lookup_rank(entry))
        terms, overlay = self._terms, self._overlay

        def take(other_key: str) -> None:
            """Score the concepts of another spelling of the name, when it is a term key."""
            if other_key in terms or other_key in overlay:
                for entry in self.entries(other_key):
                    scored.setdefault(entry[0], REORDERED)
                    ranks.setdefault(entry[0], self._lookup_rank(entry))

        for reordered in self._reorderings(key):  # few of them keys: test before collecting entries
            take(reordered)
        if not scored and _WORD_HYPHEN.search(text):  # "puromycin amino-nucleoside": the name joins the parts
            take(normalize(_WORD_HYPHEN.sub("", text)))
        if fuzzy and len(scored) < limit:
            from meshtag.kb.fuzzy import fuzzy_candidates

            for row, score in fuzzy_candidates(self, key, limit * 3):
                scored.setdefault(row, score)
        def order(item: tuple[int, float]) -> tuple:
            row, score = item
            return -score, ranks.get(row) or self._lookup_rank((row, 0))

        best = sorted(scored.items(), key=order)[:limit]
        out = []
        for row, score in best:
            c = self._concept(row)
            out.append(Candidate(id=c.id, name=c.name, label=c.label, score=round(score, 4)))
        return out


_WORD_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z]{3})")  # a hyphen inside a lower-case word


