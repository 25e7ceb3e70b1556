"""schemathesis against the published OpenAPI schema: every operation of the API is
called with generated parameters through the real WSGI application and database.
No answer may be a 500, and every answer must match the schema (status code,
content type, headers, body)."""

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    allow_header_conformance,
    content_type_conformance,
    missing_required_header,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from tests.factories.pages import PlaceFactory, ShopPageFactory

# Every check that applies to single calls (the stateful ones need links between
# operations, which a read-only API has none of), except "positive data
# acceptance": an opaque cursor the client made up, or a string with a NUL byte
# (which PostgreSQL cannot store), is schema-valid yet rightly refused.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
    missing_required_header,
    unsupported_method,
    allow_header_conformance,
]


# Loaded once through the WSGI application (the schema view reads no database);
# pytest 9 no longer has what schemathesis.pytest.from_fixture needs.
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/schema/?format=json", get_wsgi_application()
)


@pytest.fixture
def published_data(db, settings):
    settings.API_ANONYMOUS_RATE = "100000/m"
    # As Django's test client does: the test's transaction must outlive each
    # request (Django closes the connection at the end of a real one).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    ShopPageFactory(
        title="Fournil des essais",
        products=[{"name": "Baguette", "price_cents": 120}],
    )
    ShopPageFactory(
        title="Cave de Roubaix", insee_code="59512", latitude=50.6909, longitude=3.1817
    )
    PlaceFactory()
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_answers_match_the_schema_and_never_fail(case, published_data):
    case.call_and_validate(checks=CHECKS)


def test_the_schema_describes_our_api_only(client):
    paths = client.get("/api/v1/schema/?format=json").json()["paths"]
    assert "/api/v1/shops/" in paths and "/api/v1/communes/{insee_code}/" in paths
    assert not [path for path in paths if not path.startswith("/api/v1/")]
    assert not [path for path in paths if "admin" in path or "pages" in path]
