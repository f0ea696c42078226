"""Chinese wording shared by pages and documents: ordinals (第九届), taken from the shared helper so the awards
never write a number differently from the gazette (dates: core.chinese.chinese_date)."""
from __future__ import annotations

from zhengwu.core.chinese import to_chinese_numeral as chinese_ordinal

__all__ = ["chinese_ordinal"]
