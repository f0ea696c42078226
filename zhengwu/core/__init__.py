"""core: what every system shares — document numbers, text normalisation, errors, security headers."""
