"""Alerts that matter: a favourite shop's exceptional closure, and the weekly digest.

A closure is announced at once (a task after the shop's page is published), once
per closure: the ``ClosureAlert`` row is claimed before any email goes. The digest
(new offers and products of favourite shops, coming events in my communes) is built
by ``manage.py residents_send_digest`` for one ISO week; each resident's
``DigestSent`` row is claimed before their email is handed over, so a second run,
or a run that died half-way, never sends anyone the same week twice.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Site

from cms.models import EventPage
from residents.models import (
    AlertSettings,
    ClosureAlert,
    DigestRun,
    DigestSent,
    Favourite,
    ResidentCommune,
)
from shops.models import Offer, Product, ShopPage
from territory.hours import PARIS

UNSUBSCRIBE_SALT = "residents.digest.unsubscribe"


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _public_url(url_path: str, roots: list[str]) -> str:
    """A page's address from its tree path, without one query per page."""
    for root in roots:
        if url_path.startswith(root):
            return absolute("/" + url_path.removeprefix(root))
    return absolute("/")


def _site_roots() -> list[str]:
    return [root.root_path for root in Site.get_site_root_paths()]


def unsubscribe_token(user_id: int) -> str:
    return signing.dumps(user_id, salt=UNSUBSCRIBE_SALT)


