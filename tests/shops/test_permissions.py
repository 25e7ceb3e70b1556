"""Merchant B finds nothing of merchant A in listings, choosers and reports.

Every URL taking an id is walked in ``test_permission_matrix``.
"""

from django.urls import reverse

from wagtail.images.models import Image
from wagtail.models import GroupCollectionPermission

import pytest

from shops.access.permissions import shop_group_ensure
from tests.factories.people import merchant_with_shop

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Boulangerie Secrète de A"


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
