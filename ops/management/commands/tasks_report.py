"""Background tasks at a glance: what ran, what waits, what gave up.

``--check`` exits 1 when a task gave up (its last retry failed) in the window, so
a monitoring cron or the smoke test can alert on it.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ops.selectors import task_counts, tasks_backlog, tasks_given_up


class Command(BaseCommand):
    help = "Report background tasks: counts per status, backlog, tasks that gave up."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24)
        parser.add_argument(
            "--check", action="store_true", help="Exit 1 if any task gave up."
        )

    def handle(self, *, hours, check, **options):
        since = timezone.now() - timedelta(hours=hours)
        self.stdout.write(f"Tasks enqueued in the last {hours} h:")
        for row in task_counts(since=since):
            self.stdout.write(
                f"  {row['task_path']:<60} {row['status']:<10} {row['count']:>6}"
            )
        backlog = tasks_backlog()
        self.stdout.write(
            "Backlog: {ready} ready (oldest {oldest_ready_seconds} s), "
            "{deferred} waiting to retry, {stuck_running} running for over "
            "15 min".format(**backlog)
        )
        given_up = tasks_given_up(since=since)
        self.stdout.write(f"Gave up: {len(given_up)}")
        for failure in given_up:
            self.stdout.write(
                f"  {failure.finished_at:%Y-%m-%d %H:%M} {failure.task_path} "
                f"after {failure.attempt} tries: {failure.error} "
                f"(result {failure.result_id})"
            )
        if check and given_up:
            raise CommandError(f"{len(given_up)} task(s) gave up.")
