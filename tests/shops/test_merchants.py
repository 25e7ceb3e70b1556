"""A shopkeeper signs up on the public site and confirms their address."""

from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.core.cache import cache
from django.http import HttpRequest

import pytest

from cms.models import Commune
from shops.models import Category, ShopPage
from tests.factories.people import PASSWORD, VALID_SIRETS, merchant_with_shop

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def _form(**overrides):
    data = {
        "business_name": "La Fromagerie du Coin",
        "siret": "732 829 320 00074",
        "commune": Commune.objects.get(insee_code="59512").pk,
        "category": Category.objects.get(osm_key="shop", osm_value="cheese").pk,
        "email": "Fromager@Example.org",
        "password": PASSWORD,
        "website": "",
    }
    return {**data, **overrides}


def _confirmation_link(message) -> str:
    return next(
        line for line in message.body.splitlines() if "/merchants/confirm/" in line
    )


def test_signing_up_creates_an_inactive_account_and_a_draft_shop(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/merchants/signup/", _form())
    assert response.status_code == 200
    assert "fromager@example.org" in response.content.decode().lower()
    user = User.objects.get(email="fromager@example.org")
    assert not user.is_active
    shop = ShopPage.objects.get(owner=user)
    assert (shop.title, shop.siret, shop.commune.name, shop.live) == (
        "La Fromagerie du Coin",
        "73282932000074",
        "Roubaix",
        False,
    )
    assert client.get(shop.url).status_code == 404  # a draft is not public
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["fromager@example.org"]


def test_the_emailed_link_activates_the_account_and_lets_the_merchant_sign_in(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/merchants/signup/", _form())
    link = _confirmation_link(mail.outbox[0])
    path = link[link.index("/merchants/") :]
    assert client.get(path).status_code == 302
    assert client.get(path).status_code == 302  # clicking twice is harmless
    assert User.objects.get(email="fromager@example.org").is_active
    assert client.login(
        request=HttpRequest(), username="fromager@example.org", password=PASSWORD
    )


def test_a_forged_or_stale_confirmation_link_is_refused(client):
    merchant, _shop = merchant_with_shop()
    forged = signing.dumps({"user": merchant.pk, "email": merchant.email}, salt="other")
    assert client.get(f"/merchants/confirm/{forged}/").status_code == 400
    assert client.get("/merchants/confirm/not-a-token/").status_code == 400


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("siret", "73282932000075", "check digit"),
        ("siret", "1234", "14 digits"),
        ("email", "not-an-email", "email"),
        ("password", "12345678", "password"),
        ("business_name", "", "required"),
    ],
)
def test_bad_input_is_refused_field_by_field_and_creates_nothing(
    client, field, value, message
):
    response = client.post(
        "/merchants/signup/", _form(**{field: value}), headers={"accept-language": "en"}
    )
    assert response.status_code == 200
    assert message in response.content.decode().lower()
    assert not User.objects.filter(email="fromager@example.org").exists()
    assert not ShopPage.objects.filter(title="La Fromagerie du Coin").exists()


def test_an_already_registered_address_gets_the_same_answer_and_no_second_account(
    client,
):
    merchant_with_shop(email="fromager@example.org")
    response = client.post(
        "/merchants/signup/", _form(business_name="Autre fromagerie")
    )
    assert response.status_code == 200
    assert "Consultez votre boîte de réception" in response.content.decode()
    assert User.objects.filter(email__iexact="fromager@example.org").count() == 1
    assert not ShopPage.objects.filter(title="Autre fromagerie").exists()


def test_a_filled_honeypot_is_refused(client):
    response = client.post("/merchants/signup/", _form(website="http://spam.example"))
    assert not User.objects.filter(email="fromager@example.org").exists()
    assert response.status_code == 200


def test_signing_up_is_rate_limited_per_address(client):
    for number in range(5):
        client.post(
            "/merchants/signup/",
            _form(email=f"m{number}@example.org", siret=VALID_SIRETS[number % 4]),
        )
    response = client.post("/merchants/signup/", _form(email="m9@example.org"))
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert not User.objects.filter(email="m9@example.org").exists()
