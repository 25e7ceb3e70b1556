"""Short dates as each language abbreviates them: "ven. 4 déc.", "vr 4 dec.".

Django's ``D j M`` gives "ven 4 Déc" in French (its short month is capitalised and
carries no abbreviation point). The abbreviations below are those of the Unicode
CLDR, which French and Dutch readers see everywhere else.
"""

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language

register = template.Library()

ABBREVIATIONS = {
    "fr": (
        ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
        (
            "janv.",
            "févr.",
            "mars",
            "avr.",
            "mai",
            "juin",
            "juil.",
            "août",
            "sept.",
            "oct.",
            "nov.",
            "déc.",
        ),
    ),
    "nl": (
        ("ma", "di", "wo", "do", "vr", "za", "zo"),
        (
            "jan.",
            "feb.",
            "mrt.",
            "apr.",
            "mei",
            "jun.",
            "jul.",
            "aug.",
            "sep.",
            "okt.",
            "nov.",
            "dec.",
        ),
    ),
}


@register.filter
def short_date(value, with_time: bool = False) -> str:
    """``ven. 4 déc.`` (fr), ``vr 4 dec.`` (nl), ``Fri 4 Dec`` (en); ``, 10:30`` too."""
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and timezone.is_aware(value):
        value = timezone.localtime(value)
    language = (get_language() or "fr").split("-")[0]
    if language in ABBREVIATIONS:
        days, months = ABBREVIATIONS[language]
        text = f"{days[value.weekday()]} {value.day} {months[value.month - 1]}"
    else:
        text = date_format(value, "D j M")
    if with_time:
        text += f", {value:%H:%M}"
    return text
