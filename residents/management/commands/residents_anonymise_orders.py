"""Anonymise guest orders some months after their pickup (run daily)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from residents.privacy import guest_orders_anonymise


class Command(BaseCommand):
    help = (
        "Replace name, email and phone of guest orders whose last pickup is older "
        "than RESIDENTS_GUEST_ORDERS_KEPT_MONTHS (default 12)."
    )

    def handle(self, *args, **options):
        months = settings.RESIDENTS_GUEST_ORDERS_KEPT_MONTHS
        count = guest_orders_anonymise(months=months)
        self.stdout.write(f"{count} guest orders anonymised (kept {months} months)")
