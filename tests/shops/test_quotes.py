"""Residents ask craftworkers for a quote; the craftworker is emailed and sees it."""

import io
import zipfile

from django.core import mail
from django.core.cache import cache

import pytest

from shops.models import Category, QuoteRequest
from shops.verification.services import shop_verify
from tests.factories.people import commune_staff, merchant_with_shop

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def cobbler():
    merchant, shop = merchant_with_shop(
        name="Cordonnerie Desmet", email="cordonnier@example.org"
    )
    shop.category = Category.objects.get(osm_key="craft", osm_value="shoemaker")
    shop.save_revision(user=merchant)
    shop_verify(shop=shop, by=commune_staff())
    shop.refresh_from_db()
    return merchant, shop


def _request(**overrides):
    return {
        "name": "Maryse",
        "email": "maryse@example.org",
        "message": "Ressemelage de bottes en cuir, pointure 39.",
        "website": "",
        **overrides,
    }


def test_a_craftworker_page_offers_the_quote_form(client, cobbler):
    _merchant, shop = cobbler
    html = client.get(shop.url).content.decode()
    assert f'action="/merchants/quote/{shop.pk}/"' in html


def test_a_quote_request_is_stored_and_emailed_to_the_craftworker(
    client, cobbler, django_capture_on_commit_callbacks
):
    merchant, shop = cobbler
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/merchants/quote/{shop.pk}/", _request())
    assert response.status_code == 302
    quote = QuoteRequest.objects.get(shop=shop)
    assert quote.email == "maryse@example.org"
    assert mail.outbox[-1].to == [merchant.email]
    assert "Ressemelage" in mail.outbox[-1].body


def test_the_craftworker_sees_their_requests_and_another_merchant_does_not(
    client, cobbler
):
    merchant, shop = cobbler
    QuoteRequest.objects.create(
        shop=shop, name="Maryse", email="m@example.org", message="Bottes"
    )
    client.force_login(merchant)
    assert "Bottes" in client.get("/admin/shops/quote-requests/").content.decode()
    other, _ = merchant_with_shop(name="Autre", email="autre@example.org")
    client.force_login(other)
    assert "Bottes" not in client.get("/admin/shops/quote-requests/").content.decode()


def test_an_invalid_request_shows_the_errors_and_keeps_what_was_typed(client, cobbler):
    _merchant, shop = cobbler
    response = client.post(
        f"/merchants/quote/{shop.pk}/", _request(email="pas-un-email")
    )
    assert response.status_code == 400
    assert "Ressemelage de bottes" in response.content.decode()
    assert not QuoteRequest.objects.exists()


def test_spam_is_refused_by_the_honeypot_and_the_rate_limit(client, cobbler):
    _merchant, shop = cobbler
    client.post(f"/merchants/quote/{shop.pk}/", _request(website="http://spam.example"))
    assert not QuoteRequest.objects.exists()
    for _ in range(4):  # the spam above counts too: five posts an hour per address
        client.post(f"/merchants/quote/{shop.pk}/", _request())
    assert client.post(f"/merchants/quote/{shop.pk}/", _request()).status_code == 429
    assert QuoteRequest.objects.count() == 4


def test_shops_that_are_not_craftworkers_take_no_quote_requests(client):
    _merchant, shop = merchant_with_shop()
    shop_verify(shop=shop, by=commune_staff())
    assert client.post(f"/merchants/quote/{shop.pk}/", _request()).status_code == 404


def test_quote_requests_are_for_the_craftworker_alone(client, cobbler, admin_user):
    """Staff edit the shop; what a resident wrote to the craftworker stays theirs."""

    merchant, shop = cobbler
    QuoteRequest.objects.create(
        shop=shop, name="Maryse", email="m@example.org", message="Bottes à ressemeler"
    )
    for reader in (commune_staff(username="agent.lille.2"), admin_user):
        client.force_login(reader)
        listing = client.get("/admin/shops/quote-requests/").content.decode()
        assert "Bottes à ressemeler" not in listing and "m@example.org" not in listing
        bundle = zipfile.ZipFile(
            io.BytesIO(client.get("/admin/shops/my-data.zip").content)
        )
        assert "Maryse" not in bundle.read("quote_requests.csv").decode()
        quote = QuoteRequest.objects.get()
        client.post("/admin/shops/quote-requests/", {"handled": quote.pk})
        assert not QuoteRequest.objects.get().handled
    client.force_login(merchant)
    assert "Maryse" in _exported_quotes(client)


def _exported_quotes(client) -> str:
    bundle = io.BytesIO(client.get("/admin/shops/my-data.zip").content)
    return zipfile.ZipFile(bundle).read("quote_requests.csv").decode()
