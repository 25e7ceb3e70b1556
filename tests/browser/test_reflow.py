"""Every public page fits a phone (WCAG 1.4.10 Reflow): nothing scrolls sideways
at 320 or 390 CSS pixels, nor with the text zoomed to 200 %. axe does not catch
this, so the browser measures the page itself."""

import pytest

from search.indexing import index_rebuild
from tests.factories.pages import PlaceFactory, ShopPageFactory

WIDTHS = (320, 390)
ZOOM_TEXT = "zoom => { document.documentElement.style.fontSize = zoom; }"


@pytest.fixture
def public_paths(site_url):
    shop = ShopPageFactory(
        title="Boulangerie du Vieux-Lille et des Quatre Chemins",
        offers_click_and_collect=True,
        email="une.adresse.vraiment.tres.longue@exemple-de-domaine.fr",
        products=[{"name": "Pain au levain", "price_cents": 420, "unit": "pièce"}],
    )
    place = PlaceFactory(title="Musée de l'Hospice Comtesse")
    for noun in ("shops", "places"):
        index_rebuild(noun)
    return {
        "home": "/",
        "search": "/search/?q=boulangerie",
        "search without words": "/search/",
        "shop": shop.url,
        "commune": "/communes/lille/",
        "communes index": "/communes/",
        "place": place.url,
        "basket": "/basket/",
        "open data": "/open-data/",
    }


def test_no_public_page_scrolls_sideways_on_a_phone(site_url, public_paths, browser):
    too_wide = []
    for width in WIDTHS:
        page = browser.new_page(viewport={"width": width, "height": 800})
        for name, path in public_paths.items():
            for text_zoom in ("100%", "200%"):
                response = page.goto(site_url + path)
                assert response.status == 200, (name, response.status)
                page.evaluate(
                    f"document.documentElement.style.fontSize = '{text_zoom}'"
                )
                scroll_width = page.evaluate("document.documentElement.scrollWidth")
                if scroll_width > page.evaluate("innerWidth"):
                    too_wide.append((name, width, text_zoom, scroll_width))
        page.close()
    assert too_wide == []
