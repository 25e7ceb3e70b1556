"""Background work on the index. Tasks receive ids, never objects, and can run twice."""

from django_tasks import task

from search.indexing import pending_updates_apply


@task()
def pending_updates_drain() -> None:
    pending_updates_apply()
