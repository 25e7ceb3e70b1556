"""Run one periodic job by name, unless it is already running somewhere.

The scheduler calls it for each due job, and so does the generated cron file:
with its lock, two machines carrying the same crontab still run a job once.
"""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from ops.jobs import JOBS, job_get
from ops.locks import singleton_lock


class Command(BaseCommand):
    help = "Run one periodic job (ops.jobs) under its lock."

    def add_arguments(self, parser):
        parser.add_argument("name", choices=[job.name for job in JOBS])

    def handle(self, *, name, **options):
        job = job_get(name)
        with singleton_lock(f"job:{name}") as held:
            if not held:
                self.stdout.write(f"{name}: already running elsewhere, skipped.")
                return
            started = time.monotonic()
            try:
                call_command(*job.command, stdout=self.stdout, stderr=self.stderr)
            except Exception as error:
                raise CommandError(f"{name} failed: {error}") from error
            self.stdout.write(f"{name}: done in {time.monotonic() - started:.1f} s.")
