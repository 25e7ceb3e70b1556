"""The opening-hours editor of the admin: a week grid for shopkeepers, text for experts.

Shopkeepers think "closed on Monday, lunch break from Tuesday to Saturday", not in
OpenStreetMap syntax. The widget shows one row per day (a "closed" box and up to two
opening periods), a "closed on public holidays" box, and the OSM string itself for
experts. It writes only the safe subset of ``territory.hours.WeekSchedule``; a stored
string outside that subset (dates, remarks, hours past midnight...) is shown as text
only, so the grid never silently drops what an expert wrote. Plain inputs, no
JavaScript: it works the same with scripts off and with a screen reader.

Which input wins on save: the expert text, if the shopkeeper changed it since the page
was displayed (a hidden input remembers what it showed); otherwise the grid. When the
grid means the same week as the stored string, the stored string is kept as it was
written, so opening and saving a page does not rewrite its hours.

Wiring into a Wagtail page. Wagtail builds each form field from the model field, and
``FieldPanel(widget=...)`` only swaps the widget: the form field stays a plain
``CharField``, which cannot turn an unreadable grid into "Tuesday: the closing time
12:00 is before the opening time 14:00.". So declare the field on the page's admin
form (``ShopPage.base_form_class``; no migration needed) and keep a bare panel::

    class ShopPageForm(WagtailAdminPageForm):
        opening_hours = OpeningHoursField(
            label=_("opening hours"), help_text=_("Your usual week; ...")
        )

    FieldPanel("opening_hours")

``FieldPanel("opening_hours", widget=OpeningHoursWidget())`` alone (for a page type
without its own form) is safe too: an unreadable grid posts "!", which no parser
accepts, so the model's ``clean()`` refuses it, though with the generic message. On
the model side, ``Place.clean()`` should run ``hours_normalise`` then
``hours_validate``, so that hours written outside the admin (imports, the shell) are
recovered the same way; a field ``validators=[hours_validate]`` would run before that
normalisation and refuse "9h-18h".

Warnings from ``hours_warnings`` never block saving: the widget lists them under the
field whenever the value it displays triggers one.
"""

import re
from datetime import time

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from territory.hours import (
    DAY_CODES,
    Span,
    WeekSchedule,
    day_name,
    day_spans_problems,
    hours_normalise,
    hours_validate,
    hours_warnings,
    week_schedule_from_osm,
    week_schedule_to_osm,
)

GRID, EXPERT = "grid", "expert"
PERIODS = (1, 2)
# Not OSM syntax: a grid that cannot be read can never be saved as hours.
UNREADABLE_GRID_MARK = "!"


class PostedHours(str):
    """The OSM string built from a post, and what the grid held if it was unreadable.

    Django passes the widget's value to the field's ``clean`` and, when the form is
    shown again, back to the widget; riding on that value is how the day-named errors
    reach the field and the shopkeeper's entries reach the re-displayed grid.
    """

    errors: tuple[str, ...] = ()
    grid: dict[str, str] | None = None
    expert: str = ""
    original: str = ""


def _input_keys() -> list[str]:
    keys = []
    for code in DAY_CODES:
        day = code.lower()
        keys.append(f"{day}-closed")
        keys += [f"{day}-{n}-{edge}" for n in PERIODS for edge in ("start", "end")]
    return keys + ["ph"]


def _is_ticked(raw: str | None) -> bool:
    return raw not in (None, "", "0", "false", "off")


_POSTED_TIME = re.compile(r"(\d{1,2})[:hH](\d{2})(?::00)?")


def _posted_time(raw: str) -> time | None:
    match = _POSTED_TIME.fullmatch(raw)
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return time(int(match[1]), int(match[2]))


