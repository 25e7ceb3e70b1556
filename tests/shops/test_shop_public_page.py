"""What residents see on a shop page: trust, closures, offers, structured data."""

import json
import re
from datetime import date
from io import BytesIO

from django.core.files.images import ImageFile
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext

from wagtail.images.models import Image

import pytest
import time_machine
from PIL import Image as PillowImage

from shops.models import Offer, Product, ShopClosure, ShopPhoto
from tests.factories.pages import ShopPageFactory

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script>'


def _json_ld(html: str) -> dict:
    payload = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    )
    return json.loads(payload.group(1))


@time_machine.travel("2026-11-24 10:00 +01:00", tick=False)
def test_an_exceptional_closure_closes_the_shop_and_is_announced(client):
    shop = ShopPageFactory()
    ShopClosure.objects.create(
        shop=shop,
        start_date=date(2026, 11, 23),
        end_date=date(2026, 11, 28),
        reason="Congés",
    )
    html = client.get(shop.url).content.decode()
    assert "status--closed" in html
    assert "Congés" in html
    assert (
        _json_ld(html)["specialOpeningHoursSpecification"][0]["validFrom"]
        == "2026-11-23"
    )


@time_machine.travel("2026-11-24 10:00 +01:00", tick=False)
def test_current_offers_show_and_expired_ones_do_not(client):
    shop = ShopPageFactory()
    Offer.objects.create(
        shop=shop,
        title="Galette des rois",
        text="-10 %",
        valid_from=date(2026, 11, 20),
        valid_until=date(2026, 11, 30),
    )
    Offer.objects.create(
        shop=shop,
        title="Soldes d'été",
        text="-30 %",
        valid_from=date(2026, 7, 1),
        valid_until=date(2026, 7, 31),
    )
    html = client.get(shop.url).content.decode()
    assert (
        "Galette des rois" in html
        and "Soldes d&#x27;été" not in html
        and "Soldes d'été" not in html
    )


def test_the_page_carries_local_business_structured_data_and_open_graph(client):
    shop = ShopPageFactory(title="Le Fournil", phone="03 53 01 00 00")
    html = client.get(shop.url).content.decode()
    data = _json_ld(html)
    assert data["@type"] == "LocalBusiness" and data["name"] == "Le Fournil"
    assert data["address"]["addressLocality"] == "Lille"
    assert any(
        spec["dayOfWeek"].endswith("Tuesday")
        for spec in data["openingHoursSpecification"]
    )
    assert '<meta property="og:title" content="Le Fournil">' in html
    assert '<svg class="place-map"' in html


def test_merchant_text_is_escaped_everywhere_it_appears(client):
    shop = ShopPageFactory(title=f"Boutique {XSS}", pitch=XSS)
    Offer.objects.create(
        shop=shop,
        title=XSS,
        text=XSS,
        valid_from=date(2020, 1, 1),
        valid_until=date(2099, 1, 1),
    )
    Product.objects.create(shop=shop, name=XSS, price_cents=100)
    html = client.get(shop.url).content.decode()
    assert XSS not in html
    assert "<\\/script>" not in html or "\\u003cscript" in html


def _queries_for(client, url: str) -> int:
    """Queries of a render: a query string keeps the page cache out of the way."""
    url += "?uncached"
    client.get(url)  # first request fills per-process caches (site root, types)
    # Django empties the query log when a request starts: start from empty too.
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_products(client):
    shop = ShopPageFactory()
    for number in range(3):
        Product.objects.create(
            shop=shop, name=f"Produit {number}", price_cents=100, sort_order=number
        )
    few = _queries_for(client, shop.url)
    for number in range(3, 12):
        Product.objects.create(
            shop=shop, name=f"Produit {number}", price_cents=100, sort_order=number
        )
    many = _queries_for(client, shop.url)
    assert few > 5 and many == few


def test_the_number_of_queries_does_not_grow_with_the_photos(client):
    shop = ShopPageFactory()
    image = _jpeg_image()
    ShopPhoto.objects.create(shop=shop, image=image, alt_text="Vitrine", sort_order=0)
    few = _queries_for(client, shop.url)
    for number in range(1, 6):
        ShopPhoto.objects.create(
            shop=shop,
            image=_jpeg_image(),
            alt_text=f"Photo {number}",
            sort_order=number,
        )
    many = _queries_for(client, shop.url)
    assert many == few


def _jpeg_image():
    buffer = BytesIO()
    PillowImage.new("RGB", (800, 600), (120, 80, 40)).save(buffer, "JPEG")
    image = Image(title="photo")
    image.file = ImageFile(BytesIO(buffer.getvalue()), name="photo.jpg")
    image.save()
    return image


def test_pages_render_within_their_query_budgets(client):
    """Budgets of an uncached render, whatever the number of products or shops."""
    from tests.factories.pages import commune_page

    shops = [
        ShopPageFactory(
            title=f"Boutique {number}",
            products=[{"name": f"P{i}", "price_cents": 100} for i in range(number)],
        )
        for number in (1, 8)
    ]
    for shop in shops:
        assert _queries_for(client, shop.url) <= 12
    assert _queries_for(client, commune_page().url) <= 15
    assert _queries_for(client, "/") <= 12
