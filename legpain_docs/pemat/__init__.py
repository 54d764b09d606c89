"""PEMAT-P, AHRQ's checklist for printable patient education, as a self-audit of an article.

items.py holds the 24 print items and how each is answered; measure.py finds what a rule can
find in the text (language.py gives the rules' words in English, Spanish and French);
report.py writes the audit for an editor. The audit speaks about the text, never in it.
"""

from .report import audit, report_text, summary_line

__all__ = ["audit", "report_text", "summary_line"]
