"""Where meshtag finds its committed artifacts (models/, seeds/) without ever touching the network."""
from __future__ import annotations

import os
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parents[2]


def models_dir() -> Path:
    """The models folder: $MESHTAG_MODELS, else the project's committed `models/`."""
    return Path(os.environ.get("MESHTAG_MODELS", _REPO_ROOT / "models"))


def seeds_dir() -> Path:
    """The bundled seed documents (`seeds/` at the project root)."""
    return Path(os.environ.get("MESHTAG_SEEDS", _REPO_ROOT / "seeds"))


def default_kb_dir() -> Path:
    """The compiled default knowledge base."""
    return models_dir() / "kb"


def curation_dir() -> Path:
    """Curated synonyms and corpus conventions shipped with meshtag (`models/curation/`)."""
    return models_dir() / "curation"
