"""Wagtail's admin API, bulk actions and reports show a user only what they may see."""

import pytest

from tests.factories.people import commune_staff, merchant_with_shop
from tests.security.conftest import collection_of, image_in

pytestmark = pytest.mark.django_db
A_SECRETS = ("de A", "a@example.org")


def _leaks(response) -> bool:
    body = response.content.decode(errors="ignore")
    return any(secret in body for secret in A_SECRETS)


@pytest.fixture
def merchant_b(client):
    other, shop = merchant_with_shop(name="Boutique de B", email="b@example.org")
    client.force_login(other)
    return other, shop


@pytest.mark.parametrize("endpoint", ["images", "documents", "pages"])
def test_the_admin_api_lists_nothing_of_another_shop(
    client, victim, merchant_b, endpoint
):
    response = client.get(f"/admin/api/main/{endpoint}/?search=A")
    assert response.status_code in (200, 400)
    assert not _leaks(response)
    response = client.get(f"/admin/api/main/{endpoint}/")
    assert response.status_code == 200 and not _leaks(response)


def test_the_admin_api_still_lists_ones_own_images(client, merchant_b):
    _, shop = merchant_b
    image_in("Ma vitrine à moi", collection_of(shop))
    response = client.get("/admin/api/main/images/")
    assert "Ma vitrine à moi" in response.content.decode()


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("/admin/bulk/wagtailcore/page/publish/?id={}", "page"),
        ("/admin/bulk/wagtailcore/page/delete/?id={}", "page"),
        ("/admin/bulk/wagtailimages/image/delete/?id={}", "image"),
        ("/admin/bulk/wagtailimages/image/add_to_collection/?id={}", "image"),
        ("/admin/bulk/wagtaildocs/document/delete/?id={}", "document"),
    ],
)
def test_bulk_confirmations_do_not_name_others_objects(
    client, victim, merchant_b, url, kind
):
    _, own_shop = merchant_b
    response = client.get(url.format(victim[kind].pk) + f"&id={own_shop.pk}")
    assert response.status_code == 404 and not _leaks(response)
    response = client.post(url.format(victim[kind].pk))
    assert response.status_code == 404
    assert not _leaks(response)


def test_a_merchant_still_bulk_publishes_their_own_page(client, merchant_b):
    _, own_shop = merchant_b
    response = client.get(f"/admin/bulk/wagtailcore/page/publish/?id={own_shop.pk}")
    assert response.status_code == 200


@pytest.mark.parametrize("report", ["site-history", "aging-pages", "page-types-usage"])
def test_whole_site_reports_are_for_administrators(
    client, victim, merchant_b, report, admin_client
):
    for url in (f"/admin/reports/{report}/", f"/admin/reports/{report}/results/"):
        response = client.get(url)
        assert response.status_code == 404 and not _leaks(response)
        assert admin_client.get(url).status_code == 200
    assert f"/admin/reports/{report}/" not in client.get("/admin/").content.decode()


def test_commune_staff_do_not_see_other_people_in_site_history(client, victim):
    client.force_login(commune_staff(insee_code="59512", username="agent.roubaix"))
    response = client.get("/admin/reports/site-history/")
    assert response.status_code == 404 and not _leaks(response)
