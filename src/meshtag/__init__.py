"""meshtag: tag receptors, drugs/chemicals, conditions and brain regions in biomedical abstracts,
link every mention to MeSH, and report on a corpus."""
from __future__ import annotations

from meshtag.model import LABELS, Document, Mention

__version__ = "0.1.0"
__all__ = ["LABELS", "Document", "Mention", "load", "__version__"]


def load(mode: str = "accurate", **kwargs):
    """Return the meshtag spaCy pipeline (`mode` is "accurate" or "fast"); see `meshtag.nlp.pipeline`."""
    from meshtag.nlp.pipeline import load as _load

    return _load(mode=mode, **kwargs)