def _day_read(grid: dict[str, str], index: int) -> tuple[list[Span], list[str]]:
    day, name = DAY_CODES[index].lower(), day_name(index)
    spans: list[Span] = []
    errors: list[str] = []
    if _is_ticked(grid.get(f"{day}-closed")):
        # A ticked "closed" box wins over times left in that row.
        return spans, errors
    for n in PERIODS:
        raw = [grid.get(f"{day}-{n}-{edge}", "").strip() for edge in ("start", "end")]
        if not any(raw):
            continue
        if not all(raw):
            message = _(
                "%(day)s: give both the opening and the closing time, or leave both "
                "empty."
            )
            errors.append(message % {"day": name})
            continue
        start, end = (_posted_time(text) for text in raw)
        for text, moment in zip(raw, (start, end), strict=True):
            if moment is None:
                message = _(
                    "%(day)s: “%(value)s” is not a time of day. Write it as HH:MM, "
                    "from 00:00 to 23:59."
                )
                errors.append(message % {"day": name, "value": text})
        if start and end:
            spans.append((start, end))
    return spans, errors + day_spans_problems(index, tuple(spans))


def grid_read(grid: dict[str, str]) -> tuple[WeekSchedule | None, list[str]]:
    """The week the grid inputs describe, or every reason it cannot be read.

    All the days are read before answering, so that one post lists every mistake. A
    row with no times and no ticked box is closed, as a day an OSM string does not
    name is.
    """
    errors: list[str] = []
    days = []
    for index in range(7):
        spans, day_errors = _day_read(grid, index)
        days.append(tuple(spans))
        errors += day_errors
    if errors:
        return None, errors
    return WeekSchedule(tuple(days), _is_ticked(grid.get("ph"))), []


def _grid_from_schedule(schedule: WeekSchedule) -> dict[str, str]:
    grid = {"ph": "on" if schedule.closed_on_public_holidays else ""}
    for code, spans in zip(DAY_CODES, schedule.days, strict=True):
        day = code.lower()
        grid[f"{day}-closed"] = "" if spans or schedule.is_empty else "on"
        for n in PERIODS:
            span = spans[n - 1] if len(spans) >= n else None
            grid[f"{day}-{n}-start"] = f"{span[0]:%H:%M}" if span else ""
            grid[f"{day}-{n}-end"] = f"{span[1]:%H:%M}" if span else ""
    return grid


