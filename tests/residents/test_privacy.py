"""Their data: the JSON export, deleting the account, anonymising guest orders."""

import json
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

import pytest

from orders.models import Order, ShopOrder
from residents.models import Favourite, ResidentCommune
from residents.privacy import ANONYMISED_EMAIL, months_before
from tests.factories.people import PASSWORD
from tests.residents.conftest import order_as, resident_make, signed_in

pytestmark = pytest.mark.django_db


def test_export_is_a_json_download_of_everything(client, resident, baker):
    signed_in(client, resident)
    Favourite.objects.create(user=resident, page=baker)
    ResidentCommune.objects.create(user=resident, commune_id=baker.commune_id)
    order_as(client, baker)
    response = client.get("/accounts/export/")
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == resident.email
    assert data["favourites"][0]["title"] == "Fournil du Vieux-Lille"
    assert data["communes"][0]["name"] == "Lille"
    assert data["orders"][0]["parts"][0]["lines"][0]["product"] == "Pain au levain"
    assert set(data) == {"account", "favourites", "communes", "alerts", "orders"}


def test_delete_needs_the_password_and_says_so(client, resident):
    signed_in(client, resident)
    response = client.post("/accounts/delete/", {"password": "wrong"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.text
    assert get_user_model().objects.filter(pk=resident.pk).exists()


def test_delete_cancels_orders_in_progress_and_anonymises_the_rest(
    client, resident, baker
):
    signed_in(client, resident)
    Favourite.objects.create(user=resident, page=baker)
    order_as(client, baker, quantity=2)
    page = client.get("/accounts/delete/")
    assert 'name="in_progress"' in page.text
    response = client.post(
        "/accounts/delete/", {"password": PASSWORD, "in_progress": "cancel"}
    )
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=resident.pk).exists()
    assert not Favourite.objects.exists()
    order = Order.objects.get()
    assert (order.user, order.customer_email, order.customer_phone) == (
        None,
        ANONYMISED_EMAIL,
        "",
    )
    assert order.shop_orders.get().status == "cancelled"
    assert baker.products.get(name="Pain au levain").stock == 10


def test_delete_can_keep_an_order_in_progress(client, resident, baker):
    signed_in(client, resident)
    order_as(client, baker)
    client.post("/accounts/delete/", {"password": PASSWORD, "in_progress": "keep"})
    part = ShopOrder.objects.get()
    assert part.status == "placed"
    assert part.order.customer_email == ANONYMISED_EMAIL


def test_merchants_and_staff_cannot_delete_their_account_alone(client):
    staff = resident_make("agent@example.org")
    staff.is_staff = True
    staff.save()
    signed_in(client, staff)
    client.post("/accounts/delete/", {"password": PASSWORD})
    assert get_user_model().objects.filter(pk=staff.pk).exists()


def test_guest_orders_are_anonymised_months_after_pickup(client, baker, settings):
    order_as(client, baker)
    part = ShopOrder.objects.get()
    ShopOrder.objects.filter(pk=part.pk).update(
        status="collected", pickup_at=timezone.now() - timedelta(days=400)
    )
    order_as(client, baker, email="recent@example.org")
    call_command("residents_anonymise_orders")
    call_command("residents_anonymise_orders")
    emails = sorted(Order.objects.values_list("customer_email", flat=True))
    assert emails == [ANONYMISED_EMAIL, "recent@example.org"]


def test_months_before_keeps_the_day_or_takes_the_months_last():
    moment = timezone.now().replace(month=3, day=31)
    assert months_before(moment, 1).day in (28, 29)
    assert months_before(moment, 12).year == moment.year - 1
