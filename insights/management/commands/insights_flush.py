"""Move the counts waiting in the cache into raw events (every five minutes)."""

from django.core.management.base import BaseCommand

from insights.services import events_flush


class Command(BaseCommand):
    help = "Write the counted hits waiting in the cache as raw events."

    def handle(self, *args, **options):
        summary = events_flush()
        self.stdout.write(f"{summary.events} events flushed into {summary.rows} rows.")
