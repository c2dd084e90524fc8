"""The corpus store: Parquet parts + DuckDB views over documents, sentences and mentions."""
from meshtag.corpus.store import AddResult, CorpusStore, PartInfo

__all__ = ["AddResult", "CorpusStore", "PartInfo"]
