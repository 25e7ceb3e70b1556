"""Background work on the index. Tasks receive ids, never objects, and can run twice."""

import logging

from django_tasks import task

from search.engine import ENGINE_ERRORS
from search.indexing import shop_sync

logger = logging.getLogger(__name__)


@task()
def shop_reindex(page_id: int) -> None:
    try:
        shop_sync(page_id)
    except ENGINE_ERRORS:
        # The page is saved whatever happens to the index; `manage.py search_rebuild`
        # brings the index back in line once the engine answers again.
        logger.exception("could not update shop %s in the search index", page_id)
