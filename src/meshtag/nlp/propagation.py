"""Abbreviation propagation: a short form defined in the text ("sigma-1 receptor (S1R)") takes its
long form's concept everywhere in the document, overriding any global meaning of the short form;
a short form defined as something that is not a concept ("knockout (KO)") loses its global meaning,
unless the long form is a spelling the KB does not know of that very meaning ("sodium 2-mercaptoethane
sulphonate (MESNA)" against Mesna's "Sodium 2-Mercaptoethanesulphonate").

Two names and their two short forms are paired in order: "cyproterone acetate plus ethinylestradiol (CPA/EE)",
"Duchenne and Becker muscular dystrophy (DMD and BMD)", "Mu and delta opioid receptors (MOR/DOR)". Each
part of a hyphenated short form used alone takes the concept its words in the long form name: "HPT and JT" after
"hyperparathyroidism-jaw tumor syndrome (HPT-JT)". A disease's short form after a word that names a disease with its
long form is that disease: "primary HPT" (primary hyperparathyroidism).

A research code glossed by a chemical's name in brackets, or glossing one, is that chemical everywhere in the
document: "CCNU (lomustine)", "tacrolimus (FK506)", "UMB24 (1-(2-phenethyl)-4-(2-pyridyl)-piperazine)" (Schwartz &
Hearst need the short form's letters in the long form, which a code's are not).

A capitalised short form the text uses but never defines, that means nothing to the KB, takes the concept
of the one name in the document it abbreviates: "women with OAB" after the title's "overactive bladder"
(the word initials in order, and Schwartz & Hearst's letters in order)."""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from meshtag.kb.normalize import normalize
from meshtag.kb.terms import common_words, letters_in_order
from meshtag.nlp.abbreviations import LIST_SEPARATORS
from meshtag.nlp.blocklist import blocked_pairs
from meshtag.nlp.candidates import Candidate, KBComponent, get_candidates, set_candidates, text_of
from meshtag.nlp.receptor_names import HEAD_WORDS
from meshtag.nlp.scan_patterns import CAPITAL_STARTING_WORD

