"""Background work on the index. Tasks receive ids, never objects, and can run twice."""

from ops.retry import retried_task
from search.indexing import pending_updates_apply


@retried_task()
def pending_updates_drain() -> None:
    pending_updates_apply()
