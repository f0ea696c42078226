"""Versioned parameters of the awards system, one TOML file per document (core.parameters)."""
