"""demo: builds the demonstration site from the seed gazette (and, later, marked samples)."""
