"""The counting beacon and the counted outbound links, for public templates."""

from datetime import date

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def insights_beacon(page_id: int) -> str:
    """A one-pixel image counting one view of the page, also when the HTML is cached."""
    url = reverse("insights:hit", args=["view", page_id])
    return format_html(
        '<img class="beacon" src="{}" alt="" width="1" height="1" '
        'referrerpolicy="no-referrer">',
        url,
    )


@register.simple_tag
def insights_out(page_id: int, measure: str) -> str:
    """A shop's phone, website or directions link, through its click counter."""
    return reverse("insights:out", args=[page_id, measure])


@register.filter
def month_label(year_month: str) -> str:
    """A month in the open-data form ("2026-12") as the reader says it
    ("décembre 2026")."""
    year, month = (int(part) for part in year_month.split("-"))
    return date_format(date(year, month, 1), "F Y")
