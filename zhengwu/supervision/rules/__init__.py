"""Parameter files of the supervision system (shipped as package data): office.toml (the office's own
defaults), qijiang_fubanfa_2021_24.toml (targets and fund rules of 綦江府办发〔2021〕24号) and
targets_2021_24.toml (what each of those thresholds measures)."""
