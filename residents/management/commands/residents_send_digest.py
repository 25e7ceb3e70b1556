"""Send this week's digest (run weekly, e.g. Monday 07:00; safe to run twice)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from residents.alerts import digest_send, week_start


class Command(BaseCommand):
    help = "Build and send the weekly digest to residents who want one; never twice."

    def add_arguments(self, parser):
        parser.add_argument("--week", help="any day of the week (YYYY-MM-DD)")

    def handle(self, *args, week=None, **options):
        try:
            day = date.fromisoformat(week) if week else timezone.localdate()
        except ValueError:
            raise CommandError("--week takes a date: YYYY-MM-DD") from None

        def progress(done, total):
            self.stdout.write(f"{done}/{total} digests handed to the mail server")

        sent = digest_send(week=day, progress=progress)
        self.stdout.write(f"week of {week_start(day)}: {sent} digests sent")
