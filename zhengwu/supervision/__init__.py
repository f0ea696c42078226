"""督查督办 (SPEC; 綦普法办〔2021〕16号、綦江府办发〔2021〕24号) — the supervision system."""
