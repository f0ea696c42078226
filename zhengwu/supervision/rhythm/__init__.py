"""The rhythm of 綦江府办发〔2021〕24号 三（四）“月调度、季通报、年评估”: the monthly dispatch sheet, the
quarterly bulletin and the annual evaluation of a programme, as data (sheets.py), Excel (xlsx.py) and DOCX
in the gazette's document style (docx.py), for any month, quarter or year."""
from .periods import Period, parse_period
from .sheets import build_sheet

__all__ = ["Period", "build_sheet", "parse_period"]
