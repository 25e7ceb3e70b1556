"""Engine answers kept for a short while, forgotten at any index update.

Paging back and forth, or a map pan that comes back to the same view, asks the
engine the same questions again. Answers are kept ``RESULT_SECONDS`` under a hash
of the queries and the index *generation*, a counter the indexer bumps after every
write (``search.indexing``): an update makes every kept answer unreachable at once,
with no need to know which queries it touched. Pages are still read from the
database, so an unpublished shop never shows even within those seconds.
"""

import hashlib
import json

from django.core.cache import cache

RESULT_SECONDS = 30
GENERATION_KEY = "search-results:generation"


def generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 0, timeout=None)


def generation_bump() -> None:
    """Every kept answer is now stale: called after each write to an index."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # evicted or never set
        cache.set(GENERATION_KEY, 1, timeout=None)


def answers_key(queries: list[dict]) -> str:
    digest = hashlib.sha256(
        json.dumps(queries, sort_keys=True, default=str).encode()
    ).hexdigest()
    return f"search-results:{generation()}:{digest}"


def answers_get(key: str) -> list[dict] | None:
    return cache.get(key)


def answers_keep(key: str, answers: list[dict]) -> None:
    cache.set(key, answers, RESULT_SECONDS)
