"""Background tasks that try again, later and later, when they fail.

django-tasks records a failure but never retries. ``retried_task`` wraps a task
function: when it raises, the same call is enqueued again with ``run_after`` set
``backoff_seconds * 2**(attempt - 1)`` ahead, until ``attempts`` tries have failed.
Each failed try stays in the results table (the admin list and
``manage.py tasks_report`` show them); the last one is the task giving up.

Backends that cannot defer (the immediate one, in development and tests) run
each call once: the failure is logged and recorded, nothing is retried.
"""

import functools
import logging
from datetime import timedelta

from django.utils import timezone

from django_tasks import task

logger = logging.getLogger(__name__)

ATTEMPT_KWARG = "_attempt"
DEFAULT_ATTEMPTS = 6
DEFAULT_BACKOFF_SECONDS = 30


def retry_delay(attempt: int, backoff_seconds: int) -> timedelta:
    """30 s, 1 min, 2 min, 4 min, 8 min with the defaults: about 15 min in all."""
    return timedelta(seconds=backoff_seconds * 2 ** (attempt - 1))


def retried_task(
    *,
    attempts: int = DEFAULT_ATTEMPTS,
    backoff_seconds: int = DEFAULT_BACKOFF_SECONDS,
    **task_options,
):
    """Like ``django_tasks.task()``, with retries; the function must be idempotent."""

    def decorate(func):
        @functools.wraps(func)
        def run(*args, **kwargs):
            attempt = kwargs.pop(ATTEMPT_KWARG, 1)
            try:
                return func(*args, **kwargs)
            except Exception:
                if attempt < attempts and the_task.get_backend().supports_defer:
                    delay = retry_delay(attempt, backoff_seconds)
                    the_task.using(run_after=timezone.now() + delay).enqueue(
                        *args, **kwargs, **{ATTEMPT_KWARG: attempt + 1}
                    )
                    logger.warning(
                        "Task %s failed (try %d of %d), retrying in %s",
                        func.__qualname__,
                        attempt,
                        attempts,
                        delay,
                    )
                else:
                    logger.error(
                        "Task %s failed %d times: giving up",
                        func.__qualname__,
                        attempt,
                    )
                raise

        run.max_attempts = attempts
        the_task = task(**task_options)(run)
        return the_task

    return decorate
