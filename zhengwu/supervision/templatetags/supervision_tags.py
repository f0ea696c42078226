"""Template filters of the supervision pages."""
from decimal import Decimal

from django import template

from ..rhythm.tables import number

register = template.Library()


@register.filter
def num(value) -> str:
    """12.00 → 12, 50000000.00 → 50000000 (never 5E+7)."""
    if isinstance(value, Decimal | int):
        return number(Decimal(value))
    return "" if value is None else str(value)


@register.filter
def percent(value) -> str:
    """0.6 → 60.00%."""
    return f"{Decimal(value) * 100:.2f}%" if value is not None else ""
