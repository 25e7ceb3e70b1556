"""The usual week as the friendly editor shows it, to and from the OSM string."""

import re
from dataclasses import dataclass
from datetime import time

from django.core.exceptions import ValidationError
from django.utils.dates import WEEKDAYS
from django.utils.text import capfirst
from django.utils.translation import gettext as _

import opening_hours

from territory.hours.normalising import _DAY, DAY_CODES
from territory.hours.reading import _parsed

# --- The usual week, as the friendly editor shows it ------------------------------

Span = tuple[time, time]


@dataclass(frozen=True)
class WeekSchedule:
    """A shop's usual week: Monday first, zero to two opening periods a day.

    It is the part of the OSM syntax a shopkeeper can edit in a grid without being
    misread by the parser: no dates, no school holidays, no remarks, nothing past
    midnight. An empty ``days`` entry means closed that day.
    """

    days: tuple[tuple[Span, ...], ...] = ((),) * 7
    closed_on_public_holidays: bool = False

    def __post_init__(self):
        # Lists are accepted for convenience; tuples make two equal weeks compare equal.
        days = tuple(tuple((start, end) for start, end in spans) for spans in self.days)
        if len(days) != 7:
            raise ValueError("A WeekSchedule has seven days, Monday first.")
        object.__setattr__(self, "days", days)

    @property
    def is_empty(self) -> bool:
        return not any(self.days)


def day_name(index: int) -> str:
    """Monday is 0, as in ``date.weekday()``; Django already translates the names."""
    return str(capfirst(WEEKDAYS[index]))


def week_schedule_validate(schedule: WeekSchedule) -> None:
    """Refuse a week the grid cannot mean, naming the day so it can be fixed."""
    errors = [
        message
        for index, spans in enumerate(schedule.days)
        for message in day_spans_problems(index, spans)
    ]
    if errors:
        raise ValidationError(errors, code="invalid_week_schedule")


def day_spans_problems(index: int, spans: tuple[Span, ...]) -> list[str]:
    """What is wrong with one day's periods, in sentences that start with the day."""
    day = day_name(index)
    if len(spans) > 2:
        return [_("%(day)s: give at most two opening periods.") % {"day": day}]
    problems = []
    for start, end in spans:
        if any(moment.second or moment.microsecond for moment in (start, end)):
            problems.append(
                _("%(day)s: give times to the minute, as HH:MM.") % {"day": day}
            )
        elif end == start:
            problems.append(
                _(
                    "%(day)s: the closing time %(end)s is the same as the opening "
                    "time. Leave both empty if the shop is closed."
                )
                % {"day": day, "end": f"{end:%H:%M}"}
            )
        elif end < start:
            problems.append(
                _(
                    "%(day)s: the closing time %(end)s is before the opening time "
                    "%(start)s."
                )
                % {"day": day, "end": f"{end:%H:%M}", "start": f"{start:%H:%M}"}
            )
    if len(spans) == 2 and spans[1][0] <= spans[0][1]:
        problems.append(
            _(
                "%(day)s: the second period (%(second)s) must start after the first "
                "one ends (%(end)s)."
            )
            % {
                "day": day,
                "second": _span_text(spans[1]),
                "end": f"{spans[0][1]:%H:%M}",
            }
        )
    return problems


def _span_text(span: Span) -> str:
    return f"{span[0]:%H:%M}-{span[1]:%H:%M}"


def _days_selector(indexes: list[int]) -> str:
    runs: list[list[int]] = []
    for index in indexes:
        if runs and runs[-1][1] == index - 1:
            runs[-1][1] = index
        else:
            runs.append([index, index])
    # Three days or more read better as a range; two as a list, the way OSM mappers
    # write them ("Sa,Su", "Mo,Tu,Th-Sa").
    parts = []
    for first, last in runs:
        if last - first >= 2:
            parts.append(f"{DAY_CODES[first]}-{DAY_CODES[last]}")
        else:
            parts += DAY_CODES[first : last + 1]
    return ",".join(parts)


def week_schedule_to_osm(schedule: WeekSchedule) -> str:
    """The canonical string for a week: days with the same hours share one rule.

    A week with no opening period at all gives "" (hours not given), whatever the
    public-holiday box says: "closed every day" is not something the grid can mean.
    """
    week_schedule_validate(schedule)
    if schedule.is_empty:
        return ""
    same_hours: dict[tuple[Span, ...], list[int]] = {}
    for index, spans in enumerate(schedule.days):
        if spans:
            same_hours.setdefault(spans, []).append(index)
    rules = [
        f"{_days_selector(indexes)} {','.join(_span_text(s) for s in spans)}"
        for spans, indexes in same_hours.items()
    ]
    if schedule.closed_on_public_holidays:
        rules.append("PH off")
    return "; ".join(rules)


_OSM_SPAN = r"(?:[01]\d|2[0-3]):[0-5]\d-(?:[01]\d|2[0-3]):[0-5]\d"
_OSM_RULE = re.compile(
    rf"(?:(?P<days>{_DAY}(?:-{_DAY})?(?:,{_DAY}(?:-{_DAY})?)*)\s+)?"
    rf"(?P<state>off|closed|{_OSM_SPAN}(?:,{_OSM_SPAN})*)"
)


def _day_indexes(selector: str) -> list[int]:
    indexes = []
    for part in selector.split(","):
        first, _dash, last = part.partition("-")
        start = DAY_CODES.index(first)
        length = (DAY_CODES.index(last) - start) % 7 if last else 0
        indexes += [(start + offset) % 7 for offset in range(length + 1)]
    return indexes


def week_schedule_from_osm(value: str) -> WeekSchedule | None:
    """Read a string back into the grid, or None when the grid cannot show it.

    Rules apply in order, a later one replacing an earlier one's hours for the days it
    names, as in OSM. ``PH off`` counts only as the last rule: anywhere else a later
    weekday rule reopens the holidays. Anything beyond that subset (dates, remarks,
    ranges past midnight, "24:00", SH...) returns None and the editor falls back to
    the expert text field.
    """
    text = value.strip()
    if not text:
        return WeekSchedule()
    rules = [rule.strip() for rule in text.split(";")]
    days: list[tuple[Span, ...]] = [()] * 7
    closed_on_public_holidays = False
    for position, rule in enumerate(rules):
        if rule in ("PH off", "PH closed") and position == len(rules) - 1:
            closed_on_public_holidays = True
            continue
        match = _OSM_RULE.fullmatch(rule)
        if match is None or (
            match["days"] is None and match["state"] in ("off", "closed")
        ):
            return None
        if match["state"] in ("off", "closed"):
            spans: tuple[Span, ...] = ()
        else:
            spans = tuple(
                sorted(
                    (time.fromisoformat(start), time.fromisoformat(end))
                    for start, end in (
                        span.split("-") for span in match["state"].split(",")
                    )
                )
            )
        for index in _day_indexes(match["days"]) if match["days"] else range(7):
            days[index] = spans
    schedule = WeekSchedule(tuple(days), closed_on_public_holidays)
    try:
        week_schedule_validate(schedule)
        _parsed(text)
    except (ValidationError, opening_hours.ParserError):
        return None
    return schedule