def unsubscribe_user_id(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=UNSUBSCRIBE_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def _languages(user_ids) -> dict[int, str]:
    return dict(
        AlertSettings.objects.filter(user_id__in=user_ids).values_list(
            "user_id", "language"
        )
    )


def closure_alerts_send(*, shop_id: int, today: date | None = None) -> int:
    """Email the followers of a shop about closures not announced yet; how many."""
    shop = ShopPage.objects.live().filter(pk=shop_id).first()
    if shop is None:
        return 0
    today = today or timezone.localdate()
    sent = 0
    for closure in shop.closures.filter(end_date__gte=today):
        try:
            with transaction.atomic():
                claim = ClosureAlert.objects.create(
                    shop=shop, start_date=closure.start_date, end_date=closure.end_date
                )
        except IntegrityError:
            continue
        followers = list(
            Favourite.objects.filter(
                page_id=shop.pk, alert_closure=True, user__is_active=True
            )
            .exclude(user__email="")
            .select_related("user")
        )
        languages = _languages([f.user_id for f in followers])
        messages = []
        for favourite in followers:
            with translation.override(languages.get(favourite.user_id, "fr")):
                context = {
                    "shop": shop,
                    "closure": closure,
                    "shop_url": absolute(shop.url or "/"),
                    "alerts_url": absolute(reverse("residents:alerts")),
                }
                messages.append(
                    EmailMessage(
                        subject=render_to_string(
                            "residents/email/closure_subject.txt", context
                        ).strip(),
                        body=render_to_string("residents/email/closure.txt", context),
                        to=[favourite.user.email],
                    )
                )
        get_connection().send_messages(messages)
        ClosureAlert.objects.filter(pk=claim.pk).update(recipients=len(messages))
        sent += len(messages)
    return sent


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _digest_run(week: date) -> DigestRun:
    """This week's run, created with the watermarks that say what is new."""
    run = DigestRun.objects.filter(week=week).first()
    if run is not None:
        return run
    previous = DigestRun.objects.filter(week__lt=week).order_by("-week").first()
    products_upto = Product.objects.aggregate(top=Max("pk"))["top"] or 0
    offers_upto = Offer.objects.aggregate(top=Max("pk"))["top"] or 0
    run, _ = DigestRun.objects.get_or_create(
        week=week,
        defaults={
            # The first run ever announces nothing old as new.
            "products_after": previous.products_upto if previous else products_upto,
            "offers_after": previous.offers_upto if previous else offers_upto,
            "products_upto": products_upto,
            "offers_upto": offers_upto,
        },
    )
    return run


@dataclass
class Digest:
    """One resident's digest: news per favourite shop, events per commune."""

    user_id: int
    email: str
    shops: list = field(default_factory=list)
    events: list = field(default_factory=list)


def _news_by_shop(run: DigestRun, today: date) -> dict[int, dict]:
    news: dict[int, dict] = {}
    roots = _site_roots()
    shops = {
        shop["pk"]: {
            "title": shop["title"],
            "url": _public_url(shop["url_path"], roots),
        }
        for shop in ShopPage.objects.live().values("pk", "title", "url_path")
    }

    def entry(shop_id):
        return news.setdefault(
            shop_id, {"shop": shops[shop_id], "offers": [], "products": []}
        )

    for offer in Offer.objects.filter(
        pk__gt=run.offers_after, pk__lte=run.offers_upto, valid_until__gte=today
    ).values("shop_id", "title", "valid_until"):
        if offer["shop_id"] in shops:
            entry(offer["shop_id"])["offers"].append(offer)
    for product in Product.objects.filter(
        pk__gt=run.products_after, pk__lte=run.products_upto, active=True
    ).values("shop_id", "name", "price_cents"):
        if product["shop_id"] in shops:
            entry(product["shop_id"])["products"].append(product)
    return news


def _events_by_commune(week: date) -> dict[int, list]:
    start = datetime.combine(week, time.min, tzinfo=PARIS)
    events = EventPage.objects.live().filter(
        ends_at__gte=start, starts_at__lt=start + timedelta(days=7)
    )
    roots = _site_roots()
    grouped: dict[int, list] = defaultdict(list)
    for event in events.values("commune_id", "title", "starts_at", "url_path"):
        event["url"] = _public_url(event.pop("url_path"), roots)
        grouped[event["commune_id"]].append(event)
    return grouped


def digests_build(week: date) -> list[Digest]:
    """The digests due this week, for residents who want one and have news."""
    today = timezone.localdate()
    run = _digest_run(week)
    news = _news_by_shop(run, today)
    events = _events_by_commune(week)
    digests: dict[int, Digest] = {}
    declined = AlertSettings.objects.filter(digest=False).values("user_id")
    already = DigestSent.objects.filter(week=week).values("user_id")

    def digest_of(row) -> Digest:
        return digests.setdefault(
            row["user_id"], Digest(user_id=row["user_id"], email=row["user__email"])
        )

    followed = (
        Favourite.objects.filter(alert_news=True, page_id__in=list(news))
        .exclude(user_id__in=declined)
        .exclude(user_id__in=already)
        .filter(user__is_active=True)
        .values("user_id", "user__email", "page_id")
        .order_by("user_id", "page_id")
    )
    for row in followed.iterator(chunk_size=5000):
        digest_of(row).shops.append(news[row["page_id"]])
    chosen = (
        ResidentCommune.objects.filter(alert_events=True, commune_id__in=list(events))
        .exclude(user_id__in=declined)
        .exclude(user_id__in=already)
        .filter(user__is_active=True)
        .values("user_id", "user__email", "commune_id", "commune__name")
        .order_by("user_id", "commune_id")
    )
    for row in chosen.iterator(chunk_size=5000):
        digest_of(row).events.append(
            {"commune": row["commune__name"], "events": events[row["commune_id"]]}
        )
    return [digest for digest in digests.values() if digest.email]


class DigestWriter:
    """Renders digests; templates and addresses are looked up once per run."""

    def __init__(self, *, week: date):
        self.week = week
        self.subject = get_template("residents/email/digest_subject.txt")
        self.body = get_template("residents/email/digest.txt")
        self.unsubscribe_path = reverse("residents:unsubscribe", args=["TOKEN"])
        self.alerts_url = absolute(reverse("residents:alerts"))
        self.site = absolute("")

    def message(self, digest: Digest, *, language: str) -> EmailMessage:
        """The digest email, with RFC 8058 one-click unsubscribe headers."""
        unsubscribe = absolute(
            self.unsubscribe_path.replace("TOKEN", unsubscribe_token(digest.user_id))
        )
        context = {
            "digest": digest,
            "week": self.week,
            "site": self.site,
            "unsubscribe_url": unsubscribe,
            "alerts_url": self.alerts_url,
        }
        with translation.override(language):
            subject = self.subject.render(context).strip().replace("\n", " ")
            body = self.body.render(context)
        return EmailMessage(
            subject=subject,
            body=body,
            to=[digest.email],
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )


def digest_send(*, week: date, batch_size: int = 500, progress=None) -> int:
    """Build this week's digests and hand them to the mail server; how many."""
    week = week_start(week)
    digests = digests_build(week)
    languages = _languages([digest.user_id for digest in digests])
    writer = DigestWriter(week=week)
    connection = get_connection()
    sent = 0
    for start in range(0, len(digests), batch_size):
        batch = digests[start : start + batch_size]
        with transaction.atomic():
            DigestSent.objects.bulk_create(
                [DigestSent(user_id=d.user_id, week=week) for d in batch],
                ignore_conflicts=True,
            )
        messages = [
            writer.message(d, language=languages.get(d.user_id, "fr")) for d in batch
        ]
        connection.send_messages(messages)
        sent += len(messages)
        if progress:
            progress(sent, len(digests))
    DigestRun.objects.filter(week=week).update(finished_at=timezone.now(), sent=sent)
    return sent
