"""A merchant edits their shop in the admin: bad input is refused field by field."""

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from shops.models import ShopPage
from shops.verification.services import shop_verify
from tests.factories.people import commune_staff, merchant_with_shop

pytestmark = pytest.mark.django_db
XSS = '<script>alert("x")</script>'


@pytest.fixture
def merchant_and_shop():
    merchant, shop = merchant_with_shop()
    shop_verify(shop=shop, by=commune_staff())
    return merchant, ShopPage.objects.get(pk=shop.pk)


def _edit_form(shop, **overrides):
    data = {
        "title": shop.title,
        "slug": shop.slug,
        "pitch": shop.pitch,
        "category": shop.category_id,
        "siret": shop.siret,
        "description": rich_text(""),
        "street_address": "12 rue Nationale",
        "postal_code": "59000",
        "latitude": "50.6366",
        "longitude": "3.0635",
        "opening_hours-expert": "Tu-Sa 09:00-19:00",
        "opening_hours-mode": "expert",
        "phone": "",
        "email": "",
        "website": "",
        "facebook_url": "",
        "instagram_url": "",
        "wheelchair": "",
        "collect_payment": "pickup",
        "pickup_lead_minutes": "60",
        "photos": inline_formset([]),
        "closures": inline_formset([]),
        "products": inline_formset([]),
        "offers": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_a_merchant_publishes_a_valid_edit(client, merchant_and_shop):
    merchant, shop = merchant_and_shop
    client.force_login(merchant)
    url = reverse("wagtailadmin_pages:edit", args=[shop.pk])
    response = client.post(url, _edit_form(shop, pitch="Pain au levain"))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ShopPage.objects.get(pk=shop.pk).pitch == "Pain au levain"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("siret", "73282932000075"),
        ("website", "javascript:alert(1)"),
        ("facebook_url", "ftp://example.org/page"),
        ("latitude", "48.8530"),
        ("opening_hours-expert", "quand ça nous chante"),
    ],
)
def test_bad_input_gets_a_field_error_and_saves_nothing(
    client, merchant_and_shop, field, value
):
    merchant, shop = merchant_and_shop
    client.force_login(merchant)
    before = ShopPage.objects.get(pk=shop.pk).latest_revision_id
    overrides = {field: value, "pitch": "Ne doit pas être enregistré"}
    if field == "latitude":
        overrides["longitude"] = "2.3499"
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[shop.pk]),
        _edit_form(shop, **overrides),
    )
    assert response.status_code == 200
    assert (
        "error-message" in response.content.decode()
        or "errorlist" in response.content.decode()
    )
    shop = ShopPage.objects.get(pk=shop.pk)
    assert shop.latest_revision_id == before
    assert shop.pitch != "Ne doit pas être enregistré"


def test_a_negative_price_is_refused(client, merchant_and_shop):
    merchant, shop = merchant_and_shop
    client.force_login(merchant)
    products = inline_formset(
        [
            {
                "name": "Baguette",
                "price_cents": "-130",
                "unit": "",
                "stock": "",
                "description": "",
                "active": "on",
                "available_for_click_and_collect": "on",
            }
        ]
    )
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[shop.pk]),
        _edit_form(shop, products=products),
    )
    assert response.status_code == 200
    assert not ShopPage.objects.get(pk=shop.pk).products.exists()


def test_merchant_text_is_escaped_in_the_admin(client, merchant_and_shop):
    merchant, shop = merchant_and_shop
    ShopPage.objects.filter(pk=shop.pk).update(title=XSS, pitch=XSS)
    client.force_login(merchant)
    for url in ("/admin/", reverse("wagtailadmin_pages:edit", args=[shop.pk])):
        assert XSS not in client.get(url).content.decode(), url
