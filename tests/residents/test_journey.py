"""The whole journey of the issue: sign up, verify, favourite three shops, get one
closure alert, order, order again, the weekly digest, export, delete."""

import json
from datetime import date

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

import pytest

from orders.models import BasketLine, Order
from residents.models import Favourite
from shops.models import Product
from tests.factories.pages import ShopPageFactory
from tests.factories.people import PASSWORD
from tests.residents.conftest import link_in_last_mail, order_as
from tests.residents.test_alerts import close

pytestmark = pytest.mark.django_db


def test_a_new_resident_comes_back_and_leaves_with_their_data(
    client, baker, django_capture_on_commit_callbacks
):
    call_command("residents_send_digest", "--week", "2026-11-16")
    client.post(
        "/accounts/signup/",
        {"email": "lea@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    link = link_in_last_mail(r"http://\S+/accounts/confirm-email/\S+")
    client.post("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert client.get("/accounts/").status_code == 200

    others = [ShopPageFactory(title=f"Épicerie {n}") for n in range(2)]
    for shop in [baker, *others]:
        client.post("/accounts/favourites/", {"page": shop.pk, "next": shop.url})
    assert Favourite.objects.count() == 3
    favourites = client.get("/accounts/favourites/")
    assert all(s.title in favourites.text for s in [baker, *others])

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        close(others[0], date(2026, 12, 7))
    assert [m.to for m in mail.outbox] == [["lea@example.org"]]
    assert "Épicerie 0" in mail.outbox[0].subject

    order_as(client, baker, quantity=2, email="lea@example.org")
    order = Order.objects.get()
    assert order.user.email == "lea@example.org"
    client.post(f"/accounts/orders/{order.pk}/again/")
    assert BasketLine.objects.get(basket__user=order.user).quantity == 2

    client.post(
        "/accounts/alerts/",
        {"digest": "on", "news": [f.pk for f in Favourite.objects.all()]},
    )
    others[1].products.add(Product(name="Chicorée", price_cents=450))
    others[1].save_revision().publish()
    mail.outbox.clear()
    call_command("residents_send_digest", "--week", "2026-11-24")
    call_command("residents_send_digest", "--week", "2026-11-24")
    assert len(mail.outbox) == 1 and "Chicorée" in mail.outbox[0].body

    data = json.loads(client.get("/accounts/export/").content)
    assert len(data["favourites"]) == 3 and len(data["orders"]) == 1

    delete_page = client.get("/accounts/delete/")
    assert "in_progress" in delete_page.text
    client.post("/accounts/delete/", {"password": PASSWORD, "in_progress": "cancel"})
    assert not get_user_model().objects.filter(email="lea@example.org").exists()
    assert Order.objects.get().shop_orders.get().status == "cancelled"
    assert client.get("/accounts/").status_code == 302
