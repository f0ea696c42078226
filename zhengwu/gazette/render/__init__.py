"""Printable outputs of the gazette (PDF, DOCX), rendered from the same data as the pages."""
