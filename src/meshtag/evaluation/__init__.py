"""Scoring tagged documents against gold annotations: strict NER, mention NER+ID, document concept ID."""
from meshtag.evaluation.ids import concept_ids
from meshtag.evaluation.runner import CORPUS_LABELS, Evaluation, evaluate
from meshtag.evaluation.scoring import LEVELS, PRF, score_documents

__all__ = ["CORPUS_LABELS", "Evaluation", "LEVELS", "PRF", "concept_ids", "evaluate", "score_documents"]
