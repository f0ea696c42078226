"""Work-safety reports and rewards (安全生产举报奖励) — 綦应急发〔2021〕41号, SPEC S7.

Confidential intake, routing and verification deadlines, rewards as versioned rules, claims.
"""
