"""The periodic jobs: declared once, each a real command, run under a lock."""

import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from datetime import datetime
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command, get_commands
from django.db import connection

import pytest

from ops.jobs import JOBS, TIME_ZONE, job_get
from ops.locks import singleton_lock
from ops.management.commands.jobs_cron import crontab


def test_every_job_names_an_installed_command():
    commands = get_commands()
    assert len({job.name for job in JOBS}) == len(JOBS)
    for job in JOBS:
        assert job.command[0] in commands, job.name


def test_morning_summary_stays_at_seven_in_paris_across_daylight_saving():
    job = job_get("orders-morning-summary")
    before_switch = datetime(2026, 3, 28, 12, 0, tzinfo=TIME_ZONE)
    after = job.next_run(job.next_run(before_switch))
    assert (after.day, after.hour, after.utcoffset().seconds // 3600) == (30, 7, 2)


def test_the_shipped_cron_file_is_the_generated_one():
    shipped = Path(settings.BASE_DIR, "deploy", "vitrine.cron").read_text()
    manage = "/srv/vitrine/.venv/bin/python /srv/vitrine/manage.py"
    assert shipped == crontab(manage=manage)


@contextmanager
def held_elsewhere(name: str):
    """The lock taken by another thread: its own database connection, as another
    process or machine would have (PostgreSQL advisory locks are per session)."""
    taken, release = threading.Event(), threading.Event()

    def hold():
        with singleton_lock(name) as held:
            assert held
            taken.set()
            release.wait(10)
        connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    taken.wait(10)
    try:
        yield
    finally:
        release.set()
        holder.join()


@pytest.mark.django_db
def test_a_job_already_running_elsewhere_is_skipped():
    output = StringIO()
    with held_elsewhere("job:opendata-export"):
        with singleton_lock("job:opendata-export") as held:
            assert not held
        call_command("run_job", "opendata-export", stdout=output)
    assert "already running elsewhere" in output.getvalue()


@pytest.mark.django_db
def test_run_job_runs_the_declared_command():
    output = StringIO()
    call_command("run_job", "orders-release-expired", stdout=output)
    assert "orders-release-expired: done" in output.getvalue()


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the file lock; PostgreSQL's is tested above"
)
def test_a_second_scheduler_waits_as_a_standby_and_takes_over(settings, tmp_path):
    """Without PostgreSQL the lock is a file: hold it, and the scheduler waits."""
    settings.OPS_LOCK_DIR = tmp_path
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "OPS_LOCK_DIR": str(tmp_path),
        "PYTHONUNBUFFERED": "1",
    }
    log = tmp_path / "scheduler.log"
    with singleton_lock("scheduler") as held, open(log, "w") as output:
        assert held
        scheduler = subprocess.Popen(
            [sys.executable, "manage.py", "scheduler", "--poll", "0.2"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        time.sleep(3)
        assert "lock taken" not in log.read_text()
    try:
        deadline = time.monotonic() + 30
        while "lock taken" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "lock taken" in log.read_text()
        assert "orders-morning-summary" in log.read_text()
    finally:
        scheduler.terminate()
        assert scheduler.wait(timeout=30) == 0
