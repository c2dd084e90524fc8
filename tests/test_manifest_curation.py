"""models/MANIFEST.md lists every curated table with the checksum of the committed file."""
from __future__ import annotations

import re

from meshtag.fsutil import file_sha256
from meshtag.paths import curation_dir, models_dir

ROW = re.compile(r"^\| `models/curation/([^`]+)` \| .* \| `([0-9a-f]{64})` \|$", re.MULTILINE)


def test_every_curated_table_is_listed_with_its_checksum():
    listed = dict(ROW.findall((models_dir() / "MANIFEST.md").read_text(encoding="utf-8")))
    committed = {p.name: file_sha256(p) for p in curation_dir().glob("*.tsv")}
    assert listed == committed
