"""Markdown without Qt: the one configured parser (with the CJK-friendly emphasis amendment) and a
plain-text rendering for search snippets and sidebar previews."""
