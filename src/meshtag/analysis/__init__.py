"""Corpus analysis over the store's DuckDB views: entity statistics and concept co-occurrence."""
from meshtag.analysis.cooccur import Evidence, cooccurrence
from meshtag.analysis.entities import entity_stats
from meshtag.analysis.query import resolve_query

__all__ = ["Evidence", "cooccurrence", "entity_stats", "resolve_query"]
