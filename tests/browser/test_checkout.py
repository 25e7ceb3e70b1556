"""Checkout on a phone: the pickup day first, then that day's half hours."""

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore

from orders.basket import SESSION_KEY
from orders.models import Basket, BasketLine
from tests.browser.test_search_page import SHOTS
from tests.factories.pages import ShopPageFactory


def _basket_cookie(site_url: str, shop) -> dict:
    """A guest's session holding a basket with one croissant, as a cookie.

    Made here rather than by posting the shop page's form: the browser only
    reads, so everything it sees stays inside this test's transaction.
    """
    basket = Basket.objects.create()
    BasketLine.objects.create(basket=basket, product=shop.products.get(), quantity=1)
    session = SessionStore()
    session[SESSION_KEY] = str(basket.token)
    session.create()
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": session.session_key,
        "url": site_url,
    }


def test_pickup_is_chosen_by_day_then_by_time(site_url, browser):
    shop = ShopPageFactory(
        title="Fournil du Vieux-Lille",
        offers_click_and_collect=True,
        products=[{"name": "Croissant", "price_cents": 120, "unit": "pièce"}],
    )
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_cookies([_basket_cookie(site_url, shop)])
    page = context.new_page()
    page.goto(site_url + shop.url)
    assert "Basket (1)" in page.locator(".site-nav").inner_text()

    page.goto(f"{site_url}/basket/checkout/")
    day = page.locator(f"#id_pickup_{shop.pk}-day")
    times = page.locator(f"#id_pickup_{shop.pk} option:not([value=''])")
    first_day_times = times.all_inner_texts()
    day.select_option(index=1)
    second_day_times = times.all_inner_texts()

    assert first_day_times and second_day_times
    assert first_day_times != second_day_times
    assert all("\u00b7" not in label for label in second_day_times)
    assert page.locator("#id_phone").get_attribute("type") == "tel"
    if SHOTS.parent.is_dir():
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SHOTS / "checkout-390.png", full_page=True)
        page.goto(site_url + shop.url)
        page.screenshot(path=SHOTS / "shop-390.png")
    context.close()
