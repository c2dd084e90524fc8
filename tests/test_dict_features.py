"""Dictionary features for the NER (meshtag.nlp.dict_features): per-token BIO tags of MeSH matches."""
from __future__ import annotations

from meshtag.nlp.dict_features import N_TAGS, TAGGED_LABELS, dictionary_hash_embed, dictionary_tags
from meshtag.nlp.tokenizer import blank_biomedical

TEXT = "Captopril-induced hypotension and neuropathic pain in the locus coeruleus via 5-HT1A receptors."


def tag_names(doc) -> dict[str, str]:
    names = ["O"] + [f"{bio}-{label}" for label in TAGGED_LABELS for bio in ("B", "I")]
    return {t.text: names[int(x)] for t, x in zip(doc, dictionary_tags(doc))}


def test_tags_follow_the_longest_labelled_match():
    doc = blank_biomedical()(TEXT)
    tags = tag_names(doc)
    assert tags["Captopril"] == "B-DRUG"
    # the unlabelled procedure "Induced Hypotension" does not hide the condition inside it
    assert tags["induced"] == "O" and tags["hypotension"] == "B-CONDITION"
    assert (tags["neuropathic"], tags["pain"]) == ("B-CONDITION", "I-CONDITION")
    assert (tags["locus"], tags["coeruleus"]) == ("B-BRAIN_REGION", "I-BRAIN_REGION")
    assert (tags["5"], tags["HT1A"], tags["receptors"]) == ("B-RECEPTOR", "I-RECEPTOR", "I-RECEPTOR")
    assert tags["via"] == "O"


def test_curated_terms_do_not_feed_the_features():
    # "allodynia" is a curated synonym (models/curation/synonyms.tsv), not a term of the compiled KB:
    # features come from MeSH alone so the training set's mined conventions never leak into them
    doc = blank_biomedical()("Mechanical allodynia developed.")
    assert int(dictionary_tags(doc)[1]) == 0


def test_embedding_layer_outputs_one_row_per_token_and_learns():
    nlp = blank_biomedical()
    docs = [nlp(TEXT), nlp("No match here.")]
    model = dictionary_hash_embed(16, ["NORM", "PREFIX", "SUFFIX", "SHAPE"], [100, 50, 50, 20], dictionary_width=4)
    model.initialize(docs)
    out, backprop = model.begin_update(docs)
    assert [o.shape for o in out] == [(len(docs[0]), 16), (len(docs[1]), 16)]
    backprop([o * 0 + 1 for o in out])
    grads = [g for node in model.walk() for name in node.param_names if node.has_grad(name)
             for g in [node.get_grad(name)]]
    assert grads and any(float(abs(g).sum()) > 0 for g in grads)
    assert N_TAGS == 1 + 2 * len(TAGGED_LABELS)
