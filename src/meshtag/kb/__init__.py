"""meshtag.kb: the MeSH knowledge base (concepts, terms, labels), its builders and its matcher."""
from meshtag.kb.concept import Candidate, Concept, TermMatch
from meshtag.kb.normalize import norm_tokens, normalize
from meshtag.kb.store import KnowledgeBase

__all__ = ["Candidate", "Concept", "KnowledgeBase", "TermMatch", "norm_tokens", "normalize"]
