"""The merchant's week on the dashboard: stale hours, unpublished edits, publishing."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from cms.avatars import initials
from shops.merchants.dashboard import merchant_week
from shops.models import ShopPage
from tests.factories.editor import shop_edit_form
from tests.factories.people import merchant_with_shop

pytestmark = pytest.mark.django_db


def test_hours_are_flagged_after_90_days_and_confirmed_from_the_dashboard(
    client,
    merchant_and_shop,
):
    merchant, shop = merchant_and_shop
    ShopPage.objects.filter(pk=shop.pk).update(
        hours_confirmed_at=timezone.now() - timedelta(days=89)
    )
    assert not merchant_week(user=merchant)[0].hours_stale
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        assert merchant_week(user=merchant)[0].hours_stale
        client.force_login(merchant)
        html = client.get("/admin/").content.decode()
        assert "vitrine-week__item--attention" in html
        response = client.post(
            reverse("shop_hours_confirm", args=[shop.pk]), {"next": "dashboard"}
        )
        assert response.status_code == 302 and response["Location"] == "/admin/"
        assert not merchant_week(user=merchant)[0].hours_stale


def test_an_unpublished_edit_is_shown_and_can_be_discarded_by_its_merchant_only(
    client,
    merchant_and_shop,
):
    merchant, shop = merchant_and_shop
    client.force_login(merchant)
    url = reverse("wagtailadmin_pages:edit", args=[shop.pk])
    draft = shop_edit_form(shop, pitch="Un brouillon oublié")
    del draft["action-publish"]
    assert client.post(url, draft).status_code == 302
    week = merchant_week(user=merchant)[0]
    assert week.draft_at is not None
    discard = reverse("shop_draft_discard", args=[shop.pk])
    other, _other_shop = merchant_with_shop(name="Autre", email="autre@example.org")
    client.force_login(other)
    assert client.post(discard).status_code == 404
    client.force_login(merchant)
    assert client.post(discard).status_code == 302
    shop = ShopPage.objects.get(pk=shop.pk)
    assert shop.latest_revision_id == shop.live_revision_id
    assert not shop.has_unpublished_changes
    assert "Un brouillon oublié" not in client.get(url).content.decode()


def test_a_verified_merchant_publishes_with_the_main_button(
    client,
    merchant_and_shop,
):
    merchant, shop = merchant_and_shop
    client.force_login(merchant)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[shop.pk])).content
    html = html.decode()
    footer = html[html.index('class="w-dropdown-button') :]
    assert footer.index('name="action-publish"') < footer.index("w-dropdown__toggle")
    assert 'name="action-submit"' not in html


def test_a_merchant_waiting_for_verification_cannot_publish(client):
    merchant, shop = merchant_with_shop()
    client.force_login(merchant)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[shop.pk])).content
    assert b'name="action-publish"' not in html


def test_avatars_are_initials_drawn_here_never_gravatar(
    client,
    merchant_and_shop,
):
    merchant, _shop = merchant_and_shop
    client.force_login(merchant)
    html = client.get("/admin/").content.decode()
    assert "data:image/svg+xml" in html
    assert "gravatar" not in html.lower()
    assert initials(merchant) == "BO"  # boulanger@example.org
