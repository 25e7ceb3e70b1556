"""The one scheduler: runs each periodic job (ops.jobs) when its schedule says.

Only one scheduler runs: a second one waits for the lock and takes over when the
first stops (a standby). Each job runs as ``manage.py run_job NAME`` in its own
process, so a slow rebuild delays nothing else and a crash ends only that job; a
job still running when it is due again is skipped (its lock), never doubled. Runs
missed while no scheduler was up are not caught up: every job is incremental and
its next run does the work.
"""

import signal
import subprocess
import sys
import time
from datetime import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from ops.jobs import JOBS
from ops.locks import lock_still_held, singleton_lock

LOCK = "scheduler"


class Command(BaseCommand):
    help = "Run the periodic jobs on their schedules (one scheduler at a time)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--poll", type=float, default=5.0, help="Seconds between lock attempts."
        )

    def handle(self, *, poll, **options):
        self.running = True
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        while self.running:
            with singleton_lock(LOCK) as held:
                if held:
                    self.stdout.write("Scheduler: lock taken, running the jobs.")
                    self._loop()
                    return
            time.sleep(poll)

    def _stop(self, signum, frame):
        self.running = False

    def _loop(self) -> None:
        children: dict[str, subprocess.Popen] = {}
        now = timezone.now()
        due = {job.name: job.next_run(now) for job in JOBS}
        for job in JOBS:
            next_run = due[job.name]
            self.stdout.write(f"  {job.name:<24} {job.schedule:<14} next {next_run}")
        while self.running:
            now = timezone.now()
            for job in JOBS:
                if due[job.name] > now:
                    continue
                due[job.name] = job.next_run(now)
                child = children.get(job.name)
                if child is not None and child.poll() is None:
                    self.stdout.write(f"{job.name}: still running, this run skipped.")
                    continue
                self.stdout.write(f"{_stamp()} {job.name}: starting.")
                children[job.name] = subprocess.Popen(
                    [sys.executable, str(settings.BASE_DIR / "manage.py")]
                    + ["run_job", job.name],
                )
            for name, child in list(children.items()):
                if child.poll() is not None:
                    self.stdout.write(f"{_stamp()} {name}: exit {child.returncode}.")
                    del children[name]
            if not lock_still_held(LOCK):
                self.stderr.write("Scheduler: lost its lock, stopping.")
                sys.exit(1)
            time.sleep(1)
        for child in children.values():
            child.wait()


def _stamp() -> str:
    return datetime.now().strftime("%H:%M:%S")
