from django.core.management import CommandError, call_command
from django.http import HttpRequest
from django.test import override_settings

import pytest

from shops.models import ShopPage
from tests.factories.pages import ShopPageFactory

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_demo_accounts_can_sign_in_with_their_roles(client, capsys):
    shop = ShopPageFactory(verified_at="2026-11-02T09:30:00Z")
    call_command("create_demo_accounts")
    call_command("create_demo_accounts")  # twice: resets, never duplicates
    out = capsys.readouterr().out
    assert "agent.lille" in out and "marchand" in out and "to be verified" in out
    assert ShopPage.objects.filter(title="La Nouvelle Fournée", live=False).count() == 1
    assert client.login(
        request=HttpRequest(), username="marchand", password="vitrine-demo"
    )
    assert (
        ShopPage.objects.get(pk=shop.pk)
        .permissions_for_user(ShopPage.objects.get(pk=shop.pk).owner)
        .can_edit()
    )


def test_demo_accounts_refuse_to_exist_outside_development():
    with pytest.raises(CommandError):
        call_command("create_demo_accounts")
