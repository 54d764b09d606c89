"""The live preview: every view of the article being edited, rebuilt in a warm process on each save."""