# An unambiguous receptor or disease short form keeps its own meaning when its long form names nothing ("vanilloid 1
# (TRPV1)", "syndrome of inappropriate secretion of antidiuretic hormone (SIADH)"); drug short forms do not: most are
# supplementary concepts' codes that collide with other things ("median convulsant dose (CD50)", "(DSBs)")
KEEP_OWN_MEANING = frozenset({"RECEPTOR", "CONDITION"})
# A long form is linked by lookup only when the KB is this sure (exact or token-reordered match).
LOOKUP_MIN_SCORE = 0.9
SAME_NAME_RATIO = 0.9   # an unlinked long form this close to a name of the short form's own concept confirms it
MIN_PART_LENGTH = 10    # ... or a part of such a name at least this long (letters and digits)
PART_NOTE = "part of a long form"  # the concept a part of a hyphenated short form takes from its long form
# "myotonic dystrophy (DM)", "phenobarbital (PB: 15 mg)", "testosterone (T)": a short form right after a
# candidate, alone in parentheses or followed by a colon, semicolon or comma
_PAREN_SHORT = re.compile(r"\s*\(([A-Za-z][A-Za-z0-9-]{0,9})(\)|[:;,]\s)")
# a one-letter short form is not used in a comparison or formula ("P < 0.05", "T = 4")
_NOT_A_FORMULA = r"(?<![<>=≤≥]\s)(?<![<>=≤≥])(?!\s?[<>=≤≥+/^])"
_SPACE = re.compile(r"\s")
_WORD_BREAK = re.compile(r"[\s-]")
_LETTERS_NUMBER = re.compile(r"([A-Za-z]{2,})(-?)(\d{1,2})")  # "AO2", "AO-2": letters and a final number
_WORD_BEFORE = re.compile(r"(?<![\w-])([a-z][a-z-]{2,})\s+$")  # a lower-case word right before a short form
_WORDS = re.compile(r"[A-Za-z0-9]+")
_RANKS = {"primary": "1", "secondary": "2"}
_RANK_BEFORE = re.compile(r"\b(primary|secondary)\s+$", re.IGNORECASE)
_RANK_FIRST = re.compile(r"(primary|secondary)\s+", re.IGNORECASE)
_GENE_WORD = re.compile(r"[\s-]+(?:genes?|proteins?|subunits?)$", re.IGNORECASE)
# A long form whose head concept follows one of these words is about something else ("deleted in …").
_RELATION_WORDS = frozenset("in of for with on by to from against".split())
_RELATION_AFTER = re.compile(rf"\s+(?:{'|'.join(sorted(_RELATION_WORDS))})\s")  # right after the long form's first part
# the short form's bracket and the receptor head word after a long form inside a name: "kappa opioid (KOP) receptor"
_OPEN_BRACKET = re.compile(r"\s*\(\s*")
_CLOSE_BRACKET_THEN_HEAD = re.compile(rf"\s*\)\s*(?i:{HEAD_WORDS})\b")  # after the short form: "(KOP) receptor"
# a research code or capitalised short name: "FK506", "WR-2721", "Dup 753", "SM 21", "CCNU", "4-DAMP"
_CODE = r"(?:[A-Z][A-Za-z]{0,5}[- ]?\d[\w-]*|\d[A-Za-z0-9]*-[A-Z]{2,}[\w-]*|[A-Z]{3,6})"
_CODE_BEFORE = re.compile(rf"(?<![\w(-])({_CODE})\s*$")
# the words of a bracket that gives another name: "MR309 (also known as E-52862)", "E-52862 (formerly MR309)"
_ALIAS_WORDS = r"(?:also (?:known|called|referred to) as|a\.?k\.?a\.?|formerly(?: known as)?)\s+"
_ALIAS_OPEN = re.compile(rf"\(\s*{_ALIAS_WORDS}$", re.IGNORECASE)
_CODE_AFTER = re.compile(rf"\s*\((?i:{_ALIAS_WORDS})?({_CODE})\)")
# two names and their two short forms: "cyproterone acetate plus ethinylestradiol (CPA/EE)", "(DMD and BMD)"
_PAIR_SHORT = re.compile(r"\s*\(([A-Za-z][A-Za-z0-9-]{0,9})(?:/|\s+(?:and|or)\s+)([A-Za-z][A-Za-z0-9-]{0,9})\)")
_PAIR_JOIN = re.compile(r"\s*(?:plus|and|or|with|\+|,|/)\s*")
_SLASHED_PAIR = re.compile(r"[A-Za-z][A-Za-z0-9-]{0,9}/[A-Za-z][A-Za-z0-9-]{0,9}")  # "ALD/AMN": paired, not one
# one name of two coordinated ones sharing their last words: "Duchenne and Becker muscular dystrophy"
_COORDINATED_NAME = re.compile(r"(\S+)(?:\s*/\s*|\s+(?:and|or)\s+)(\S+\s.*)")
# the Latin dosing schedules of prescriptions: twice, three or four times a day, every other day, at bedtime, as needed
DOSING_SCHEDULES = frozenset({"BID", "TID", "QID", "QOD", "QHS", "PRN"})
# an undefined short form: three to six capitals, or its plural ("OAB", "ADRs"); two ("ST") are too ambiguous
_UNDEFINED_SHORT = re.compile(rf"({CAPITAL_STARTING_WORD}[A-Z]{{2,5}})s?(?![\w-])")
# a short form of two hyphenated parts, each of which a text may use alone: "HPT-JT", "AO-GLD"
_HYPHENATED_SHORT = re.compile(r"([A-Z][A-Za-z]{1,5})-([A-Z][A-Za-z]{1,5})")
_DISEASE_HEAD_AFTER = re.compile(r"\s+(?:syndromes?|diseases?)(?![\w-])", re.IGNORECASE)  # not "disease-causing"


def with_disease_head(text: str, end: int, label: str | None) -> int:
    """The end of a disease's short form, past the word "syndrome" or "disease" written after it: "HPT-JT syndrome"
    and "XAI disease" are the disease's names, as NCBI-disease annotates them.

    >>> text = "families with HPT-JT syndrome"
    >>> text[:with_disease_head(text, 20, "CONDITION")], text[:with_disease_head(text, 20, "DRUG")]
    ('families with HPT-JT syndrome', 'families with HPT-JT')
    >>> with_disease_head("A-T disease-causing mutations", 3, "CONDITION")
    3
    """
    head = _DISEASE_HEAD_AFTER.match(text, end) if label == "CONDITION" else None
    return head.end() if head else end


def number_variant(short: str) -> str | None:
    """The short form's other grammatical number, which texts use interchangeably ("VSDs" defined, "VSD"
    used): an uppercase form with or without a final "s"; None for other forms.

    >>> number_variant("VSDs"), number_variant("VSD"), number_variant("Ca"), number_variant("T")
    ('VSD', 'VSDs', None, None)
    """
    if len(short) >= 3 and short.endswith("s") and short[:-1].isupper():
        return short[:-1]
    if len(short) >= 2 and short.isupper() and short.isalpha():
        return short + "s"
    return None


