"""The public API as a re-user meets it: what it publishes, filters, pages, caching,
keys and quotas."""

from datetime import timedelta

from django.utils import timezone

import pytest

from opendata.keys import api_key_issue, api_key_revoke
from opendata.models import ApiKey, ApiKeyUsage
from tests.factories.pages import PlaceFactory, ShopPageFactory
from tests.factories.people import merchant_with_shop

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:
    return [item["name"] for item in response.json()["results"]]


def _published(**kwargs):
    shop = ShopPageFactory(**kwargs)
    shop.save_revision().publish()
    return shop


def test_shops_are_published_ones_only_and_carry_no_personal_data(client):
    _published(title="Fournil public", email="patron@example.org")
    merchant_with_shop(name="Brouillon privé")  # a draft awaiting verification
    response = client.get("/api/v1/shops/")
    assert response.status_code == 200
    assert _names(response) == ["Fournil public"]
    shop = response.json()["results"][0]
    assert "email" not in shop and "owner" not in shop
    assert "patron@example.org" not in response.content.decode()
    assert shop["osm_tag"] == "shop=bakery" and shop["commune"] == "59350"
    assert shop["claimed"] is True and "/communes/lille/" in shop["url"]


def test_filters_by_commune_category_bounding_box_and_update_time(client):
    lille = _published(title="Boulangerie de Lille")
    roubaix = _published(
        title="Fleuriste de Roubaix",
        insee_code="59512",
        latitude=50.6909,
        longitude=3.1817,
        category=lille.category.__class__.objects.get(osm_value="florist"),
    )
    assert _names(client.get("/api/v1/shops/?commune=59512")) == [roubaix.title]
    assert _names(client.get("/api/v1/shops/?category=shop-florist")) == [roubaix.title]
    assert _names(client.get("/api/v1/shops/?bbox=3.0,50.6,3.1,50.65")) == [lille.title]
    since = (timezone.now() + timedelta(minutes=1)).isoformat()
    assert _names(client.get("/api/v1/shops/", {"updated_since": since})) == []
    roubaix.hours_confirmed_at = timezone.now() + timedelta(minutes=2)
    roubaix.save()
    assert _names(client.get("/api/v1/shops/", {"updated_since": since})) == [
        roubaix.title
    ]


def test_bad_parameters_get_a_400_naming_them(client):
    response = client.get("/api/v1/shops/?bbox=nowhere&updated_since=yesterday")
    assert response.status_code == 400
    assert set(response.json()) == {"bbox", "updated_since"}


def test_pages_follow_a_cursor_until_the_end(client):
    for number in range(5):
        _published(title=f"Boutique {number}")
    seen, url = [], "/api/v1/shops/?page_size=2"
    while url:
        body = client.get(url).json()
        seen += [item["name"] for item in body["results"]]
        url = body["next"]
    assert seen == [f"Boutique {number}" for number in range(5)]
    assert client.get("/api/v1/shops/?cursor=forged").status_code == 404


