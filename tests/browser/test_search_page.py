"""The search page on a phone: results first, filters folded, nothing axe finds."""

from pathlib import Path

import pytest

from search.indexing import index_rebuild
from tests.factories.pages import ShopPageFactory

SHOTS = Path("/work/shots/issue-17")


@pytest.fixture
def bakeries(site_url):
    for number in range(6):
        ShopPageFactory(title=f"Boulangerie numéro {number}")
    index_rebuild("shops")


def test_on_a_phone_the_first_result_shows_before_any_scrolling(
    site_url, bakeries, browser
):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{site_url}/search/?q=boulangerie&commune=59350")

    first = page.locator(".shop-row").first.bounding_box()
    assert first["y"] + first["height"] <= 844
    assert page.locator("#search-filters").evaluate("details => details.open") is False
    assert "(1)" in page.locator(".search-filters__toggle").inner_text()
    if SHOTS.parent.is_dir():
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SHOTS / "search-390.png")


def test_a_filter_chip_removes_its_filter_without_javascript(
    site_url, bakeries, browser
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/search/?q=boulangerie&commune=59350&verified=1")

    page.locator(".chips--filters a", has_text="Lille").click()

    assert "commune=" not in page.url and "verified=1" in page.url
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_nothing_on_the_search_page_filters_open_or_closed(
    site_url, bakeries, browser, axe, width
):
    page = browser.new_page(viewport={"width": width, "height": 900}, bypass_csp=True)
    page.goto(f"{site_url}/search/?q=boulangerie&commune=59350")
    page.locator("#search-filters").evaluate("details => { details.open = false; }")
    closed = axe(page)
    page.locator("#search-filters").evaluate("details => { details.open = true; }")
    opened = axe(page)

    assert (closed, opened) == ([], [])


def test_the_map_opens_on_the_results_with_markers_reachable_by_keyboard(
    site_url, bakeries, browser
):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{site_url}/search/?q=boulangerie")

    cluster = page.locator(".map-cluster").first
    cluster.wait_for(timeout=15000)

    assert cluster.get_attribute("tabindex") == "0"
    assert "shops here" in cluster.get_attribute("aria-label")
    cluster.focus()
    assert page.evaluate("document.activeElement.classList.contains('map-cluster')")