def hyphen_variant(short: str) -> str | None:
    """The short form with or without a hyphen before its final number, which texts write both ways ("atelosteogenesis
    type 2 (AO2)", then "one with AO-2"); None for other forms.

    >>> hyphen_variant("AO2"), hyphen_variant("AO-2"), hyphen_variant("NK1R"), hyphen_variant("5-HT3")
    ('AO-2', 'AO2', None, None)
    """
    m = _LETTERS_NUMBER.fullmatch(short)
    return None if m is None else f"{m[1]}{m[3]}" if m[2] else f"{m[1]}-{m[3]}"


def listed_definition(long_form: Span, shorts: list[Span], text: str) -> bool:
    """Is the short form defined in a parenthetical list ("(FEO, MIM 174810)", "(Krabbe disease; AO-GLD)")
    rather than alone in brackets? Such a definition is weaker evidence: Schwartz & Hearst may have paired it
    with the wrong words ("keratosis palmoplantaris with periodontopathia (PLS, MIM 245000)")."""
    after = [s for s in shorts if s.start_char >= long_form.end_char]
    if not after:
        return False
    definition = min(after, key=lambda s: s.start_char)
    return text[definition.end_char:definition.end_char + 1] in LIST_SEPARATORS


def part_phrases(long_text: str, parts: tuple[str, ...]) -> list[tuple[int, int]] | None:
    """Where a long form spells out each part of a hyphenated short form, by Schwartz & Hearst's alignment from the
    right (each letter at its last place before the next one's, a part's first letter starting a word): the words
    from the one with the part's first letter to the one with its last; None if the letters do not align.

    >>> text = "hyperparathyroidism-jaw tumor syndrome"
    >>> [text[s:e] for s, e in part_phrases(text, ("HPT", "JT"))]
    ['hyperparathyroidism', 'jaw tumor']
    >>> text = "adult onset globoid cell leukodystrophy"
    >>> [text[s:e] for s, e in part_phrases(text, ("AO", "GLD"))], part_phrases(text, ("AO", "XL"))
    (['adult onset', 'globoid cell leukodystrophy'], None)
    """
    lower = long_text.lower()
    at, spans = len(lower), []
    for part in reversed(parts):
        letters = [c.lower() for c in part if c.isalnum()]
        last = None
        for i, letter in enumerate(reversed(letters)):
            at = lower.rfind(letter, 0, at)
            while i == len(letters) - 1 and at > 0 and lower[at - 1].isalnum():
                at = lower.rfind(letter, 0, at)  # the part's first letter starts a word
            if at < 0:
                return None
            last = at if last is None else last
        word_end = _WORD_BREAK.search(lower, last)
        spans.append((at, word_end.start() if word_end else len(lower)))
    return spans[::-1]


def sharing_last_words(first: str, second: str) -> str:
    """The first of two coordinated names with the second's words after its first, which an elliptical first name
    shares ("Duchenne [muscular dystrophy] and Becker muscular dystrophy"); a name of several words is whole.

    >>> sharing_last_words("Duchenne", "Becker muscular dystrophy"), sharing_last_words("cyproterone acetate", "EE")
    ('Duchenne muscular dystrophy', 'cyproterone acetate')
    """
    shared = second.split(maxsplit=1)
    return f"{first} {shared[1]}" if " " not in first and len(shared) == 2 else first


def uses_of(text: str, short: str, guard: str = "") -> set[tuple[int, int]]:
    """Spans of the short form and of its other number as whole words (`guard`: extra lookarounds).

    >>> sorted(uses_of("VSD and VSDs, not aVSD or VSD-1", "VSD"))
    [(0, 3), (8, 12)]
    """
    # the variants only add or drop a final "s" or the hyphen before a final number
    forms = [short] + [v for v in (number_variant(short), hyphen_variant(short)) if v]
    if guard:
        pattern = rf"(?<![\w-]){guard}(?:{'|'.join(map(re.escape, forms))})(?![\w-]){guard}"
        return {(u.start(), u.end()) for u in re.finditer(pattern, text)}
    # found with str.find, not a regex compiled for each short form (compiling was most of the cost): the whole-word
    # uses of each form, then left to right without overlaps, as a regex scan takes them
    found = []
    for form in forms:
        at = text.find(form)
        while at >= 0:
            end = at + len(form)
            if not (at and _word_or_hyphen(text[at - 1]) or end < len(text) and _word_or_hyphen(text[end])):
                found.append((at, end))
            at = text.find(form, at + 1)
    spans, free_from = set(), 0
    for at, end in sorted(found):
        if at >= free_from:
            spans.add((at, end))
            free_from = end
    return spans


