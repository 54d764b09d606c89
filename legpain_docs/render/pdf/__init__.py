"""What the PDFs share: document set-up and fonts (document.py), tagging (tagging.py), the structure tree (structure.py), styles (style.py)."""
