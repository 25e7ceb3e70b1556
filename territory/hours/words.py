"""Hours said in words for residents: closures and one day's opening.

The OSM string is for machines and merchants' editors; residents read sentences
("Closed from 24 to 26 December", "Open Sunday 7:00-13:00"), worded by the
translations so each language keeps its own style.
"""

from datetime import date

from django.utils import formats
from django.utils.translation import gettext

from territory.hours.reading import DayHours

EN_DASH = "\u2013"  # between the two ends of a range of hours


def closure_in_words(start: date, end: date, *, today: date) -> str:
    """ "Closed on 25 December", "Closed from 24 to 26 December"; the year only
    when it is not this one, the month once when both days share it."""
    year = "" if end.year == today.year else " Y"
    if start == end:
        return gettext("Closed on %(day)s") % {
            "day": formats.date_format(start, "j F" + year)
        }
    if (start.year, start.month) == (end.year, end.month):
        first = formats.date_format(start, "j")
    elif start.year == end.year:
        first = formats.date_format(start, "j F")
    else:
        first = formats.date_format(start, "j F Y")
    return gettext("Closed from %(start)s to %(end)s") % {
        "start": first,
        "end": formats.date_format(end, "j F" + year),
    }


def ranges_in_words(day: DayHours) -> str:
    """ "7:00-13:00, 15:00-19:30" (hours without a leading zero, as spoken)."""
    return ", ".join(
        f"{formats.time_format(start, 'G:i')}{EN_DASH}{formats.time_format(end, 'G:i')}"
        for start, end in day.ranges
    )


def day_in_words(day: DayHours, *, today: date) -> str:
    """ "Open Sunday 7:00-13:00", "Open today 9:00-12:00", "Closed Sunday"."""
    name = gettext("today") if day.day == today else formats.date_format(day.day, "l")
    if day.is_closed:
        return gettext("Closed %(day)s") % {"day": name}
    return gettext("Open %(day)s %(hours)s") % {
        "day": name,
        "hours": ranges_in_words(day),
    }
