"""Training meshtag's statistical NER: compile gold corpora into spaCy DocBins, then train with spaCy."""
from meshtag.training.data import CompileStats, compile_docbin
from meshtag.training.train import train

__all__ = ["CompileStats", "compile_docbin", "train"]
