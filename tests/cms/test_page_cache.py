"""Public pages come from a cache in front of routing, and never show stale content."""

from datetime import date

from django.test import Client

import pytest
import time_machine

from shops.models import ShopClosure, ShopPage
from shops.verification.services import shop_hours_confirm, shop_verify
from tests.factories.pages import ShopPageFactory, commune_page
from tests.factories.people import commune_staff, merchant_with_shop

pytestmark = pytest.mark.django_db


def _cached(client, url: str) -> bool:
    return client.get(url).headers.get("X-Page-Cache") == "hit"


@pytest.fixture
def shop():
    return ShopPageFactory(pitch="Ancien slogan", opening_hours="Mo-Su 00:00-24:00")


def test_a_second_visit_is_answered_before_routing_with_no_query(
    client, shop, django_assert_num_queries
):
    url = shop.url
    assert client.get(url).headers.get("X-Page-Cache") is None
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"
    assert "Ancien slogan" in response.content.decode()
    assert response["Content-Security-Policy"] and response["Content-Language"] == "fr"


@pytest.mark.parametrize("url", ["/", "/communes/", "/communes/lille/", "/parcours/"])
def test_home_commune_and_index_pages_are_cached_too(client, url):
    assert client.get(url).status_code == 200
    assert _cached(client, url)


def test_each_language_has_its_own_copy(client, shop):
    url = shop.url
    client.get(url)
    dutch = client.get(url, headers={"accept-language": "nl"})
    assert dutch.headers.get("X-Page-Cache") is None
    assert '<html lang="nl">' in dutch.content.decode()
    assert '<html lang="fr">' in client.get(url).content.decode()


def test_publishing_changes_the_page_and_its_commune_page_at_once(client, shop):
    url, commune_url = shop.url, commune_page().url
    client.get(url), client.get(commune_url), client.get("/")
    shop.title = "Nouveau nom de boutique"
    shop.save_revision().publish()
    assert "Nouveau nom de boutique" in client.get(url).content.decode()
    assert "Nouveau nom de boutique" in client.get(commune_url).content.decode()


def test_an_unpublished_page_is_gone_at_once(client, shop):
    url = shop.url
    client.get(url)
    shop.unpublish()
    assert client.get(url).status_code == 404


def test_a_deleted_page_is_gone_at_once(client, shop):
    url = shop.url
    client.get(url)
    ShopPage.objects.get(pk=shop.pk).delete()
    assert client.get(url).status_code == 404


def test_a_moved_page_leaves_its_old_address_at_once(client, shop):
    url = shop.url
    client.get(url)
    shop.move(commune_page("59512"), pos="last-child")
    new_url = ShopPage.objects.get(pk=shop.pk).url
    old = client.get(url)
    assert old.status_code == 301 and old["Location"] == new_url
    assert client.get(new_url).status_code == 200


def test_an_exceptional_closure_shows_at_once(client, shop):
    url = shop.url
    client.get(url)
    shop.closures.add(
        ShopClosure(
            start_date=date.today(), end_date=date.today(), reason="Inventaire annuel"
        )
    )
    shop.save_revision().publish()
    assert "Inventaire annuel" in client.get(url).content.decode()


def test_a_verification_shows_at_once(client):
    _, draft = merchant_with_shop()
    commune_url = commune_page().url
    assert "Fournil Test" not in client.get(commune_url).content.decode()
    shop_verify(shop=draft, by=commune_staff())
    assert "Fournil Test" in client.get(commune_url).content.decode()
    assert client.get(ShopPage.objects.get(pk=draft.pk).url).status_code == 200


def test_confirming_the_hours_shows_at_once(client, django_capture_on_commit_callbacks):
    merchant, draft = merchant_with_shop()
    shop_verify(shop=draft, by=commune_staff())
    shop = ShopPage.objects.get(pk=draft.pk)
    url = shop.url
    before = client.get(url).content.decode()
    with time_machine.travel("2030-06-15 10:00 +02:00", tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            shop_hours_confirm(shop=shop, by=merchant)
        after = client.get(url)
    assert after.headers.get("X-Page-Cache") is None
    assert "2030" in after.content.decode() and "2030" not in before


def test_the_open_status_is_not_kept_past_the_next_change(client):
    shop = ShopPageFactory(opening_hours="Tu 09:00-12:00")
    url = shop.url
    with time_machine.travel("2026-11-24 11:59 +01:00", tick=False):
        assert "status--open" in client.get(url).content.decode()
    with time_machine.travel("2026-11-24 12:01 +01:00", tick=False):
        assert "status--closed" in client.get(url).content.decode()


def test_signed_in_people_get_a_fresh_page(client, admin_user, shop):
    url = shop.url
    client.get(url)
    client.force_login(admin_user)
    assert not _cached(client, url)


def test_visitors_with_a_session_or_a_message_get_a_fresh_page(client, shop):
    url = shop.url
    client.get(url)
    client.cookies["sessionid"] = "a-basket-session"
    assert not _cached(client, url)
    other = Client()
    other.cookies["messages"] = "a-flash-message"
    assert not _cached(other, url)


def test_query_strings_and_posts_are_never_answered_from_the_cache(client, shop):
    url = shop.url
    client.get(url)
    assert not _cached(client, url + "?utm_source=flyer")
    assert client.post(url).headers.get("X-Page-Cache") is None


def test_public_pages_carry_no_csrf_token_and_forms_still_work(client, shop):
    html = client.get(shop.url).content.decode()
    assert "csrfmiddlewaretoken" not in html
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/i18n/setlang/", {"language": "nl", "next": shop.url})
    assert response.status_code == 302
