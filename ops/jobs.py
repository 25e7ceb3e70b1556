"""The periodic jobs, declared once: the scheduler, the cron file and the README
read this list.

Schedules are cron expressions in Europe/Paris time (the merchants' and residents'
clock: a morning summary at 07:00 stays at 07:00 across daylight saving). Every
command is safe to run twice and takes its own lock (``manage.py run_job``), so an
overlapping or doubled run does nothing.
"""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from croniter import croniter

TIME_ZONE = ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class Job:
    name: str
    schedule: str
    command: tuple[str, ...]
    why: str

    def next_run(self, after: datetime) -> datetime:
        return croniter(self.schedule, after.astimezone(TIME_ZONE)).get_next(datetime)


JOBS: tuple[Job, ...] = (
    Job(
        "search-rebuild",
        "30 3 * * *",
        ("search_index", "--rebuild"),
        "fresh indices swapped in by alias; 'open at' reads slots for 8 days ahead",
    ),
    Job(
        "search-repair",
        "15 4 * * *",
        ("search_index", "--repair"),
        "documents a change wrote to the old index while the rebuild ran",
    ),
    Job(
        "search-drain",
        "*/2 * * * *",
        ("search_index", "--drain"),
        "index updates that waited while the engine was down",
    ),
    Job(
        "orders-release-expired",
        "*/5 * * * *",
        ("orders_release_expired",),
        "stock held for online payments never completed goes back",
    ),
    Job(
        "orders-retry-payments",
        "17 * * * *",
        ("orders_retry_payments",),
        "transfers and refunds Stripe did not take the first time",
    ),
    Job(
        "orders-morning-summary",
        "0 7 * * *",
        ("orders_morning_summary",),
        "each merchant's list of the day's pickups",
    ),
    Job(
        "remind-stale-hours",
        "0 10 * * *",
        ("remind_stale_hours",),
        "merchants whose hours were not confirmed for 90 days (once a month)",
    ),
    Job(
        "opendata-export",
        "45 4 * * *",
        ("opendata_export",),
        "the open-data files, rewritten after the night's changes",
    ),
    Job(
        "tasks-prune",
        "15 5 * * 0",
        ("prune_db_task_results", "--min-age-days", "30"),
        "successful and failed task results older than a month",
    ),
)


def job_get(name: str) -> Job:
    for job in JOBS:
        if job.name == name:
            return job
    raise KeyError(name)
