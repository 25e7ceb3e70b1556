"""Prices as people type them: euros with a comma or a point, kept as integer cents.

One reader for every place a person gives a price (the product form in the admin,
the catalogue CSV), so "24,50", "24.50", "24,50 €" and "24" mean the same thing
everywhere, and "24,5O" or "-3" get a sentence saying what to write instead.
The database keeps integer cents with an explicit currency, as before.
"""

import re
from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_PRICE_CENTS = 10_000_000
_PRICE = re.compile(r"^(?P<euros>\d*)(?:[.,](?P<cents>\d{1,2}))?$")
MINUS_SIGNS = ("-", "\u2212")  # spreadsheets and phones type either
SPACES = re.compile(r"[\s\u00a0\u202f]+")


def euros_text(cents: int) -> str:
    """``2450`` → ``24,50`` in French, ``24.50`` in English: what a person retypes."""
    return number_format(
        Decimal(cents) / 100, decimal_pos=2, use_l10n=True, force_grouping=False
    )


def price_parse(text: str) -> int:
    """The cents of a price typed in euros; ``ValueError`` with a sentence otherwise."""
    cleaned = SPACES.sub("", text).lower().replace("€", "").replace("euros", "")
    cleaned = cleaned.replace("eur", "")
    if not cleaned:
        raise ValueError(_("Give a price in euros, for example 4,50."))
    if cleaned.startswith(MINUS_SIGNS):
        raise ValueError(_("A price cannot be negative."))
    match = _PRICE.match(cleaned)
    if not match or not (match["euros"] or match["cents"]):
        raise ValueError(
            _(
                "“%(value)s” is not a price. Write it in euros with at most two "
                "decimals, for example 4,50."
            )
            % {"value": text.strip()[:30]}
        )
    euros, cents = match["euros"] or "0", (match["cents"] or "0").ljust(2, "0")
    if len(euros) > 7 or int(euros) * 100 + int(cents) > MAX_PRICE_CENTS:
        raise ValueError(
            _("The highest price accepted is %(limit)s €. Check for a typing error.")
            % {"limit": euros_text(MAX_PRICE_CENTS)}
        )
    return int(euros) * 100 + int(cents)


class EuroInput(forms.TextInput):
    """Shows stored cents as euros; a phone offers its keyboard with a decimal key."""

    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__(
            {"inputmode": "decimal", "autocomplete": "off", **(attrs or {})}
        )

    def format_value(self, value):
        if isinstance(value, int):
            return euros_text(value)
        return super().format_value(value)


class EuroPriceFormField(forms.Field):
    widget = EuroInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        try:
            return price_parse(str(value))
        except ValueError as problem:
            raise forms.ValidationError(str(problem), code="invalid") from None


class PriceCentsField(models.PositiveIntegerField):
    """Integer cents in the database, euros in every form built from the model."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [MaxValueValidator(MAX_PRICE_CENTS)])
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        kwargs["form_class"] = EuroPriceFormField
        kwargs.setdefault(
            "help_text", gettext_lazy("In euros, for example 24,50 or 24.50.")
        )
        # Not IntegerField's: its bounds and number widget are for typed integers.
        return models.Field.formfield(self, **kwargs)
