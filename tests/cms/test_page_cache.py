"""Public pages are served from a short cache that never shows stale content."""

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext

import pytest
import time_machine

from tests.factories.pages import ShopPageFactory

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    reset_queries()
    with CaptureQueriesContext(connection):
        client.get(url)
        return len(connection.queries_log)


def test_a_second_visit_is_served_from_the_cache(client):
    shop = ShopPageFactory()
    first = _queries(client, shop.url)
    assert _queries(client, shop.url) < first / 2


def test_publishing_changes_the_page_at_once(client):
    shop = ShopPageFactory(pitch="Ancien slogan")
    assert "Ancien slogan" in client.get(shop.url).content.decode()
    shop.pitch = "Nouveau slogan"
    shop.save_revision().publish()
    assert "Nouveau slogan" in client.get(shop.url).content.decode()


def test_the_open_status_is_not_kept_past_the_next_change(client):
    shop = ShopPageFactory(opening_hours="Tu 09:00-12:00")
    with time_machine.travel("2026-11-24 11:59 +01:00", tick=False):
        assert "status--open" in client.get(shop.url).content.decode()
    with time_machine.travel("2026-11-24 12:01 +01:00", tick=False):
        assert "status--closed" in client.get(shop.url).content.decode()


def test_signed_in_editors_always_get_a_fresh_page(client, admin_user):
    shop = ShopPageFactory()
    client.get(shop.url)
    client.force_login(admin_user)
    assert _queries(client, shop.url) > 10


def test_public_pages_carry_no_csrf_token_and_forms_still_work(client):
    shop = ShopPageFactory()
    html = client.get(shop.url).content.decode()
    assert "csrfmiddlewaretoken" not in html
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/i18n/setlang/", {"language": "nl", "next": shop.url})
    assert response.status_code == 302
