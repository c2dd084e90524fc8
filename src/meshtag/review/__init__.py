"""Reviewer concept tables: export a corpus's concepts for curators, import their decisions into a
curation folder (`curation.Curation`), and apply them when tagging. See docs/review.md."""
