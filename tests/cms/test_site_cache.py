"""The request's Wagtail site comes from the cache, and follows every site change."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

import pytest

from tests.factories.pages import commune_page

pytestmark = pytest.mark.django_db

OTHER_HOST = "127.0.0.1"


def _site_queries(client, url: str, **extra) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200
    asked = sum("wagtailcore_site" in query["sql"] for query in queries)
    return asked, response.content.decode()


def test_the_site_is_looked_up_once_then_read_from_the_cache(client):
    # A query string: past the page cache, so the page is served each time.
    first, _ = _site_queries(client, "/communes/lille/?uncached")
    again, page = _site_queries(client, "/communes/lille/?uncached")
    assert first >= 1 and again == 0
    assert "Lille" in page


def test_a_new_site_answers_its_host_at_once(client):
    # Until a site names it, this host is served by the default site (the home).
    _asked, before = _site_queries(client, "/?uncached", HTTP_HOST=OTHER_HOST)
    assert "<h1" in before and "Roubaix" not in before.split("<h1", 1)[1][:200]
    Site.objects.create(
        hostname=OTHER_HOST, port=80, root_page=commune_page("59512"), site_name="R"
    )
    asked, after = _site_queries(client, "/?uncached", HTTP_HOST=OTHER_HOST)
    assert asked >= 1
    assert "Roubaix" in after.split("<h1", 1)[1][:200]


def test_a_deleted_site_no_longer_answers(client):
    site = Site.objects.create(
        hostname=OTHER_HOST, port=80, root_page=commune_page("59512"), site_name="R"
    )
    _asked, served = _site_queries(client, "/?uncached", HTTP_HOST=OTHER_HOST)
    assert "Roubaix" in served.split("<h1", 1)[1][:200]
    site.delete()
    _asked, served = _site_queries(client, "/?uncached", HTTP_HOST=OTHER_HOST)
    assert "Roubaix" not in served.split("<h1", 1)[1][:200]


def test_a_host_that_is_not_allowed_gets_a_400_not_an_error(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400


def test_a_site_edited_in_the_admin_serves_its_new_root_at_once(admin_client):
    site = Site.objects.get(is_default_site=True)
    _asked, before = _site_queries(admin_client, "/?uncached")
    assert "Roubaix" not in before.split("<h1", 1)[1][:200]
    response = admin_client.post(
        f"/admin/sites/edit/{site.pk}/",
        {
            "hostname": site.hostname,
            "port": site.port,
            "site_name": site.site_name,
            "root_page": commune_page("59512").pk,
            "is_default_site": "on",
        },
    )
    assert response.status_code == 302
    _asked, after = _site_queries(admin_client, "/?uncached")
    assert "Roubaix" in after.split("<h1", 1)[1][:200]
