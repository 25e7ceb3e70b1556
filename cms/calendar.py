"""The territory calendar as iCalendar (RFC 5545) feeds, one per commune and one
for the whole metropolis, written with the ``icalendar`` library.

Times are stored in UTC and written with the Europe/Paris time zone (and its
VTIMEZONE block), so calendar applications show local times across DST changes.
"""

from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags

from icalendar import Calendar, Event, vGeo

from cms.models import EventPage
from territory.hours import PARIS

# Past events stay in the feed for a while so that subscribers keep their history.
KEEP_PAST = timedelta(days=30)


def calendar_events(*, commune=None, now: datetime | None = None):
    events = (
        EventPage.objects.live()
        .filter(ends_at__gte=(now or timezone.now()) - KEEP_PAST)
        .select_related("commune")
        .order_by("starts_at", "pk")
    )
    return events.filter(commune=commune) if commune is not None else events


def _uid(event: EventPage) -> str:
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "vitrine"
    return f"event-{event.pk}@{host}"


def _location(event: EventPage) -> str:
    parts = [event.location_name, event.street_address, event.commune.name]
    return ", ".join(part for part in parts if part)


def _component(event: EventPage, *, stamp: datetime) -> Event:
    component = Event()
    component.add("uid", _uid(event))
    component.add("dtstamp", stamp)
    component.add("summary", event.title)
    component.add("dtstart", event.starts_at.astimezone(PARIS))
    component.add("dtend", event.ends_at.astimezone(PARIS))
    description = event.summary
    if event.has_area:
        description = f"{description}\n\n{event.notice_text}"
    if event.body:
        description = f"{description}\n\n{strip_tags(event.body)}"
    component.add("description", description)
    component.add("location", _location(event))
    component.add("categories", [str(EventPage.Kind(event.kind).label)])
    if event.latitude is not None:
        component.add("geo", vGeo((event.latitude, event.longitude)))
    url = event.full_url
    if url:
        component.add("url", url)
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    return component


def calendar_build(*, events, name: str, now: datetime | None = None) -> bytes:
    """An iCalendar document holding ``events``, named ``name`` for subscribers."""
    calendar = Calendar()
    calendar.add("prodid", "-//Vitrine//Métropole Européenne de Lille//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    stamp = now or timezone.now()
    for event in events:
        calendar.add_component(_component(event, stamp=stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()
