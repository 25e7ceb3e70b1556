"""Commune staff verify the shops of their commune, and only of their commune."""

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

import pytest

from shops.models import ShopPage
from shops.verification.services import (
    ReasonRequired,
    shop_unpublish_for_abuse,
    shop_verify,
)
from tests.factories.people import PASSWORD, commune_staff, merchant_with_shop

pytestmark = pytest.mark.django_db


@pytest.fixture
def lille_shop():
    return merchant_with_shop()


def test_staff_of_the_commune_verify_a_shop_which_is_then_public_with_its_badge(
    client, lille_shop
):
    _merchant, shop = lille_shop
    agent = commune_staff()
    client.force_login(agent)
    assert (
        "73282932000074"
        in client.get(f"/admin/shops/{shop.pk}/verify/").content.decode()
    )
    response = client.post(f"/admin/shops/{shop.pk}/verify/")
    assert response.status_code == 302
    shop.refresh_from_db()
    assert shop.live and shop.verified_by == agent and shop.verified_at
    client.logout()
    html = client.get(shop.url).content.decode()
    assert "Vérifié par la commune de Lille" in html


def test_staff_of_another_commune_cannot_verify_or_even_see_the_shop(
    client, lille_shop
):
    _merchant, shop = lille_shop
    client.force_login(commune_staff(insee_code="59512", username="agent.roubaix"))
    assert client.get(f"/admin/shops/{shop.pk}/verify/").status_code == 404
    assert client.post(f"/admin/shops/{shop.pk}/verify/").status_code == 404
    assert (
        client.post(
            f"/admin/shops/{shop.pk}/unpublish/", {"reason": "x" * 20}
        ).status_code
        == 404
    )
    shop.refresh_from_db()
    assert not shop.live and shop.verified_at is None
    with pytest.raises(PermissionDenied):
        shop_verify(
            shop=shop,
            by=commune_staff(insee_code="59017", username="agent.armentieres"),
        )


def test_a_merchant_cannot_verify_their_own_shop(client, lille_shop):
    merchant, shop = lille_shop
    client.force_login(merchant)
    assert client.post(f"/admin/shops/{shop.pk}/verify/").status_code == 404
    shop.refresh_from_db()
    assert shop.verified_at is None


def test_once_verified_the_merchant_publishes_their_own_edits(client, lille_shop):
    merchant, shop = lille_shop
    shop_verify(shop=shop, by=commune_staff())
    shop = ShopPage.objects.get(pk=shop.pk)
    assert shop.permissions_for_user(merchant).can_publish()
    shop.pitch = "Nouveau : pain de seigle le samedi"
    shop.save_revision(user=merchant).publish(user=merchant)
    shop = ShopPage.objects.get(pk=shop.pk)
    assert shop.pitch == "Nouveau : pain de seigle le samedi"
    assert shop.verified_at is not None  # publishing a revision keeps the verification


def test_before_verification_the_merchant_can_edit_but_not_publish(lille_shop):
    merchant, shop = lille_shop
    permissions = ShopPage.objects.get(pk=shop.pk).permissions_for_user(merchant)
    assert permissions.can_edit() and not permissions.can_publish()


def test_an_abusive_listing_is_unpublished_with_a_reason_the_merchant_receives(
    client, lille_shop, django_capture_on_commit_callbacks
):
    merchant, shop = lille_shop
    agent = commune_staff()
    shop_verify(shop=shop, by=agent)
    mail.outbox.clear()
    client.force_login(agent)
    response = client.post(f"/admin/shops/{shop.pk}/unpublish/", {"reason": "court"})
    assert response.status_code == 400
    assert ShopPage.objects.get(pk=shop.pk).live
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/shops/{shop.pk}/unpublish/",
            {"reason": "Annonce de vente d'articles contrefaits."},
        )
    assert not ShopPage.objects.get(pk=shop.pk).live
    assert mail.outbox[0].to == [merchant.email]
    assert "contrefaits" in mail.outbox[0].body


def test_unpublishing_without_a_reason_is_refused(lille_shop):
    _merchant, shop = lille_shop
    with pytest.raises(ReasonRequired):
        shop_unpublish_for_abuse(shop=shop, by=commune_staff(), reason="  ")


def test_the_merchant_confirms_their_hours_in_one_click(client, lille_shop):
    merchant, shop = lille_shop
    assert client.login(
        request=HttpRequest(), username=merchant.username, password=PASSWORD
    )
    response = client.post(f"/admin/shops/{shop.pk}/hours-confirm/")
    assert response.status_code == 302
    assert ShopPage.objects.get(pk=shop.pk).hours_confirmed_at is not None


def test_another_merchant_cannot_confirm_someone_elses_hours(client, lille_shop):
    _merchant, shop = lille_shop
    other, _ = merchant_with_shop(
        name="Autre", email="autre@example.org", insee_code="59512"
    )
    client.force_login(other)
    assert client.post(f"/admin/shops/{shop.pk}/hours-confirm/").status_code == 404
    assert ShopPage.objects.get(pk=shop.pk).hours_confirmed_at is None


def test_every_commune_gets_its_staff_group_once(capsys):
    from django.core.management import call_command

    call_command("create_commune_groups")
    call_command("create_commune_groups")
    out = capsys.readouterr().out
    assert "95 created, 0 unchanged" in out and "0 created, 95 unchanged" in out