class OpeningHoursWidget(forms.Widget):
    """A week grid plus the OSM text; its value is always an OSM string."""

    template_name = "shops/widgets/opening_hours.html"

    class Media:
        css = {"all": ["shops/opening_hours.css"]}

    def id_for_label(self, id_):
        # The widget is a fieldset of labelled inputs; a single <label for> pointing at
        # one of them would mislabel it with the field's name.
        return ""

    def use_required_attribute(self, initial):
        # A browser-enforced "required" on the text input would block a post whose
        # hours are entered in the grid only.
        return False

    def value_omitted_from_data(self, data, files, name):
        return f"{name}-mode" not in data and f"{name}-expert" not in data

    def value_from_datadict(self, data, files, name):
        mode = data.get(f"{name}-mode")
        expert = data.get(f"{name}-expert")
        original = data.get(f"{name}-original")
        if mode != GRID:
            return None if expert is None else hours_normalise(expert)
        expert_edited = (
            expert is not None
            and original is not None
            and expert.strip() != original.strip()
        )
        if expert_edited:
            return hours_normalise(expert)
        grid = {key: data.get(f"{name}-{key}", "") for key in _input_keys()}
        schedule, errors = grid_read(grid)
        if errors:
            return self._unreadable(grid, errors, expert, original)
        text = week_schedule_to_osm(schedule)
        if original is None and expert is not None:
            # No record of what was displayed: the text wins only where it differs.
            typed = hours_normalise(expert)
            return typed if typed and typed != text else text
        if original and week_schedule_from_osm(hours_normalise(original)) == schedule:
            return hours_normalise(original)
        return text

    @staticmethod
    def _unreadable(grid, errors, expert, original) -> PostedHours:
        value = PostedHours(UNREADABLE_GRID_MARK)
        value.errors = tuple(errors)
        value.grid = grid
        value.expert = expert or ""
        value.original = original or ""
        return value

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        base_id = widget["attrs"].pop("id", None) or f"id_{name}"
        if isinstance(value, PostedHours) and value.grid is not None:
            mode, grid = GRID, value.grid
            expert, original, warnings = value.expert, value.original, []
        else:
            text = value or ""
            schedule = week_schedule_from_osm(text)
            mode = GRID if schedule is not None else EXPERT
            grid = _grid_from_schedule(schedule or WeekSchedule())
            expert = original = text
            warnings = hours_warnings(text)

        def field(key: str, label: str) -> dict[str, str]:
            return {
                "name": f"{name}-{key}",
                "id": f"{base_id}-{key}",
                "value": grid.get(key, ""),
                "label": label,
            }

        # Attributes meant for "the input" (maxlength, Wagtail's help-text link) go
        # on the text input, which also points at its own help and the warnings.
        expert_attrs = dict(widget["attrs"])
        described_by = [
            expert_attrs.pop("aria-describedby", ""),
            f"{base_id}-expert-help",
        ]
        if warnings:
            described_by.append(f"{base_id}-warnings")
        expert_attrs["aria-describedby"] = " ".join(filter(None, described_by))
        rows = []
        for index, code in enumerate(DAY_CODES):
            day, label = code.lower(), day_name(index)
            closed = field(f"{day}-closed", _("%(day)s: closed") % {"day": label})
            periods = [
                {
                    "start": field(
                        f"{day}-{n}-start",
                        _("%(day)s, period %(number)s: opens at")
                        % {"day": label, "number": n},
                    ),
                    "end": field(
                        f"{day}-{n}-end",
                        _("%(day)s, period %(number)s: closes at")
                        % {"day": label, "number": n},
                    ),
                }
                for n in PERIODS
            ]
            rows.append({"label": label, "closed": closed, "periods": periods})
        widget.update(
            {
                "id": base_id,
                "mode": mode,
                "rows": rows,
                "public_holidays": field("ph", _("Closed on public holidays")),
                "expert": {
                    "name": f"{name}-expert",
                    "id": f"{base_id}-expert",
                    "value": expert,
                    "label": _("Expert: OpenStreetMap string"),
                    "attrs": expert_attrs,
                },
                "original": {"name": f"{name}-original", "value": original},
                "mode_name": f"{name}-mode",
                "warnings": warnings,
            }
        )
        return context


_TIME_OF_DAY = re.compile(r"(?<![\d:])(\d{2}):(\d{2})(?!\d)")


def _unreadable_times(value: str) -> list[str]:
    """Times no parser could read, to name them instead of a generic message.

    Ends may pass 24:00 (``Fr 20:00-26:00`` is Friday until 2 a.m.); starts may not.
    """
    messages = []
    for rule in value.split(";"):
        selectors_and_times = rule.split('"')[0]
        for match in _TIME_OF_DAY.finditer(selectors_and_times):
            is_end = selectors_and_times[: match.start()].endswith("-")
            hour, minute = int(match[1]), int(match[2])
            if minute > 59 or hour > (48 if is_end else 24):
                messages.append(
                    _(
                        "In “%(rule)s”, %(time)s is not a time of day. Write times "
                        "as HH:MM, for example 09:30."
                    )
                    % {"rule": rule.strip(), "time": match[0]}
                )
    return messages


class OpeningHoursField(forms.CharField):
    """Opening hours as OSM text, with the grid editor and shopkeeper-worded errors."""

    widget = OpeningHoursWidget

    def __init__(self, *, max_length=255, required=False, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Opening hours"))
        super().__init__(max_length=max_length, required=required, **kwargs)

    def to_python(self, value):
        if isinstance(value, PostedHours) and value.errors:
            raise ValidationError(list(value.errors), code="invalid_week_schedule")
        text = super().to_python(value)
        return hours_normalise(text) if text else text

    def validate(self, value):
        super().validate(value)
        if not value:
            return
        try:
            hours_validate(value)
        except ValidationError as error:
            precise = _unreadable_times(value)
            if precise:
                raise ValidationError(precise, code="invalid_opening_hours") from error
            raise
