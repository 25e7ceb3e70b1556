"""Merchant B sees nothing of merchant A's shop in the admin, staff nothing of other communes."""

import pytest
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.models import Collection, GroupCollectionPermission

from shops.models import ShopPage
from shops.permissions import shop_group_ensure
from tests.factories.people import commune_staff, merchant_with_shop

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Boulangerie Secrète de A"

# Every admin URL that takes a page id, as Wagtail names them.
PAGE_URL_NAMES = [
    "wagtailadmin_pages:edit",
    "wagtailadmin_pages:delete",
    "wagtailadmin_pages:unpublish",
    "wagtailadmin_pages:move",
    "wagtailadmin_pages:copy",
    "wagtailadmin_pages:history",
    "wagtailadmin_pages:revisions_index",
    "wagtailadmin_pages:view_draft",
    "wagtailadmin_pages:preview_on_edit",
    "wagtailadmin_pages:lock",
    "wagtailadmin_pages:unlock",
    "wagtailadmin_pages:workflow_history",
    "wagtailadmin_pages:usage",
    "wagtailadmin_explore",
    "shop_verify",
    "shop_unpublish",
    "shop_hours_confirm",
]


@pytest.fixture
def two_merchants():
    merchant_a, shop_a = merchant_with_shop(name=SECRET_TITLE, email="a@example.org")
    merchant_b, shop_b = merchant_with_shop(
        name="Boulangerie de B", email="b@example.org", insee_code="59350"
    )
    collection_a = (
        GroupCollectionPermission.objects.filter(group=shop_group_ensure(shop_a))
        .first()
        .collection
    )
    Image.objects.create(
        title="Photo secrète de A",
        file="original_images/a.jpg",
        width=10,
        height=10,
        collection=collection_a,
    )
    return (merchant_a, shop_a), (merchant_b, shop_b)


def _urls_for(page_id: int) -> list[str]:
    urls = []
    for name in PAGE_URL_NAMES:
        try:
            urls.append(reverse(name, args=[page_id]))
        except Exception:  # noqa: BLE001 - a name Wagtail 8 does not have
            continue
    return urls


@pytest.mark.parametrize("method", ["get", "post"])
def test_merchant_b_cannot_reach_merchant_a_shop_through_any_admin_url(
    client, two_merchants, method
):
    (_a, shop_a), (merchant_b, _shop_b) = two_merchants
    client.force_login(merchant_b)
    urls = _urls_for(shop_a.pk)
    assert len(urls) >= 12
    for url in urls:
        response = getattr(client, method)(url, {"title": "pirate", "reason": "x" * 30})
        assert response.status_code in (302, 403, 404, 405), url
        assert SECRET_TITLE not in response.content.decode(), url
    shop_a = ShopPage.objects.get(pk=shop_a.pk)
    assert shop_a.title == SECRET_TITLE and not shop_a.live


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/pages/search/?q=Secr%C3%A8te",
        "/admin/images/",
        "/admin/images/?q=secr%C3%A8te",
        "/admin/images/chooser/",
        "/admin/choose-page/",
        "/admin/choose-page/search/?q=Secr%C3%A8te",
        "/admin/reports/site-history/",
        "/admin/reports/locked/",
        "/admin/reports/aging-pages/",
        "/admin/pages/{lille}/",
        "/admin/choose-page/{lille}/",
    ],
)
def test_listings_choosers_and_reports_do_not_leak_another_merchant(
    client, two_merchants, url
):
    (_a, shop_a), (merchant_b, _shop_b) = two_merchants
    client.force_login(merchant_b)
    response = client.get(url.format(lille=shop_a.get_parent().pk), follow=True)
    body = response.content.decode()
    assert "Secrète de A" not in body and "Photo secrète" not in body, url


def test_merchant_b_sees_and_edits_their_own_shop(client, two_merchants):
    _a, (merchant_b, shop_b) = two_merchants
    client.force_login(merchant_b)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[shop_b.pk]))
    assert response.status_code == 200
    assert "Boulangerie de B" in response.content.decode()


def test_a_crafted_post_cannot_set_staff_only_fields(client, two_merchants):
    _a, (merchant_b, shop_b) = two_merchants
    client.force_login(merchant_b)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[shop_b.pk]))
    form = edit.context["form"]
    assert not {
        "verified_at",
        "verified_by",
        "commune",
        "owner",
        "hours_confirmed_at",
    } & set(form.fields)


def test_staff_of_one_commune_see_nothing_of_another_communes_shops(
    client, two_merchants
):
    (_a, shop_a), _b = two_merchants
    client.force_login(commune_staff(insee_code="59512", username="agent.roubaix"))
    for url in _urls_for(shop_a.pk):
        response = client.post(url, {"reason": "x" * 30})
        assert response.status_code in (302, 403, 404, 405), url
        assert SECRET_TITLE not in response.content.decode(), url
    assert ShopPage.objects.get(pk=shop_a.pk).verified_at is None
