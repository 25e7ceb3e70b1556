"""What a merchant's dashboard says to do this week, read in a few queries.

The admin's home page opens on this (``shops.wagtail_hooks``): for each of the
merchant's shops, whether the hours need confirming (after 90 days, as the
reminder email says), what the listing lacks, an edit left unpublished, what
happened this week, and one link to each weekly task. Orders to handle come from
the orders app's own panel, which sits above it.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.coreutils import safe_snake_case

from shops.models import QuoteRequest, ShopPage
from shops.verification.freshness import STALE_AFTER

WEEK = timedelta(days=7)
MIN_PRODUCTS = 3


@dataclass(frozen=True)
class Task:
    label: str
    url: str
    key: str


@dataclass(frozen=True)
class ShopWeek:
    shop: ShopPage
    hours_stale: bool
    missing: list[str] = field(default_factory=list)
    draft_at: datetime | None = None
    quote_requests_this_week: int = 0
    tasks: list[Task] = field(default_factory=list)


def editor_tab(heading: str) -> str:
    """The anchor of an editor tab, as Wagtail derives it from the tab's heading."""
    return f"#tab-{safe_snake_case(heading)}"


def _tasks(shop: ShopPage) -> list[Task]:
    # The headings are ShopPage's tabs, in the language the admin speaks now.
    edit = reverse("wagtailadmin_pages:edit", args=[shop.pk])
    hours_tab = editor_tab(_("Hours and closures"))
    catalogue_tab = editor_tab(_("Products and offers"))
    return [
        Task(_("Change the hours"), f"{edit}{hours_tab}", "hours"),
        Task(_("Add a closure"), f"{edit}?add=closures{hours_tab}", "closures"),
        Task(_("Add a product"), f"{edit}?add=products{catalogue_tab}", "products"),
        Task(_("Add an offer"), f"{edit}?add=offers{catalogue_tab}", "offers"),
    ]


def _missing(shop: ShopPage) -> list[str]:
    """What residents look for first, in the merchant's words."""
    missing = []
    if not shop.image_id:
        missing.append(_("Add a photo of your shop front"))
    if shop.active_product_count < MIN_PRODUCTS:
        missing.append(_("Add your products (at least three)"))
    if not shop.opening_hours and not shop.by_appointment_only:
        missing.append(_("Give your opening hours"))
    if not shop.street_address:
        missing.append(_("Give your street address"))
    if not shop.pitch:
        missing.append(_("Say in one line what makes your shop special"))
    if not shop.phone and not shop.email:
        missing.append(_("Give a phone number or an email address"))
    return missing


def merchant_week(*, user, now: datetime | None = None) -> list[ShopWeek]:
    """The shops ``user`` owns, each with what to do about it this week."""
    now = now or timezone.now()
    shops = (
        ShopPage.objects.filter(owner=user)
        .select_related("latest_revision")
        .annotate(
            active_product_count=Count("products", filter=Q(products__active=True))
        )
        .order_by("title")[:20]
    )
    quotes = dict(
        QuoteRequest.objects.filter(shop__owner=user, created_at__gte=now - WEEK)
        .values_list("shop")
        .annotate(count=Count("pk"))
        .values_list("shop", "count")
    )
    weeks = []
    for shop in shops:
        confirmed = shop.hours_confirmed_at
        draft_at = None
        if shop.live and shop.has_unpublished_changes and shop.latest_revision:
            draft_at = shop.latest_revision.created_at
        weeks.append(
            ShopWeek(
                shop=shop,
                hours_stale=confirmed is None or confirmed < now - STALE_AFTER,
                missing=_missing(shop),
                draft_at=draft_at,
                quote_requests_this_week=quotes.get(shop.pk, 0),
                tasks=_tasks(shop),
            )
        )
    return weeks
