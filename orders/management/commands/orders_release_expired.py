"""Give back the stock of online orders that were never paid (run every few minutes)."""

from django.core.management.base import BaseCommand

from orders.services import reservations_release_expired


class Command(BaseCommand):
    help = "Cancel unpaid online orders whose payment window closed; release stock."

    def handle(self, *args, **options):
        count = reservations_release_expired()
        self.stdout.write(f"{count} unpaid shop order(s) cancelled, stock released.")