def test_an_unchanged_answer_is_a_304_until_the_data_changes(client):
    shop = _published(title="Fournil")
    first = client.get("/api/v1/shops/")
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert client.get("/api/v1/shops/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert (
        client.get("/api/v1/shops/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code
        == 304
    )
    shop.title = "Fournil renommé"
    shop.save_revision().publish()
    changed = client.get("/api/v1/shops/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_products_are_the_active_ones_of_published_shops(client):
    _published(
        products=[
            {"name": "Baguette", "price_cents": 120},
            {"name": "Ancienne recette", "price_cents": 300, "active": False},
        ]
    )
    names = _names(client.get("/api/v1/products/"))
    assert names == ["Baguette"]


def test_places_communes_and_categories(client):
    PlaceFactory(title="Musée de l'essai")
    PlaceFactory(title="Parc de Roubaix", insee_code="59512")
    assert _names(client.get("/api/v1/places/?commune=59350")) == ["Musée de l'essai"]
    lille = client.get("/api/v1/communes/59350/").json()
    assert lille["name"] == "Lille" and lille["outline"]["type"] in (
        "Polygon",
        "MultiPolygon",
    )
    assert len(client.get("/api/v1/communes/").json()) == 95
    bakery = client.get("/api/v1/categories/shop-bakery/").json()
    assert bakery["name_fr"] == "Boulangerie" and bakery["osm_tag"] == "shop=bakery"
    missing = client.get("/api/v1/shops/not-an-id/")
    assert missing.status_code == 404 and "detail" in missing.json()
    redirect = client.get("/api/v1/shops?commune=59350")
    assert redirect.status_code == 301
    assert redirect["Location"] == "/api/v1/shops/?commune=59350"


def test_anonymous_clients_over_their_rate_get_429_with_retry_after(client, settings):
    settings.API_ANONYMOUS_RATE = "3/m"
    statuses = [client.get("/api/v1/categories/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/categories/")
    assert 0 < int(refused["Retry-After"]) <= 60


def test_a_key_gets_its_own_higher_quota_and_its_use_is_counted(client, settings):
    settings.API_ANONYMOUS_RATE = "1/m"
    issued = api_key_issue(name="Carte des commerces", contact_email="dev@example.org")
    key = issued.key
    assert issued.raw_key not in (key.key_hash, key.prefix)  # stored hashed
    assert issued.raw_key.startswith(key.prefix)
    for _ in range(3):
        response = client.get("/api/v1/categories/", HTTP_X_API_KEY=issued.raw_key)
        assert response.status_code == 200
    usage = ApiKeyUsage.objects.get(key=key, day=timezone.localdate())
    assert usage.requests == 3
    key.daily_quota = 3
    key.save()
    over = client.get("/api/v1/categories/", HTTP_X_API_KEY=issued.raw_key)
    assert over.status_code == 429 and int(over["Retry-After"]) > 0


def test_a_revoked_or_unknown_key_is_refused(client):
    issued = api_key_issue(name="Ancien partenaire", contact_email="p@example.org")
    api_key_revoke(key=issued.key)
    response = client.get("/api/v1/shops/", HTTP_X_API_KEY=issued.raw_key)
    assert response.status_code == 401 and "revoked" in response.json()["detail"]
    assert client.get("/api/v1/shops/", HTTP_X_API_KEY="vt_guess").status_code == 401


def test_administrators_issue_keys_see_usage_and_revoke(admin_client, client):
    response = admin_client.post(
        "/admin/api-keys/",
        {
            "name": "Office de tourisme",
            "contact_email": "data@tourisme.example.org",
            "daily_quota": 1000,
        },
    )
    assert response.status_code == 302
    page = admin_client.get("/admin/api-keys/")
    raw_key = page.context["issued"]["raw_key"]
    assert raw_key in page.content.decode()
    client.get("/api/v1/communes/", HTTP_X_API_KEY=raw_key)
    listing = admin_client.get("/admin/api-keys/").content.decode()
    assert "Office de tourisme" in listing and raw_key not in listing
    key = ApiKey.objects.get(name="Office de tourisme")
    assert admin_client.post(f"/admin/api-keys/{key.pk}/revoke/").status_code == 302
    assert client.get("/api/v1/communes/", HTTP_X_API_KEY=raw_key).status_code == 401


def test_only_administrators_see_the_keys(client):
    merchant, _shop = merchant_with_shop()
    client.force_login(merchant)
    assert client.get("/admin/api-keys/").status_code == 404


def test_the_documentation_page_lists_every_operation_without_javascript(client):
    html = client.get("/api/v1/docs/").content.decode()
    for path in ("/api/v1/shops/", "/api/v1/places/", "/api/v1/communes/{insee_code}/"):
        assert path in html
    assert "X-API-Key" in html and "Retry-After" in html and "<script" not in html


def test_an_updated_since_with_an_unusual_offset_is_read_as_utc(client):
    _published(title="Fournil")
    response = client.get(
        "/api/v1/shops/", {"updated_since": "1175-05-19T15:09:23-22:26"}
    )
    assert response.status_code == 200 and _names(response) == ["Fournil"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/categories/%00/",
        "/api/v1/communes/a%00b/",
        "/api/v1/shops/%00/",
        "/api/v1/shops/?category=%00",
        "/api/v1/places/?commune=%00",
        "/api/v1/shops/99999999999999999999999/",
        "/api/v1/products/?shop=99999999999999999999999",
    ],
)
def test_odd_values_are_a_client_error_not_a_crash(client, url):
    assert client.get(url).status_code in (400, 404)


def test_the_same_page_asked_again_comes_from_the_cache_until_a_publication(
    client, django_assert_max_num_queries
):
    shop = _published(title="Fournil")
    client.get("/api/v1/shops/")
    with django_assert_max_num_queries(2):  # the dataset's version, nothing else
        assert _names(client.get("/api/v1/shops/")) == ["Fournil"]
    shop.title = "Fournil du marché"
    shop.save_revision().publish()
    assert _names(client.get("/api/v1/shops/")) == ["Fournil du marché"]


def test_events_are_listed_with_their_commune_and_filters(client):
    from datetime import timedelta

    from tests.factories.pages import EventPageFactory

    EventPageFactory(title="Marché de Noël d'essai")
    EventPageFactory(
        title="Braderie passée",
        kind="braderie",
        starts_at=timezone.now() - timedelta(days=30),
        ends_at=timezone.now() - timedelta(days=29),
    )
    body = client.get("/api/v1/events/").json()
    names = sorted(event["name"] for event in body["results"])
    assert names == ["Braderie passée", "Marché de Noël d'essai"]
    assert body["results"][0]["commune"] == "59350"
    now = timezone.now().isoformat()
    coming = client.get("/api/v1/events/", {"ends_after": now}).json()
    assert [event["name"] for event in coming["results"]] == ["Marché de Noël d'essai"]
    assert _names(client.get("/api/v1/events/?kind=braderie")) == ["Braderie passée"]
