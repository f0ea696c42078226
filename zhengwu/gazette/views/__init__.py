"""Gazette pages, one module per kind: pages (browse/read), and the output and search pages beside it."""
