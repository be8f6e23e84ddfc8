"""MUC-4 document-level event extraction: data, scorer, trained role tagger, templates."""
