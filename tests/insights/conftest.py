"""A browser's headers, and a published shop with its merchant."""

import re

import pytest

from tests.factories.people import merchant_with_shop

BROWSER = {
    "HTTP_USER_AGENT": (
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
    ),
    "HTTP_ACCEPT_LANGUAGE": "fr-FR,fr;q=0.9",
}


def beacon_url(html: str) -> str:
    return re.search(r'<img class="beacon" src="([^"]+)"', html).group(1)


def visit(client, url: str) -> None:
    """What a browser does: the page (perhaps from the page cache), then its beacon."""
    response = client.get(url, **BROWSER)
    assert response.status_code == 200
    pixel = client.get(beacon_url(response.content.decode()), **BROWSER)
    assert pixel.status_code == 200 and pixel["Content-Type"] == "image/gif"


@pytest.fixture
def published_shop():
    merchant, shop = merchant_with_shop(name="Fournil Mesure")
    shop.phone = "03 20 00 00 00"
    shop.website = "https://fournil.example.org/"
    shop.save_revision().publish()
    shop.refresh_from_db()
    return merchant, shop
