from django.core.management.base import BaseCommand

from shops.verification.freshness import stale_hours_remind


class Command(BaseCommand):
    help = "Email merchants whose hours were not confirmed for 90 days (run it daily)."

    def handle(self, *args, **options):
        summary = stale_hours_remind()
        self.stdout.write(
            f"Stale hours: {summary.reminded} reminded, "
            f"{summary.skipped_without_email} without an email address"
        )
