"""Rewrite the sha256 column of the curated-table rows in models/MANIFEST.md after a table was edited
(tests/test_manifest_curation.py checks they match the committed files).

    python scripts/refresh_curation_checksums.py
"""
from __future__ import annotations

import re

from meshtag.fsutil import atomic_open, file_sha256
from meshtag.paths import curation_dir, models_dir

ROW = re.compile(r"^(\| `models/curation/([^`]+)` \| .* \| `)([0-9a-f]{64})(` \|)$", re.MULTILINE)


def main() -> None:
    manifest = models_dir() / "MANIFEST.md"
    text = manifest.read_text(encoding="utf-8")
    changed = []

    def refreshed(m: re.Match) -> str:
        digest = file_sha256(curation_dir() / m.group(2))
        if digest != m.group(3):
            changed.append(m.group(2))
        return f"{m.group(1)}{digest}{m.group(4)}"

    text = ROW.sub(refreshed, text)
    with atomic_open(manifest, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"{manifest}: {len(changed)} checksum(s) refreshed {changed}")


if __name__ == "__main__":
    main()
