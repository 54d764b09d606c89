"""How hard the article is to read: the measures (measures.py) and the editor's report (report.py)."""
