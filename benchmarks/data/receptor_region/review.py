"""Annotator's aid for the second pass: list cue words that no gold annotation covers, with context,
so each can be re-read and either annotated or confirmed as excluded by the guidelines. Usage: review.py [DIR]"""
import re
import sys
from build_gold import data_dir, read_docs

WORDS = re.compile(
    r"\w*(receptor|channel|adrenoceptor|cortex|cortices|hippocamp|striat|nucleus|nuclei|spinal|gangli|nerve|"
    r"cerebell|thalam|amygdal|medulla|pons|pontine|nigra|coeruleus|ceruleus|accumbens|putamen|caudate|"
    r"pallid|gyrus|collicul|bulb|tegment|raphe|hypothal|cord|lobe|insula|cingul|septum|fornix|callosum|"
    r"mesencephal|midbrain|forebrain|hindbrain|pituitar)\w*", re.IGNORECASE)
ABBR = re.compile(r"\b[A-Z][A-Za-z0-9()-]*R[0-9s]?\b|\bTRP\w*")

here = data_dir(sys.argv[1:])
docs = read_docs(here / "text.pubtator")
spans: dict[str, list[tuple[int, int]]] = {}
for line in (here / "gold.pubtator").read_text(encoding="utf-8").splitlines():
    cols = line.split("\t")
    if len(cols) == 6:
        spans.setdefault(cols[0], []).append((int(cols[1]), int(cols[2])))
for doc, (t, a) in docs.items():
    text = t + " " + a
    hits = sorted(list(WORDS.finditer(text)) + list(ABBR.finditer(text)), key=lambda m: m.start())
    for m in hits:
        if any(s <= m.start() < e for s, e in spans.get(doc, [])):
            continue
        ctx = text[max(0, m.start() - 45):m.end() + 35]
        print(f"{doc}\t{m.group(0)}\t...{ctx}...")