def _word_or_hyphen(char: str) -> bool:
    """Does `char` match the regex class [\\w-]?"""
    return char.isalnum() or char in "_-"


def _squash(text: str) -> str:
    """Letters and digits only, lower-cased: names compared without their spacing and punctuation."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _same_name(written: str, name: str) -> bool:
    """A squashed long form is a name when nearly equal to it or a long enough part of it (S&H keeps the
    shortest long form: "mercaptoethane sulphonate (MESNA)" for "sodium 2-mercaptoethane sulphonate")."""
    if len(written) >= MIN_PART_LENGTH and written in name:
        return True
    matcher = SequenceMatcher(None, written, name)  # the quick ratios bound ratio() from above, and are cheap
    return matcher.real_quick_ratio() >= SAME_NAME_RATIO and matcher.quick_ratio() >= SAME_NAME_RATIO and \
        matcher.ratio() >= SAME_NAME_RATIO


def looks_abbreviated(short: str) -> bool:
    """A short form of several words must have a capital or digit in each ("HT 1A"), not plain words.

    >>> looks_abbreviated("S1R"), looks_abbreviated("5-HT 1A"), looks_abbreviated("timolol gellan")
    (True, True, False)
    """
    words = short.split()
    return len(words) < 2 or all(any(c.isupper() or c.isdigit() for c in w) for w in words)


_CAPITALS_BEFORE = re.compile(r"\b[A-Z]{2,}\s+$")
_CAPITALS_AFTER = re.compile(r"\s+[A-Z]{2,}\b")


def _in_capitals(text: str, start: int, end: int) -> bool:
    """Is the word at start..end beside another word in capitals, as in a heading ("MATERIALS AND METHODS")?

    >>> text = "MATERIALS AND METHODS: with WAS and XLT"
    >>> _in_capitals(text, 10, 13), _in_capitals(text, 28, 31)
    (True, False)
    """
    return bool(_CAPITALS_BEFORE.search(text, max(0, start - 20), start) or _CAPITALS_AFTER.match(text, end))


def defines(long_text: str, short: str, closed: bool) -> bool:
    """Whether "long_text (short" defines the short form. A one-letter form must be a capital that starts a
    one-word long form and is no English word ("testosterone (T)"; not "(A)", "(I)"); a form followed by
    a colon or comma rather than ")" needs Schwartz & Hearst's letters in order (scispaCy saw only "(SF)")."""
    if len(short) == 1:
        return short.isupper() and short not in "AI" and " " not in long_text.strip() and \
            long_text.strip()[:1].upper() == short
    return initials_define(long_text, short) or (not closed and letters_in_order(long_text, short))


def ranked_area(text: str, start: int, short: str) -> bool:
    """Does "(S1)", "(M2)" abbreviate the name starting at `start`, with the rank word before it or as its first
    word ("primary somatosensory cortex (S1)", "secondary motor area (M2)")? The letter is the initial of the word
    after the rank.

    >>> ranked_area("the primary somatosensory cortex", 12, "S1"), ranked_area("primary motor cortex", 8, "S2")
    (True, False)
    >>> ranked_area("the secondary somatosensory cortex", 4, "S2")
    True
    """
    rank = _RANK_BEFORE.search(text, max(0, start - 12), start) or _RANK_FIRST.match(text, start)
    initial = text[rank.end():rank.end() + 1] if rank and rank.start() == start else text[start:start + 1]
    return bool(rank) and len(short) == 2 and short[0].isupper() and initial.upper() == short[0] and \
        short[1] == _RANKS[rank.group(1).lower()]


def initials_define(long_text: str, short: str) -> bool:
    """True when the short form's letters are the initials of the long form's last words, in any order
    (Schwartz & Hearst want them in order and miss "myotonic dystrophy (DM)", after dystrophia myotonica).

    >>> initials_define("Myotonic dystrophy", "DM"), initials_define("chronic pain", "DM")
    (True, False)
    """
    letters = sorted(c.lower() for c in short if c.isalpha())
    words = _WORDS.findall(long_text)
    if len(letters) < 2 or len(letters) > len(words):
        return False
    return letters == sorted(w[0].lower() for w in words[-len(letters):])


def _coverage(length: int, spans: Iterable[tuple[int, int]]) -> bytearray:
    """1 at every character inside one of the spans: overlap tests at C speed (`find(1, start, end)`)."""
    covered = bytearray(length)
    for s, e in spans:
        covered[s:e] = b"\x01" * (e - s)
    return covered


