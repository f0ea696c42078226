"""Reward rules of 綦应急发〔2021〕41号 《重庆市綦江区安全生产举报奖励办法》 (奖励规则).

Parameters live in one TOML file per document (this folder), every value versioned by effective date with
its article quoted; the formulas (rewards.py) cite the article they apply. `compute_reward(facts)` is the
entry point other code uses; the loader API (`FOLDER`, `FILES`, `load_rules`, `default_rules`) is in
parameters.py, as in every programme's rules package.
"""
from .grades import AccidentGrade, GradeFinding, accident_grade
from .parameters import FILES, FOLDER, Rulebook, Version, default_rules, load_rules
from .rewards import Reward, compute_reward, concealed_accident_reward, not_applicable, violation_reward

__all__ = ["FILES", "FOLDER", "AccidentGrade", "GradeFinding", "Reward", "Rulebook", "Version", "accident_grade",
           "compute_reward", "concealed_accident_reward", "default_rules", "load_rules", "not_applicable", "violation_reward"]
