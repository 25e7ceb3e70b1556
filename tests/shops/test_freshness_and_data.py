"""Hours stay fresh, and merchants can take all their data with them."""

import io
import json
import zipfile
from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from shops.models import Offer, QuoteRequest, ShopPage
from shops.verification.freshness import stale_hours_remind
from shops.verification.services import shop_verify
from tests.factories.people import commune_staff, merchant_with_shop

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_shop():
    merchant, shop = merchant_with_shop()
    shop_verify(shop=shop, by=commune_staff())
    return merchant, ShopPage.objects.get(pk=shop.pk)


def test_merchants_with_hours_unconfirmed_for_90_days_are_reminded_once(live_shop):
    merchant, shop = live_shop
    ShopPage.objects.filter(pk=shop.pk).update(
        hours_confirmed_at=timezone.now() - timedelta(days=91)
    )
    mail.outbox.clear()
    assert stale_hours_remind().reminded == 1
    assert mail.outbox[0].to == [merchant.email]
    assert f"/admin/pages/{shop.pk}/edit/" in mail.outbox[0].body
    assert stale_hours_remind().reminded == 0  # a second run the same day sends nothing
    later = timezone.now() + timedelta(days=31)
    assert stale_hours_remind(now=later).reminded == 1


def test_fresh_hours_and_drafts_get_no_reminder(live_shop, capsys):
    _merchant, shop = live_shop
    ShopPage.objects.filter(pk=shop.pk).update(hours_confirmed_at=timezone.now())
    merchant_with_shop(
        name="Brouillon", email="draft@example.org"
    )  # never confirmed, not live
    call_command("remind_stale_hours")
    assert "0 reminded" in capsys.readouterr().out


def test_a_merchant_downloads_all_their_data_and_nothing_of_others(client, live_shop):
    merchant, shop = live_shop
    Offer.objects.create(
        shop=shop,
        title="Galette",
        text="-10 %",
        valid_from="2026-01-01",
        valid_until="2026-01-31",
    )
    QuoteRequest.objects.create(
        shop=shop, name="Maryse", email="m@example.org", message="Pain"
    )
    merchant_with_shop(name="Boutique de B", email="b@example.org")
    client.force_login(merchant)
    response = client.get("/admin/shops/my-data.zip")
    assert response["Content-Type"] == "application/zip"
    bundle = zipfile.ZipFile(io.BytesIO(response.content))
    assert set(bundle.namelist()) == {
        "vitrine-data.json",
        "shops.csv",
        "products.csv",
        "offers.csv",
        "closures.csv",
        "quote_requests.csv",
    }
    data = json.loads(bundle.read("vitrine-data.json"))
    assert [entry["title"] for entry in data["shops"]] == [shop.title]
    assert data["shops"][0]["offers"][0]["title"] == "Galette"
    assert "Maryse" in bundle.read("quote_requests.csv").decode()
    assert "Boutique de B" not in bundle.read("shops.csv").decode()
