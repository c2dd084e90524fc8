"""`tag_parallel`: N worker processes give exactly the 1-process output, keep metadata, and stream."""
from __future__ import annotations

import pytest

from fixtures.parallel.support import ABSTRACTS, build_tiny_kb
from meshtag.io import read_documents
from meshtag.model import Document
from meshtag.parallel import MAX_IN_FLIGHT_PER_WORKER, PipelineSpec, tag_parallel


@pytest.fixture(scope="module")
def spec(tmp_path_factory) -> PipelineSpec:
    return PipelineSpec(mode="fast", kb_path=str(build_tiny_kb(tmp_path_factory.mktemp("kb") / "kb")))


def read() -> list[Document]:
    return list(read_documents([ABSTRACTS]))


def test_two_workers_equal_one_worker(spec):
    one = [d.to_dict() for d in tag_parallel(read(), spec, workers=1)]
    two = [d.to_dict() for d in tag_parallel(read(), spec, workers=2, batch_size=2)]  # 6 batches, 2 workers
    assert [d["id"] for d in one] == [d.id for d in read()]
    assert sum(len(d["mentions"]) for d in one) >= 24  # every abstract names several fixture concepts
    assert two == one


def test_workers_keep_document_metadata(spec):
    docs = [Document(id=f"d{i}", title="Morphine and neuropathic pain.", abstract="Lithium was given.",
                     pmid=str(i), meta={"journal": "J Pain", "mesh_headings": ["Pain"]}) for i in range(5)]
    out = list(tag_parallel(docs, spec, workers=2, batch_size=2))
    assert [d.meta["journal"] for d in out] == ["J Pain"] * 5
    assert [d.pmid for d in out] == [str(i) for i in range(5)]
    assert {m.id for m in out[0].mentions} == {"MESH:D009020", "MESH:D009437", "MESH:D008094"}
    assert out[0].sentences == [(0, 30), (31, 49)]


def test_input_is_read_ahead_only_a_bounded_amount(spec):
    consumed = []

    def source():
        for i in range(400):
            consumed.append(i)
            yield Document(id=f"d{i}", title="Morphine relieves pain.")

    stream = tag_parallel(source(), spec, workers=2, batch_size=4)
    first = next(stream)
    assert first.id == "d0" and first.mentions
    assert len(consumed) <= (MAX_IN_FLIGHT_PER_WORKER * 2 + 1) * 4
    assert sum(1 for _ in stream) == 399
