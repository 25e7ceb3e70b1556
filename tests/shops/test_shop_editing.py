"""A merchant edits their shop in the admin: bad input is refused field by field."""

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset

import pytest

from shops.models import ShopPage
from tests.factories.editor import shop_edit_form

pytestmark = pytest.mark.django_db
XSS = '<script>alert("x")</script>'


def test_a_merchant_publishes_a_valid_edit(client, merchant_and_shop):
    merchant, shop = merchant_and_shop
    client.force_login(merchant)
    url = reverse("wagtailadmin_pages:edit", args=[shop.pk])
    response = client.post(url, shop_edit_form(shop, pitch="Pain au levain"))
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
        shop_edit_form(shop, **overrides),
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
        shop_edit_form(shop, products=products),
    )
    assert response.status_code == 200
    assert not ShopPage.objects.get(pk=shop.pk).products.exists()


def test_merchant_text_is_escaped_in_the_admin(client, merchant_and_shop):
    merchant, shop = merchant_and_shop
    ShopPage.objects.filter(pk=shop.pk).update(title=XSS, pitch=XSS)
    client.force_login(merchant)
    for url in ("/admin/", reverse("wagtailadmin_pages:edit", args=[shop.pk])):
        assert XSS not in client.get(url).content.decode(), url


def test_publishing_a_listing_without_its_address_is_refused_but_a_draft_is_kept(
    client, merchant_and_shop
):
    merchant, shop = merchant_and_shop
    client.force_login(merchant)
    url = reverse("wagtailadmin_pages:edit", args=[shop.pk])
    response = client.post(url, shop_edit_form(shop, street_address=""))
    assert response.status_code == 200
    assert "adresse" in response.content.decode()
    assert ShopPage.objects.get(pk=shop.pk).street_address == "12 rue Nationale"
    draft = shop_edit_form(shop, street_address="")
    del draft["action-publish"]
    assert client.post(url, draft).status_code == 302
