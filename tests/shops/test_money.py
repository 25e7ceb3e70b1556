"""Prices are typed in euros (comma or point) and kept in integer cents."""

from django.urls import reverse
from django.utils import translation

from wagtail.test.utils.form_data import inline_formset

import pytest

from shops.models import Product, ShopPage
from shops.money import EuroInput, price_parse
from tests.factories.editor import shop_edit_form


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("24,50", 2450),
        ("24.50", 2450),
        ("24,5", 2450),
        ("24", 2400),
        (" 24,50 € ", 2450),
        ("0,99", 99),
        (",50", 50),
    ],
)
def test_prices_typed_in_euros_are_read_as_cents(typed, cents):
    assert price_parse(typed) == cents


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("24,5O", "is not a price"),
        ("-3", "cannot be negative"),
        ("\u22123,00", "cannot be negative"),
        ("24,505", "is not a price"),
        ("1.234,50", "is not a price"),
        ("", "Give a price in euros"),
        ("99999999", "highest price"),
    ],
)
def test_unreadable_prices_get_a_sentence_saying_what_to_write(typed, said):
    with translation.override("en"), pytest.raises(ValueError, match=said):
        price_parse(typed)


def test_a_stored_price_is_shown_in_the_readers_language():
    widget = EuroInput()
    with translation.override("fr"):
        assert widget.format_value(2450) == "24,50"
    with translation.override("en"):
        assert widget.format_value(2450) == "24.50"
    assert widget.format_value("24,5O") == "24,5O"  # what was typed comes back


def _product(price: str) -> dict:
    return {
        "name": "Tarte au sucre",
        "description": "",
        "price_cents": price,
        "unit": "",
        "stock": "",
        "available_for_click_and_collect": "on",
        "active": "on",
        "image": "",
    }


def _post_price(client, merchant, shop, typed: str):
    """The merchant's edit form, published with one product at the price typed."""
    client.force_login(merchant)
    url = reverse("wagtailadmin_pages:edit", args=[shop.pk])
    form = shop_edit_form(shop, products=inline_formset([_product(typed)]))
    return url, client.post(url, form)


@pytest.mark.django_db
def test_a_merchant_types_a_price_in_euros_and_cents_are_stored(
    client,
    merchant_and_shop,
):
    merchant, shop = merchant_and_shop
    url, response = _post_price(client, merchant, shop, "24,50")
    assert response.status_code == 302
    assert Product.objects.get(shop=shop).price_cents == 2450
    page = client.get(url).content.decode()
    assert 'value="24,50"' in page  # the French admin shows it back in euros


@pytest.mark.django_db
def test_a_mistyped_price_is_refused_with_its_reason(
    client,
    merchant_and_shop,
):
    merchant, shop = merchant_and_shop
    _url, response = _post_price(client, merchant, shop, "24,5O")
    assert response.status_code == 200
    assert "24,5O" in response.content.decode()
    assert "pas un prix" in response.content.decode()
    assert not Product.objects.filter(shop=ShopPage.objects.get(pk=shop.pk)).exists()
