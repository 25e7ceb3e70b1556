"""Reads about background tasks for the operator (``manage.py tasks_report``)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Min
from django.utils import timezone

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ops.retry import ATTEMPT_KWARG

STUCK_AFTER = timedelta(minutes=15)


@dataclass(frozen=True)
class GivenUp:
    result_id: str
    task_path: str
    attempt: int
    finished_at: datetime | None
    error: str


def task_counts(*, since: datetime) -> list[dict]:
    """Per task and status, the results enqueued since ``since``."""
    return list(
        DBTaskResult.objects.filter(enqueued_at__gte=since)
        .values("task_path", "status")
        .annotate(count=Count("id"))
        .order_by("task_path", "status")
    )


def _attempts_allowed(result: DBTaskResult) -> int:
    try:
        return getattr(result.task.func, "max_attempts", 1)
    except Exception:  # the task's module or name no longer exists: no retry
        return 1


def tasks_given_up(*, since: datetime) -> list[GivenUp]:
    """Failures that will not be tried again: the last allowed try failed."""
    given_up = []
    failed = DBTaskResult.objects.filter(
        status=TaskResultStatus.FAILED, enqueued_at__gte=since
    ).order_by("-finished_at")
    for result in failed:
        attempt = result.args_kwargs.get("kwargs", {}).get(ATTEMPT_KWARG, 1)
        if attempt >= _attempts_allowed(result):
            last_line = (result.traceback.strip().splitlines() or [""])[-1]
            given_up.append(
                GivenUp(
                    result_id=str(result.id),
                    task_path=result.task_path,
                    attempt=attempt,
                    finished_at=result.finished_at,
                    error=last_line[:200],
                )
            )
    return given_up


def tasks_backlog() -> dict:
    """What waits: ready now, deferred (retries), running for too long."""
    now = timezone.now()
    ready = DBTaskResult.objects.ready()
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    oldest = ready.aggregate(at=Min("enqueued_at"))["at"]
    return {
        "ready": ready.count(),
        "deferred": waiting.count() - ready.count(),
        "oldest_ready_seconds": int((now - oldest).total_seconds()) if oldest else 0,
        "stuck_running": DBTaskResult.objects.filter(
            status=TaskResultStatus.RUNNING, started_at__lt=now - STUCK_AFTER
        ).count(),
    }
