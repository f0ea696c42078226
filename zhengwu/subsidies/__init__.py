"""Science and technology subsidies (科技政策兑现) of 綦江府办发〔2021〕26号 — SPEC S6."""
