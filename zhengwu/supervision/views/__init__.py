"""Pages of the supervision system: thin shells over workflow, progress, funds, rhythm and public."""
