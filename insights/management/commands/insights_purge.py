"""Delete raw events older than 25 months (daily); the daily roll-ups stay."""

from django.core.management.base import BaseCommand

from insights.services import raw_events_purge


class Command(BaseCommand):
    help = "Delete raw measurement events older than 25 months."

    def handle(self, *args, **options):
        deleted = raw_events_purge()
        self.stdout.write(f"{deleted} raw events older than 25 months deleted.")
