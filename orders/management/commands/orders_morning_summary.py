"""Each morning, one email per shop listing the orders to hand over today."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from orders.models import MorningSummary
from orders.selectors import shop_orders_to_hand_over
from shops.mail import mail_send


class Command(BaseCommand):
    help = "Email each shop its click-and-collect orders of the day (once a day)."

    def handle(self, *args, **options):
        today = timezone.localdate()
        sent = skipped = 0
        for shop, shop_orders in shop_orders_to_hand_over(today).items():
            _summary, created = MorningSummary.objects.get_or_create(
                shop=shop, day=today
            )
            if not created:
                skipped += 1
                continue
            mail_send(
                to=shop.contact_email,
                subject=_("Your click-and-collect orders for today (%(count)s)"),
                subject_args={"count": len(shop_orders)},
                template="orders/email/merchant_summary.txt",
                context={
                    "shop": shop,
                    "shop_orders": shop_orders,
                    "admin_url": settings.WAGTAILADMIN_BASE_URL
                    + reverse("orders_admin_list"),
                },
            )
            sent += 1
        self.stdout.write(
            f"{sent} summary email(s) sent, {skipped} already sent today."
        )
