"""Three months of demo figures for the insights dashboards (never in production)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from insights.demo import demo_insights_load


class Command(BaseCommand):
    help = "Load 90 days of invented insights figures for the demo shops."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo figures are for development only (DEBUG is off).")
        rows = demo_insights_load()
        if rows:
            self.stdout.write(f"{rows} demo insights rows loaded.")
        else:
            self.stdout.write("Demo insights already loaded: nothing to do.")