def abbreviates(long_text: str, short: str) -> bool:
    """Whether an undefined short form abbreviates a name of two or more words: the words' initials are in
    the short form in order, and all its letters are in the name in order.

    >>> abbreviates("overactive bladder", "OAB"), abbreviates("myocardial infarction", "MI")
    (True, True)
    >>> abbreviates("bladder", "B"), abbreviates("overactive bladder", "OB"), abbreviates("heart failure", "FH")
    (False, True, False)
    """
    words = _WORDS.findall(long_text)
    if len(words) < 2 or not letters_in_order(long_text, short):
        return False
    initials = "".join(w[0].lower() for w in words)
    return letters_in_order(short.lower(), initials)


@Language.factory("meshtag_abbreviation_propagation", default_config={"kb_path": None, "blocked_terms": None})
def make_propagation(nlp: Language, name: str, kb_path: str | None,
                     blocked_terms: str | None) -> "AbbreviationPropagation":
    """`blocked_terms`: as the dictionary's (meshtag.nlp.blocklist.blocked_pairs); a long form read by KB lookup is
    no mention when its term is blocked for that label ("central nervous system (CNS)": the generic whole)."""
    return AbbreviationPropagation(kb_path, blocked_terms)


class AbbreviationPropagation(KBComponent):
    """Rewrites candidates on every occurrence of each defined short form."""

    def __init__(self, kb_path: str | None = None, blocked_terms: str | None = None):
        super().__init__(kb_path)
        self.blocked = blocked_pairs(blocked_terms)

    def long_form_candidate(self, long_form: Span, candidates: list[Candidate], short: str) -> Candidate | None:
        """The concept the long form names: the KB's exact reading of the whole long form (or of the whole
        word it ends: Schwartz & Hearst keep the shortest long form, "oxacalcitriol (OCT)" of
        "22-oxacalcitriol"; not "deficiency of aspartoacylase (ASPA)"), else the longest candidate that
        ends where it ends (its head: "levodopa-induced dyskinesia" → dyskinesia; or a name that starts before it
        when `short` spells that whole name: "chronic constriction injury (CCI)", whose shortest long form is
        "constriction injury"); for "A of the B" whose `short` form abbreviates A, A ("paraventricular nucleus of
        the hypothalamus (PVN)": the nucleus)."""
        start, end = long_form.start_char, long_form.end_char
        text = text_of(long_form.doc)
        gene = _GENE_WORD.search(text, start, end)
        if gene:  # "estrogen receptor gene (ESR)": a receptor's gene is the receptor (a disease's gene is no disease)
            product = next((c for c in candidates if c.start == start and c.end == gene.start() and c.concept_ids
                            and self.kb.label(c.concept_ids[0]) == "RECEPTOR"), None)
            if product is not None:
                return product
        best = None
        for cand in candidates:
            if cand.source == "abbreviation" or cand.end != end or (cand.start < start and _SPACE.search(
                    text, cand.start, start) and not letters_in_order(text[cand.start:cand.end], short)):
                continue  # a name started before the long form is its name only if the short form spells it too
            if best is None or cand.start < best.start:
                best = cand
        if best is not None and best.start <= start:
            return best
        if best is not None and _RELATION_WORDS & set(text[start:best.start].lower().split()):
            best = None  # "deleted in colorectal cancer (DCC)" names a gene, not the cancer
            part = next((c for c in candidates if c.start == start and c.end < end and c.concept_ids and
                         c.source != "abbreviation" and _RELATION_AFTER.match(text, c.end) and
                         letters_in_order(text[c.start:c.end], short)), None)
            if part is not None:
                return part
        key = normalize(long_form.text)
        for hit in self.kb.lookup(long_form.text, limit=3, fuzzy=False):
            if hit.score >= LOOKUP_MIN_SCORE and hit.label and (key, hit.label) not in self.blocked:
                return Candidate(start, end, (hit.id,), "dictionary", score=hit.score)
        return self.enclosing_receptor(text, start, end, short, candidates) or best

    @staticmethod
    def enclosing_receptor(text: str, start: int, end: int, short: str,
                           candidates: list[Candidate]) -> Candidate | None:
        """The receptor whose name holds the definition ("kappa opioid (KOP) receptor", "Metabotropic glutamate (mGlu)
        receptors"), when the long form alone names nothing whole: its short form names the receptor, as the
        annotation guidelines read "5-HT6" after "serotonin 6 (5-HT6) receptor" (not glutamate for "mGlu")."""
        opening = _OPEN_BRACKET.match(text, end)
        if opening is None or not text.startswith(short, opening.end()):
            return None
        head = _CLOSE_BRACKET_THEN_HEAD.match(text, opening.end() + len(short))
        if head is None:
            return None
        return next((c for c in candidates if c.start <= start and c.end >= head.end() and c.concept_ids
                     and c.source != "abbreviation" and (c.label or "RECEPTOR") == "RECEPTOR"), None)

    def own_meaning(self, spans: set[tuple[int, int]], candidates: list[Candidate]) -> Candidate | None:
        """The short form's own unambiguous dictionary reading as a receptor or condition ("TRPV1"), if it has one."""
        return next((c for c in candidates if (c.start, c.end) in spans and c.source == "dictionary" and c.concept_ids
                     and not c.ambiguous and self.kb.label(c.concept_ids[0]) in KEEP_OWN_MEANING), None)

    def confirmed_global_meaning(self, long_form: Span, spans: set[tuple[int, int]],
                                 candidates: list[Candidate]) -> Candidate | None:
        """For a long form with no concept: the short form's own dictionary reading, when one of that
        concept's names is the long form written differently (spaces, hyphens, a letter or two)."""
        written = _squash(long_form.text)
        for cand in candidates:
            if (cand.start, cand.end) in spans and cand.source == "dictionary" and cand.concept_ids:
                concept = self.kb.get(cand.concept_ids[0])
                names = (concept.name, *concept.synonyms) if concept else ()
                if any(_same_name(written, _squash(n)) for n in names):
                    return cand
        return None

    def initials_definitions(self, doc: Doc, candidates: list[Candidate], known: set[str]) -> list[tuple]:
        """(target candidate, short-form spans) for "long form (SF)" that Schwartz & Hearst missed: initials in
        any order, one-letter forms, "(SF: dose)", a cortex numbered by its rank ("primary somatosensory cortex
        (S1)")."""
        text = text_of(doc)
        found = []
        for cand in candidates:
            m = _PAREN_SHORT.match(text, cand.end)
            if not m or m.group(1) in known or \
                    not (defines(text[cand.start:cand.end], m.group(1), closed=m.group(2) == ")") or
                         ranked_area(text, cand.start, m.group(1))):
                continue
            known.add(m.group(1))
            guard = _NOT_A_FORMULA if len(m.group(1)) == 1 else ""
            found.append((cand, uses_of(text, m.group(1), guard)))
        return found

    def paired_definitions(self, text: str, candidates: list[Candidate], known: set[str]) -> list[tuple]:
        """(target candidate, short-form spans) for "X plus Y (SX/SY)" and "X and Y (SX and SY)": each short form
        with its own name's letters in order, the first name read with the second's last words when it shares them
        ("Mu and delta opioid receptors (MOR/DOR)"); also for one name of two such names, "Duchenne and Becker
        muscular dystrophy (DMD/BMD)", whose concept both short forms take. Schwartz & Hearst do not split them."""
        found = []
        for second in candidates:
            m = _PAIR_SHORT.match(text, second.end)
            if m is None or not second.concept_ids:
                continue
            first = next((c for c in candidates if c.concept_ids and c.end < second.start and
                          _PAIR_JOIN.fullmatch(text, c.end, second.start)), None)
            second_name = text[second.start:second.end]
            coordinated = _COORDINATED_NAME.fullmatch(second_name) if first is None else None
            if first is not None:
                targets, names = (first, second), (text[first.start:first.end], second_name)
            elif coordinated is not None:
                targets, names = (second, second), coordinated.groups()
            else:
                continue
            names = (sharing_last_words(names[0], names[1]), names[1])
            pairs = tuple(zip(targets, m.groups(), names))
            if not all(letters_in_order(name, short) for _, short, name in pairs):
                continue
            for cand, short, _ in pairs:
                if short not in known:  # "ALD" of "(ALD/AMN)" after "adrenoleukodystrophy (ALD)" keeps its definition
                    known.add(short)
                    found.append((cand, uses_of(text, short)))
        return found

    def part_definitions(self, text: str, definitions: Iterable[tuple[Span, list[Span]]],
                         known: set[str]) -> list[tuple]:
        """(concept of a part of a long form, spans) for each part of a hyphenated short form used alone: "HPT and JT
        were seen" after "hyperparathyroidism-jaw tumor syndrome (HPT-JT)" are hyperparathyroidism and jaw tumor,
        as NCBI-disease annotates them, and "GLD" after "adult onset globoid cell leukodystrophy (AO-GLD)" is the
        leukodystrophy: the words of the long form that spell the part (`part_phrases`) when they name a labelled
        concept exactly. The concept is no mention of its own where the long form spells it."""
        found = []
        for long_form, shorts in definitions:
            m = _HYPHENATED_SHORT.fullmatch(shorts[0].text)
            phrases = part_phrases(long_form.text, m.groups()) if m else None
            for part, (start, end) in zip(m.groups(), phrases) if phrases else ():
                spans = set() if part in known else uses_of(text, part)
                hit = next(iter(self.kb.lookup(long_form.text[start:end], limit=1, fuzzy=False)), None) \
                    if spans else None
                if hit is not None and hit.score >= LOOKUP_MIN_SCORE and hit.label:
                    known.add(part)
                    begin = long_form.start_char + start
                    found.append((Candidate(begin, begin + end - start, (hit.id,), "dictionary", score=hit.score,
                                            notes=[PART_NOTE]), spans))
        return found

    def code_glosses(self, text: str, candidates: list[Candidate], defined: set[str]) -> list[tuple]:
        """(target candidate, spans of the code) for "CODE (name)" and "name (CODE)", also with "also known as",
        "aka" or "formerly" in the brackets: a chemical's candidate that fills the brackets or stands right before
        them, and a code with no linked candidate of its own (codes after a disease are time points and scales:
        "status epilepticus (P20)", NCBI-disease training set +13 -26 with them; the NER's unlinked reading of the
        code, "cyclosporine (CSA)", is no meaning of its own)."""
        found = []
        for cand in candidates:
            alias = _ALIAS_OPEN.search(text, max(0, cand.start - 30), cand.start) \
                if text[cand.end:cand.end + 1] == ")" else None
            if alias is not None:  # "CODE (also known as name)"
                code = _CODE_BEFORE.search(text, max(0, alias.start() - 30), alias.start())
            elif text[cand.start - 1:cand.start] == "(" and text[cand.end:cand.end + 1] == ")":
                code = _CODE_BEFORE.search(text, max(0, cand.start - 30), cand.start - 1)
            else:
                code = _CODE_AFTER.match(text, cand.end)
            if code is None or cand.source == "abbreviation" or not cand.concept_ids or \
                    self.kb.label(cand.concept_ids[0]) != "DRUG" or code.group(1) in defined or \
                    any(c.concept_ids and c.start < code.end(1) and code.start(1) < c.end for c in candidates):
                continue
            defined.add(code.group(1))
            found.append((cand, uses_of(text, code.group(1))))
        return found

    def undefined_short_forms(self, text: str, candidates: list[Candidate], defined: set[str]) -> list[tuple]:
        """(target candidate, spans) for each short form used without a definition and without a linked
        candidate (the NER may find "EDMD" and link it to nothing) that abbreviates exactly one concept named
        in the document (see `abbreviates`); never a dosing schedule ("lithium 300 mg BID" is no bipolar disorder)."""
        uses: dict[str, set[tuple[int, int]]] = {}
        for m in _UNDEFINED_SHORT.finditer(text):
            if m.group(1) not in defined and m.group(1) not in DOSING_SCHEDULES:
                uses.setdefault(m.group(1), set()).add((m.start(), m.end()))
        if not uses:
            return []
        linked = _coverage(len(text), ((c.start, c.end) for c in candidates if c.concept_ids))
        names = None  # (first letter, candidate) of the labelled names, built for the first short form that needs it
        found = []
        for short, spans in uses.items():
            if any(linked.find(1, s, e) >= 0 for s, e in spans) or self.means_something(short, text, spans):
                continue  # it means something already: a linked candidate, a labelled KB term ("VHL"), a word
            if names is None:
                names = [(text[c.start].lower(), c) for c in candidates if c.concept_ids and
                         c.source != "abbreviation" and self.kb.label(c.concept_ids[0])]
            first = short[0].lower()
            targets = {c.concept_ids[0]: c for letter, c in names
                       if letter == first and abbreviates(text[c.start:c.end], short)}
            if len(targets) == 1:
                found.append((next(iter(targets.values())), spans))
        return found

    def with_named_modifier(self, text: str, start: int, target: Candidate) -> tuple[int, tuple[str, ...]]:
        """The start and concepts of a disease's short form used after a word that, before its long form, names a
        disease of its own: "primary HPT" is primary hyperparathyroidism, "attenuated FAP" attenuated familial
        adenomatous polyposis. Otherwise the short form's own start and its long form's concepts."""
        word = _WORD_BEFORE.search(text, max(0, start - 20), start)
        phrase = f"{word.group(1)} {text[target.start:target.end]}" if word else ""
        # as written, not reordered: only an exact key scores 1.0, so most phrases ("of PD") end at the key test
        hits = self.kb.lookup(phrase, limit=1, fuzzy=False) if phrase and self.kb.has_key(normalize(phrase)) else []
        named = [hit.id for hit in hits if hit.score >= 1.0 and hit.label == "CONDITION"]
        return (word.start(1), tuple(named)) if named else (start, target.concept_ids)

    def means_something(self, short: str, text: str, spans: set[tuple[int, int]]) -> bool:
        """Does an undefined short form (in capitals) mean something else: a word of a heading ("AND" of
        "MATERIALS AND METHODS"), a term of a labelled concept ("VHL") or a MeSH term ("PCR", "DNA")? A word
        elsewhere ("WAS": Wiskott-Aldrich syndrome) and an unlabelled gene's symbol do not: "ASA" is an alias of ARSA
        (arylsulfatase A), and acetylsalicylic acid in a paper about aspirin."""
        if normalize(short) in common_words() and any(_in_capitals(text, s, e) for s, e in spans):
            return True
        whole = [m for m in self.kb.find_all(short) if m.start == 0 and m.end == len(short)]
        return any(self.kb.label(cid) for m in whole for cid in m.concept_ids) or \
            any(kind != "hgnc" for m in whole for kind in m.kinds)

    def __call__(self, doc: Doc) -> Doc:
        abbreviations = getattr(doc._, "abbreviations", None) or []
        candidates = get_candidates(doc)
        definitions: dict[str, tuple[Span, list[Span]]] = {}
        for short in abbreviations:
            if not looks_abbreviated(short.text) or _SLASHED_PAIR.fullmatch(short.text):
                continue  # "(timolol gellan)": a parenthesised name, not a short form; "(ALD/AMN)": two of them
            long_form = short._.long_form
            definitions.setdefault(long_form.text, (long_form, []))[1].append(short)
        resolved = []
        text = text_of(doc)
        weak: set[str] = set()  # listed short forms whose long form names nothing: read as if undefined
        for long_form, shorts in definitions.values():
            spans = {(s.start_char, s.end_char) for s in shorts}
            target = self.long_form_candidate(long_form, candidates, shorts[0].text)
            own = self.own_meaning(spans, candidates)
            if target is not None and own is not None and target.start > long_form.start_char and \
                    target.concept_ids and self.kb.label(target.concept_ids[0]) != self.kb.label(own.concept_ids[0]):
                continue  # "A-967079 (TRPA1)": a long form read by its last name only does not rename a receptor
            if target is None:
                confirmed = self.confirmed_global_meaning(long_form, spans, candidates)
                if confirmed is not None:  # the long form, an unknown spelling of that name, is a mention of it too
                    target = Candidate(long_form.start_char, long_form.end_char, confirmed.concept_ids, "dictionary",
                                       score=confirmed.score)
                elif own is not None:
                    continue  # "vanilloid 1 (TRPV1)": an unambiguous name keeps its meaning when its long form has none
                elif listed_definition(long_form, shorts, text):
                    weak.add(shorts[0].text)
                    continue
            if target is not None:  # the other number of a short form whose meaning is known ("VSD" after "(VSDs)")
                spans |= uses_of(text, shorts[0].text)
            resolved.append((target, spans))
        defined_shorts = {s.text for s in abbreviations} - weak
        if "(" in text:
            known = set(defined_shorts)
            resolved += self.initials_definitions(doc, candidates, known)
            resolved += self.paired_definitions(text, candidates, known)
            resolved += self.part_definitions(text, definitions.values(), known)
        defined = defined_shorts | {text[s:e] for _, spans in resolved for s, e in spans}
        if "(" in text:
            resolved += self.code_glosses(text, candidates, defined)
        resolved += self.undefined_short_forms(text, candidates, defined)
        for target, spans in resolved:
            # the short form's own meaning (dictionary or model) is replaced on every use; a longer KB name
            # that contains a use ("NMDA receptors" after "N-methyl-D-aspartate (NMDA, ...)") stays
            used = _coverage(len(text), spans)
            candidates = [c for c in candidates if c is target or used.find(1, c.start, c.end) < 0 or not any(
                c.start < e and s < c.end and not (c.source == "dictionary" and c.start <= s and e <= c.end
                                                   and c.end - c.start > e - s)
                for s, e in spans)]
            if target is None:
                continue
            if PART_NOTE not in target.notes and not any(c is target for c in candidates):
                candidates.append(target)  # a long form linked by lookup becomes a mention too
            label = self.kb.label(target.concept_ids[0]) if target.concept_ids else target.label
            for s, e in sorted(spans):
                start, ids = self.with_named_modifier(text, s, target) if label == "CONDITION" else \
                    (s, target.concept_ids)
                candidates.append(Candidate(start, with_disease_head(text, e, label), ids, "abbreviation",
                                            score=target.score, label=target.label))
        set_candidates(doc, candidates)
        return doc
