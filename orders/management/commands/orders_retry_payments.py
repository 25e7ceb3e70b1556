"""Retry the transfers to shops and the refunds that Stripe did not take (hourly)."""

from django.core.management.base import BaseCommand

from orders.services import payments_catch_up


class Command(BaseCommand):
    help = "Retry pending Stripe transfers and refunds (safe to run any time)."

    def handle(self, *args, **options):
        transfers, refunds = payments_catch_up()
        self.stdout.write(f"{transfers} transfer(s) and {refunds} refund(s) made.")
