"""Flush, then rebuild the daily roll-ups (hourly, or at least every night).

Without ``--day`` it rebuilds today, yesterday and any day whose raw events have
no roll-up yet; ``--day`` rebuilds one day again. Rebuilding a day replaces its rows.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from insights.services import day_rollup, days_pending, events_flush


class Command(BaseCommand):
    help = "Sum the raw events (and the orders) of each pending day into daily rows."

    def add_arguments(self, parser):
        parser.add_argument("--day", help="a day to rebuild, YYYY-MM-DD")

    def handle(self, *args, day=None, **options):
        events_flush()
        try:
            days = [date.fromisoformat(day)] if day else days_pending()
        except ValueError as error:
            raise CommandError("--day takes a date written YYYY-MM-DD.") from error
        rows = 0
        for index, one in enumerate(days, start=1):
            rows += day_rollup(day=one)
            if index % 30 == 0:
                self.stdout.write(f"{index}/{len(days)} days…")
        self.stdout.write(f"{len(days)} days rolled up into {rows} rows.")
