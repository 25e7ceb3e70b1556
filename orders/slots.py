"""Pickup slots: half hours inside a shop's opening hours, from now on.

The hours come from ``territory.hours`` (the same reading as "open now"), with the
shop's exceptional closures, and public holidays closed unless the merchant's hours
say otherwise about them (``PH``). A slot starts at least the shop's preparation
time after now and is offered while it holds fewer orders than the shop's limit.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format

from orders.states import ACTIVE_STATUSES
from shops.models import ShopPage
from territory.hours import PARIS, hours_week


@dataclass(frozen=True)
class Slot:
    starts_at: datetime  # Europe/Paris

    @property
    def value(self) -> str:
        return self.starts_at.strftime("%Y-%m-%dT%H:%M")

    @property
    def time_label(self) -> str:
        """The half hour as a range, then a short day: "10:00-10:30 · Tue 24".

        The day is repeated because a closed list shows only the chosen option,
        without the day heading it was listed under; the checkout's script,
        which asks for the day first, shows the range alone.
        """
        return f"{slot_range(self.starts_at)}{DAY_SEPARATOR}" + date_format(
            self.starts_at, "D j"
        )


DAY_SEPARATOR = " \u00b7 "


def slot_range(starts_at: datetime) -> str:
    """ "07:30-08:00": a pickup slot as the range it is (Europe/Paris)."""
    start = starts_at.astimezone(PARIS)
    end = start + timedelta(minutes=settings.ORDERS_SLOT_MINUTES)
    return f"{start:%H:%M}\u2013{end:%H:%M}"


def pickup_hours(shop: ShopPage) -> str:
    """The shop's hours with its closures, public holidays closed by default."""
    hours = shop.effective_opening_hours
    if hours and "PH" not in shop.opening_hours:
        hours = f"{hours}; PH off"
    return hours


def _taken(shop: ShopPage, start: datetime, end: datetime) -> dict[datetime, int]:
    from orders.models import ShopOrder

    rows = (
        ShopOrder.objects.filter(
            shop=shop,
            status__in=ACTIVE_STATUSES,
            pickup_at__gte=start,
            pickup_at__lt=end,
        )
        .values("pickup_at")
        .annotate(n=Count("pk"))
    )
    return {row["pickup_at"]: row["n"] for row in rows}


def pickup_slots(shop: ShopPage, *, now: datetime | None = None) -> list[Slot]:
    """The slots a resident may choose for ``shop``, earliest first."""
    hours = pickup_hours(shop)
    if not hours:
        return []
    now = (now or timezone.now()).astimezone(PARIS)
    earliest = now + timedelta(minutes=shop.pickup_lead_minutes)
    length = timedelta(minutes=settings.ORDERS_SLOT_MINUTES)
    days = hours_week(hours, start=now.date())[: settings.ORDERS_DAYS_AHEAD]
    candidates = []
    for day in days:
        for opens, closes in day.ranges:
            cursor = datetime.combine(day.day, opens, tzinfo=PARIS)
            end = datetime.combine(day.day, closes, tzinfo=PARIS)
            while cursor + length <= end + timedelta(seconds=59):
                if cursor >= earliest:
                    candidates.append(cursor)
                cursor += length
    if not candidates:
        return []
    limit = shop.pickup_orders_per_slot
    if limit:
        taken = _taken(shop, candidates[0], candidates[-1] + length)
        candidates = [c for c in candidates if taken.get(c, 0) < limit]
    return [Slot(starts_at=c) for c in candidates]


def slot_parse(value: str) -> datetime | None:
    """A slot value from a form, as an aware Europe/Paris datetime (None if garbled)."""
    try:
        parsed = datetime.strptime(value.strip(), "%Y-%m-%dT%H:%M")
    except (ValueError, AttributeError):
        return None
    return parsed.replace(tzinfo=PARIS)


def slot_days(slots: list[Slot]) -> list[tuple[date, list[Slot]]]:
    """Slots grouped by day, for a form that shows one group per day."""
    grouped: dict[date, list[Slot]] = {}
    for slot in slots:
        grouped.setdefault(slot.starts_at.date(), []).append(slot)
    return list(grouped.items())
