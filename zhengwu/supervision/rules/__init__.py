"""Versioned parameters of the supervision system, one TOML file per document (core.parameters)."""
