"""The privacy page says, in the visitor's language, what Vitrine keeps and why."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_privacy_page_is_linked_from_every_page_and_speaks_french(client):
    home = client.get("/").content.decode()
    assert 'href="/privacy/"' in home
    html = client.get("/privacy/").content.decode()
    assert "Confidentialité" in html and "traceur" in html


def test_the_privacy_page_speaks_dutch(client):
    html = client.get("/privacy/", headers={"accept-language": "nl"}).content.decode()
    assert "trackers van derden" in html
