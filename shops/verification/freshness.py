"""Keeping hours fresh: merchants whose hours nobody confirmed for 90 days are reminded.

A reminder goes out at most once every 30 days per shop, so the daily command can
run any number of times a day without sending anything twice.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from shops.mail import mail_send
from shops.models import ShopPage

STALE_AFTER = timedelta(days=90)
REMIND_EVERY = timedelta(days=30)


@dataclass
class ReminderSummary:
    reminded: int = 0
    skipped_without_email: int = 0


def shops_with_stale_hours(now=None):
    now = now or timezone.now()
    return (
        ShopPage.objects.live()
        .filter(
            Q(hours_confirmed_at__isnull=True)
            | Q(hours_confirmed_at__lt=now - STALE_AFTER)
        )
        .filter(
            Q(hours_reminded_at__isnull=True)
            | Q(hours_reminded_at__lt=now - REMIND_EVERY)
        )
        .select_related("owner")
    )


def stale_hours_remind(*, now=None) -> ReminderSummary:
    now = now or timezone.now()
    summary = ReminderSummary()
    for shop in shops_with_stale_hours(now).iterator():
        edit_path = reverse("wagtailadmin_pages:edit", args=[shop.pk])
        sent = mail_send(
            to=shop.contact_email,
            subject=gettext_lazy("Vitrine: are the hours of %(shop)s still right?"),
            subject_args={"shop": shop.title},
            template="shops/email/stale_hours.txt",
            context={
                "shop": shop,
                "link": f"{settings.WAGTAILADMIN_BASE_URL}{edit_path}",
            },
        )
        if not sent:
            summary.skipped_without_email += 1
            continue
        ShopPage.objects.filter(pk=shop.pk).update(hours_reminded_at=now)
        summary.reminded += 1
    return summary
