"""Chinese wording shared by pages and the decision: ordinals (第九届) and dates (2021年5月24日), taken from the
shared helpers so the awards never write a number or a date differently from the gazette."""
from __future__ import annotations

from zhengwu.core.chinese import to_chinese_numeral as chinese_ordinal
from zhengwu.gazette.render.docx import chinese_date

__all__ = ["chinese_date", "chinese_ordinal"]
