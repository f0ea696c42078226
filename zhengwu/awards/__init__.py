"""区长青少年科技创新奖 (SPEC; 綦江府发〔2021〕10号) — the awards system."""
