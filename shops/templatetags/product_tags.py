"""Product units in the visitor's language.

Merchants type a unit in French ("pièce", "kg", "bouteille"); the common ones are
words of the interface, so English and Dutch visitors read them in their own
language. Any other unit is shown as the merchant wrote it.
"""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

KNOWN_UNITS = {
    "pièce": _("piece"),
    "prestation": _("service"),
    "lot": _("batch"),
    "heure": _("hour"),
    "bouteille": _("bottle"),
    "litre": _("litre"),
    "bouquet": _("bunch"),
    "douzaine": _("dozen"),
    "part": _("slice"),
    "pot": _("jar"),
    "boîte": _("box"),
    "séance": _("session"),
}


@register.filter
def unit_words(unit: str) -> str:
    return str(KNOWN_UNITS.get(unit.strip().lower(), unit))
