"""生活垃圾分类（撤桶并点） (SPEC; 綦江府办发〔2021〕23号) — the waste system."""
