"""JSON Lines output: one `Document.to_dict()` per line (with `mentions` when tagged)."""
from __future__ import annotations

import json
from typing import IO, Iterable

from meshtag.model import Document


def write(docs: Iterable[Document], stream: IO[str], tagged: bool) -> int:
    n = 0
    for doc in docs:
        stream.write(json.dumps(doc.to_dict(with_mentions=tagged or None), ensure_ascii=False) + "\n")
        n += 1
    return n
