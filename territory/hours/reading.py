"""Reading OSM hours: open or closed now, and the table of the coming week.

The parser is fed Europe/Paris datetimes only (it rejects ``datetime.timezone.utc``)
and always with ``max_interval_days`` so that ``24/7`` cannot make it search for years.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

import opening_hours

PARIS = ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class HoursStatus:
    is_open: bool
    next_change: datetime | None


@dataclass(frozen=True)
class DayHours:
    day: date
    ranges: tuple[tuple[time, time], ...]

    @property
    def is_closed(self) -> bool:
        return not self.ranges


@lru_cache(maxsize=4096)
def _parsed(value: str) -> opening_hours.OpeningHours:
    return opening_hours.OpeningHours(
        value, country="FR", timezone=PARIS, max_interval_days=366
    )


def _in_paris(moment: datetime | None) -> datetime:
    return (moment or timezone.now()).astimezone(PARIS)


def hours_validate(value: str) -> None:
    """Refuse what the parser cannot read, with a message a shopkeeper can act on."""
    try:
        _parsed(value.strip())
    except opening_hours.ParserError as error:
        raise ValidationError(
            _(
                "These opening hours cannot be read. Write them in the OpenStreetMap "
                "format, for example “Tu-Sa 09:00-12:30,14:00-19:00; PH off”."
            ),
            code="invalid_opening_hours",
        ) from error


def hours_status(value: str, at: datetime | None = None) -> HoursStatus | None:
    """Open or closed at ``at`` (default: now), and until when; None if unknown."""
    if not value:
        return None
    moment = _in_paris(at)
    hours = _parsed(value)
    return HoursStatus(
        is_open=hours.is_open(moment), next_change=hours.next_change(moment)
    )


def hours_open_intervals(
    value: str, start: datetime, end: datetime
) -> list[tuple[datetime, datetime]]:
    """The (opening, closing) Europe/Paris moments between ``start`` and ``end``.

    Exceptional closures and public holidays are already part of ``value`` (see
    ``ShopPage.effective_opening_hours``), so the intervals are the real ones.
    """
    if not value:
        return []
    return [
        (begin, finish)
        for begin, finish, state, _comment in _parsed(value).intervals(
            _in_paris(start), _in_paris(end)
        )
        if state == opening_hours.State.OPEN
    ]


def hours_week(value: str, start: date | None = None) -> list[DayHours]:
    """The seven days from ``start`` (today), each with its opening ranges."""
    if not value:
        return []
    first = start or _in_paris(None).date()
    day_start = datetime.combine(first, time.min, tzinfo=PARIS)
    days = [first + timedelta(days=offset) for offset in range(7)]
    ranges: dict[date, list[tuple[time, time]]] = {day: [] for day in days}
    intervals = _parsed(value).intervals(day_start, day_start + timedelta(days=7))
    for begin, end, state, _comment in intervals:
        if state != opening_hours.State.OPEN:
            continue
        # An interval can run past midnight; each day shows its own part of it.
        cursor = begin
        while cursor < end:
            midnight = datetime.combine(
                cursor.date() + timedelta(days=1), time.min, tzinfo=PARIS
            )
            part_end = min(end, midnight)
            if cursor.date() in ranges:
                closing = (
                    time.max.replace(microsecond=0)
                    if part_end == midnight
                    else part_end.time()
                )
                ranges[cursor.date()].append((cursor.time(), closing))
            cursor = part_end
    return [DayHours(day=day, ranges=tuple(ranges[day])) for day in days]
