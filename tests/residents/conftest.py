"""Residents with verified accounts, and shops that take orders, at a fixed moment.

Tuesday 24 November 2026, 08:00 in Lille, as the order tests: the first pickup
slot of the test shops is 09:00.
"""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.http import HttpRequest

import pytest
import time_machine
from allauth.account.models import EmailAddress

from tests.factories.people import PASSWORD
from tests.orders.conftest import (
    FIRST_SLOT,
    NOW,
    baker,  # noqa: F401  (the same shop here)
)


@pytest.fixture(autouse=True)
def tuesday_morning():
    with time_machine.travel(NOW, tick=False):
        yield


def resident_make(email: str, *, verified: bool = True):
    user = get_user_model().objects.create_user(
        username=email.split("@")[0], email=email, password=PASSWORD
    )
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def signed_in(client, user):
    assert client.login(
        request=HttpRequest(), username=user.username, password=PASSWORD
    )
    return client


@pytest.fixture
def resident(db):
    return resident_make("camille@example.org")


def link_in_last_mail(pattern: str = r"http://\S+") -> str:
    return re.search(pattern, mail.outbox[-1].body).group(0)


def order_as(client, shop, *, product_name="Pain au levain", quantity=1, **fields):
    """Check out one product at one shop through the real pages; the order's page."""
    product = shop.products.get(name=product_name)
    client.post("/basket/add/", {"product": product.pk, "quantity": quantity})
    page = client.get("/basket/checkout/")
    data = {
        "checkout_token": page.context["form"].initial["checkout_token"],
        "name": "Camille Durand",
        "email": "camille@example.org",
        "phone": "0320000000",
        "accept_terms": "on",
        f"pickup_{shop.pk}": FIRST_SLOT,
        **fields,
    }
    response = client.post("/basket/checkout/", data)
    assert response.status_code == 302, response.content
    return response
