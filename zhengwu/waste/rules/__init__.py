"""Versioned parameters of the waste system, one TOML file per document (core.parameters)."""
