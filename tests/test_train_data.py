"""Gold documents -> spaCy training Docs: aligned entities kept, misaligned ones marked missing, others ignored."""
from __future__ import annotations

from spacy.tokens import DocBin

from meshtag.model import Document, Mention
from meshtag.nlp.tokenizer import blank_biomedical
from meshtag.training.data import CompileStats, compile_docbin, doc_to_spacy

TEXT = "Cisplatin-induced nephrotoxicity in rats with TRPA1 up-regulation."


def mention(text: str, label: str, start: int | None = None) -> Mention:
    start = TEXT.index(text) if start is None else start
    return Mention(start=start, end=start + len(text), text=text, label=label)


GOLD = Document(id="1", title=TEXT, mentions=[
    mention("Cisplatin", "DRUG"),
    mention("nephrotoxicity", "CONDITION"),
    mention("nephrotoxicity in rats", "CONDITION"),   # overlaps: the longer span wins
    mention("rat", "CONDITION"),                      # ends inside the token "rats"
    mention("TRPA1", "RECEPTOR"),                     # not a trained label
])


def test_entities_missing_and_counts():
    stats = CompileStats()
    doc = doc_to_spacy(blank_biomedical(), GOLD, stats)
    assert [(e.text, e.label_) for e in doc.ents] == [("Cisplatin", "DRUG"), ("nephrotoxicity in rats", "CONDITION")]
    assert (stats.entities, stats.aligned, stats.misaligned, stats.overlapping) == (4, 2, 1, 1)
    # "rats" is inside a kept entity, so it is not marked missing; TRPA1 is plain outside
    assert next(t for t in doc if t.text == "TRPA1").ent_iob_ == "O"


def test_misaligned_entity_outside_others_is_missing():
    text = "Lithium toxicity in rats."
    gold = Document(id="2", title=text, mentions=[Mention(20, 23, "rat", "CONDITION"),
                                                  Mention(0, 7, "Lithium", "DRUG")])
    stats = CompileStats()
    doc = doc_to_spacy(blank_biomedical(), gold, stats)
    rats = [t for t in doc if t.text == "rats"][0]
    assert rats.ent_iob_ == ""                       # missing: neither entity nor outside
    assert doc[1].ent_iob_ == "O" and doc[0].ent_type_ == "DRUG"
    assert stats.misaligned == 1


def test_compile_docbin_round_trip(tmp_path):
    out = tmp_path / "train.spacy"
    stats = compile_docbin([GOLD], out)
    docs = list(DocBin().from_disk(out).get_docs(blank_biomedical().vocab))
    assert stats.documents == 1 and len(docs) == 1
    assert [e.label_ for e in docs[0].ents] == ["DRUG", "CONDITION"]


def test_unknown_spans_marked_missing_unless_gold_overlaps():
    """A disease-only corpus: its chemicals are unknown (missing), not taught as outside."""
    text = "Phenylalanine levels in phenylketonuria and lithium."
    pku = text.index("phenylketonuria")
    gold = Document(id="3", title=text, mentions=[Mention(pku, pku + 15, "phenylketonuria", "CONDITION")])
    unknown = [(0, 13), (text.index("lithium"), text.index("lithium") + 7), (pku, pku + 6)]  # last overlaps gold
    stats = CompileStats()
    doc = doc_to_spacy(blank_biomedical(), gold, stats, unknown=unknown)
    iob = {t.text: t.ent_iob_ for t in doc}
    assert iob["Phenylalanine"] == "" and iob["lithium"] == ""
    assert iob["phenylketonuria"] == "B" and iob["levels"] == "O" and iob["and"] == "O"
    assert [(e.text, e.label_) for e in doc.ents] == [("phenylketonuria", "CONDITION")]
    assert (stats.unknown_spans, stats.missing_tokens, stats.tokens) == (2, 2, len(doc))


def test_compile_docbin_unknown_per_document(tmp_path):
    """`unknown` is asked per document: only the disease-only document gets missing tokens."""
    text = "Lithium toxicity."
    bc5 = Document(id="a", title=text, mentions=[Mention(0, 7, "Lithium", "DRUG")])
    ncbi = Document(id="b", title=text, mentions=[Mention(8, 16, "toxicity", "CONDITION")])
    out = tmp_path / "train.spacy"
    stats = compile_docbin([bc5, ncbi], out, unknown=lambda d: [(0, 7)] if d.id == "b" else [])
    first, second = DocBin().from_disk(out).get_docs(blank_biomedical().vocab)
    assert first[0].ent_type_ == "DRUG" and second[0].ent_iob_ == ""
    assert (stats.unknown_spans, stats.missing_tokens) == (1, 1)
