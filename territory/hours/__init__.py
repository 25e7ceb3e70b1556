"""Opening hours: OSM ``opening_hours`` strings, read through opening-hours-py.

Shops store their hours as the open-data standard string; everything the site says
about them ("open now", this week's table) is derived here. The parser is fed
Europe/Paris datetimes only (it rejects ``datetime.timezone.utc``) and always with
``max_interval_days`` so that a value like ``24/7`` cannot make it search for years.

Shopkeepers do not write that syntax, and the parser has blind spots, so this module
also recovers hand-typed hours (``hours_normalise``), flags the forms the parser
misreads (``hours_warnings``) and maps the safe subset a week grid can edit to and
from the string (``WeekSchedule``). The admin widget lives in ``shops.hours.editor``.
"""

from territory.hours.normalising import DAY_CODES, hours_normalise, hours_warnings
from territory.hours.reading import (
    PARIS,
    DayHours,
    HoursStatus,
    hours_open_intervals,
    hours_status,
    hours_validate,
    hours_week,
)
from territory.hours.week import (
    Span,
    WeekSchedule,
    day_name,
    day_spans_problems,
    week_schedule_from_osm,
    week_schedule_to_osm,
    week_schedule_validate,
)

__all__ = [
    "DAY_CODES",
    "PARIS",
    "DayHours",
    "HoursStatus",
    "Span",
    "WeekSchedule",
    "day_name",
    "day_spans_problems",
    "hours_normalise",
    "hours_open_intervals",
    "hours_status",
    "hours_validate",
    "hours_warnings",
    "hours_week",
    "week_schedule_from_osm",
    "week_schedule_to_osm",
    "week_schedule_validate",
]
