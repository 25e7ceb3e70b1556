"""Hours in words on pages and cards (``shops.hours.words``)."""

from datetime import date, datetime

from django import template
from django.utils import timezone

from territory.hours import PARIS, hours_status, hours_week
from territory.hours.words import closure_in_words, day_in_words

register = template.Library()


def _today() -> date:
    return timezone.now().astimezone(PARIS).date()


@register.filter
def closure_words(closure) -> str:
    return closure_in_words(closure.start_date, closure.end_date, today=_today())


@register.simple_tag
def hours_asked(place, moment: date | datetime) -> dict | None:
    """The place's hours for the day (or moment) a search asked about.

    ``words`` is "Open Sunday 7:00-13:00"; ``is_open`` says whether it is open
    at that moment, or at some time that day when only a day was asked.
    """
    hours = place.effective_opening_hours
    if not hours:
        return None
    if isinstance(moment, datetime):
        day = moment.astimezone(PARIS).date()
        status = hours_status(hours, at=moment)
        is_open = bool(status and status.is_open)
    else:
        day, is_open = moment, None
    day_hours = hours_week(hours, start=day)[0]
    return {
        "words": day_in_words(day_hours, today=_today()),
        "is_open": (not day_hours.is_closed) if is_open is None else is_open,
    }
