"""Searches are paced for people: a burst goes through, sustained scraping stops."""

import pytest

from opendata.keys import api_key_issue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_rates(settings, shops_index):
    settings.SEARCH_RATES = ["5/10s", "8/h"]
    settings.SEARCH_SUGGEST_RATES = ["6/10s", "9/h"]


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("/search/?q=pain", 5),
        ("/api/v1/search?q=pain", 5),
        ("/api/v1/search/clusters?q=pain&zoom=12", 5),
        ("/api/v1/search/suggest?q=pai", 6),
    ],
)
def test_a_burst_goes_through_then_the_client_is_asked_to_wait(client, url, allowed):
    statuses = [client.get(url).status_code for _ in range(allowed)]
    assert 429 not in statuses
    refused = client.get(url)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 10


def test_the_search_page_says_how_long_to_wait_in_french(client):
    for _ in range(5):
        client.get("/search/?q=fleurs")
    html = client.get("/search/?q=fleurs").content.decode()
    assert "Trop de recherches" in html and "seconde" in html


def test_each_address_has_its_own_allowance(client):
    for _ in range(5):
        client.get("/search/?q=pain", REMOTE_ADDR="10.0.0.1")
    assert client.get("/search/?q=pain", REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get("/search/?q=pain", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_sustained_use_is_stopped_by_the_hourly_rate(client, settings):
    settings.SEARCH_RATES = ["100/10s", "8/h"]
    statuses = [client.get("/api/v1/search?q=pain").status_code for _ in range(9)]
    assert statuses[:8] == [200] * 8 and statuses[8] == 429


def test_a_keyed_reuser_gets_the_keys_quota_not_the_anonymous_one(client):
    issued = api_key_issue(
        name="Carte des commerces", contact_email="dev@example.org", daily_quota=12
    )
    headers = {"X-API-Key": issued.raw_key}
    statuses = [
        client.get("/api/v1/search?q=pain", headers=headers).status_code
        for _ in range(13)
    ]
    assert statuses[:12] == [200] * 12  # beyond the anonymous 5 per 10 s
    assert statuses[12] == 429  # the key's daily quota


def test_an_unknown_key_is_refused_plainly(client):
    response = client.get("/api/v1/search?q=pain", headers={"X-API-Key": "vt_nope"})
    assert response.status_code == 401 and "inconnue" in response.json()["errors"][0]
