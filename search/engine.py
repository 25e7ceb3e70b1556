"""The connection to the search engine, and the names of its indices.

Everything in ``search/`` reaches Elasticsearch through :func:`client`, so the URL,
timeouts and index prefix are decided in one place. The connection is created on
first use rather than at import, because the test session starts its own engine
and sets the URL after settings are loaded.
"""

from django.conf import settings

from elasticsearch import Elasticsearch
from elasticsearch import exceptions as es_exceptions
from elasticsearch_dsl import connections

_connected_url: str | None = None


def client() -> Elasticsearch:
    """The shared client for ``settings.ELASTICSEARCH_URL`` (renewed if it changed)."""
    global _connected_url
    url = settings.ELASTICSEARCH_URL
    if url != _connected_url:
        connections.create_connection(
            alias="default",
            hosts=[url],
            request_timeout=settings.SEARCH_TIMEOUT_SECONDS,
            max_retries=1,
            retry_on_timeout=False,
        )
        _connected_url = url
    return connections.get_connection("default")


def writing_client() -> Elasticsearch:
    """The client with the patience writes need (bulk rebuilds are slow)."""
    return client().options(request_timeout=settings.SEARCH_INDEXING_TIMEOUT_SECONDS)


def index_name(noun: str) -> str:
    """The alias under which the ``noun`` index is read, e.g. ``vitrine-shops``."""
    return f"{settings.SEARCH_INDEX_PREFIX}-{noun}"


# The errors that mean "the engine did not answer usefully": callers turn them
# into a clear message or a retry, never a 500.
ENGINE_ERRORS = (
    es_exceptions.ConnectionError,
    es_exceptions.ConnectionTimeout,
    es_exceptions.TransportError,
    es_exceptions.ApiError,
)


def engine_is_up() -> bool:
    try:
        return bool(client().options(request_timeout=2).ping())
    except ENGINE_ERRORS:
        return False
