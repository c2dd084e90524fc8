"""Corpus reports: entity and co-occurrence tables as CSV, XLSX, Markdown or HTML, with figures."""
from meshtag.report.api import ReportResult, cooccurrence_report, entity_report

__all__ = ["ReportResult", "cooccurrence_report", "entity_report"]
