"""Template filters for what shops display: prices and opening-hour ranges."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()

CURRENCY_SYMBOLS = {"EUR": "€"}


@register.filter
def price(cents: int, currency: str = "EUR") -> str:
    """``130`` → ``1,30 €`` in French, ``1.30 €`` in English (prices are in cents)."""
    amount = number_format(Decimal(cents) / 100, decimal_pos=2, use_l10n=True)
    return f"{amount}\u00a0{CURRENCY_SYMBOLS.get(currency, currency)}"
