"""Writes: the buffer's flush into raw events, the daily roll-up, the purge.

Each is safe to run twice. The flush moves the cache's events once: its marker
advances before the rows are written (the cache and the database share no
transaction), so a crash may lose a few minutes of counts but never doubles them.
The roll-up rebuilds whole days; the purge deletes by age.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, F, Min, Sum
from django.utils import timezone

from insights.models import (
    Measure,
    PageDay,
    PageEvent,
    PublicCall,
    SearchDay,
    SearchEvent,
)
from insights.recording import EVENT_KEY, SEQUENCE_KEY, buffer
from territory.hours import PARIS

FLUSHED_KEY = "insights:flushed"
BATCH = 1000
RAW_EVENTS_KEPT = timedelta(days=25 * 31)  # at most 25 months


@dataclass
class FlushSummary:
    events: int = 0
    rows: int = 0


def _events_read(start: int, end: int):
    for low in range(start, end + 1, BATCH):
        keys = [EVENT_KEY.format(n) for n in range(low, min(end, low + BATCH - 1) + 1)]
        found = buffer().get_many(keys)
        buffer().delete_many(keys)
        yield from found.values()


def events_flush() -> FlushSummary:
    """Sum the events counted since the last flush into raw rows."""
    store = buffer()
    last = store.get(SEQUENCE_KEY) or 0
    first = (store.get(FLUSHED_KEY) or 0) + 1
    if last < first:
        return FlushSummary()
    store.set(FLUSHED_KEY, last, timeout=None)
    pages, searches, calls = Counter(), Counter(), Counter()
    positions = Counter()
    summary = FlushSummary()
    for event in _events_read(first, last):
        summary.events += 1
        if event[0] == "page":
            _kind, day, page_id, measure = event
            pages[(day, page_id, measure, "")] += 1
        elif event[0] == "search":
            _kind, day, words, commune, total, shown, first_position = event
            if words:
                searches[(day, words, commune, total)] += 1
            for offset, page_id in enumerate(shown):
                key = (day, page_id, Measure.IMPRESSION, words)
                pages[key] += 1
                positions[key] += first_position + offset
        elif event[0] == "call":
            calls[(event[1], event[2])] += 1
    rows = [
        PageEvent(
            day=day,
            page_id=page_id,
            measure=measure,
            words=words,
            count=count,
            position_sum=positions[(day, page_id, measure, words)],
        )
        for (day, page_id, measure, words), count in pages.items()
    ]
    rows_searches = [
        SearchEvent(
            day=day, words=words, commune_code=commune, result_count=total, count=n
        )
        for (day, words, commune, total), n in searches.items()
    ]
    with transaction.atomic():
        PageEvent.objects.bulk_create(rows, batch_size=BATCH)
        SearchEvent.objects.bulk_create(rows_searches, batch_size=BATCH)
        for (day, kind), n in calls.items():
            call, _created = PublicCall.objects.get_or_create(day=day, kind=kind)
            PublicCall.objects.filter(pk=call.pk).update(count=F("count") + n)
    summary.rows = len(rows) + len(rows_searches) + len(calls)
    return summary


def _orders_of(day: date) -> list[PageDay]:
    """Orders come from the orders' own table: nothing to count on the way."""
    from orders.models import ShopOrder

    start = datetime.combine(day, time.min, tzinfo=PARIS)
    orders = (
        ShopOrder.objects.filter(
            created_at__gte=start, created_at__lt=start + timedelta(days=1)
        )
        .values("shop_id")
        .annotate(n=Count("pk"), amount=Sum("total_cents"))
    )
    return [
        PageDay(
            day=day,
            page_id=row["shop_id"],
            measure=Measure.ORDER,
            count=row["n"],
            amount_cents=row["amount"] or 0,
        )
        for row in orders
    ]


@transaction.atomic
def day_rollup(*, day: date) -> int:
    """Rebuild one day's roll-up rows from its raw events; returns rows written."""
    PageDay.objects.filter(day=day).delete()
    SearchDay.objects.filter(day=day).delete()
    pages = (
        PageEvent.objects.filter(day=day)
        .values("page_id", "measure", "words")
        .annotate(n=Sum("count"), positions=Sum("position_sum"))
    )
    rows = [
        PageDay(
            day=day,
            page_id=row["page_id"],
            measure=row["measure"],
            words=row["words"],
            count=row["n"],
            position_sum=row["positions"],
        )
        for row in pages
    ]
    rows += _orders_of(day)
    searches = [
        SearchDay(
            day=day,
            words=row["words"],
            commune_code=row["commune_code"],
            searches=row["n"],
            fewest_results=row["fewest"],
        )
        for row in SearchEvent.objects.filter(day=day)
        .values("words", "commune_code")
        .annotate(n=Sum("count"), fewest=Min("result_count"))
    ]
    PageDay.objects.bulk_create(rows, batch_size=BATCH)
    SearchDay.objects.bulk_create(searches, batch_size=BATCH)
    return len(rows) + len(searches)


def days_pending(*, today: date | None = None) -> list[date]:
    """Days with raw events but no roll-up yet, plus today and yesterday (which
    may have received events since their last roll-up)."""
    today = today or timezone.localdate()
    rolled = set(PageDay.objects.values_list("day", flat=True).distinct())
    rolled |= set(SearchDay.objects.values_list("day", flat=True).distinct())
    raw = set(PageEvent.objects.values_list("day", flat=True).distinct())
    raw |= set(SearchEvent.objects.values_list("day", flat=True).distinct())
    return sorted((raw - rolled) | {today - timedelta(days=1), today})


def raw_events_purge(*, today: date | None = None) -> int:
    """Delete raw events older than 25 months; the daily roll-ups stay."""
    limit = (today or timezone.localdate()) - RAW_EVENTS_KEPT
    deleted, _ = PageEvent.objects.filter(day__lt=limit).delete()
    searched, _ = SearchEvent.objects.filter(day__lt=limit).delete()
    return deleted + searched
