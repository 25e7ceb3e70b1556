"""Guessing passwords is throttled per account and per address, with a clear page."""

import pytest

from tests.factories.people import PASSWORD, merchant_with_shop

pytestmark = pytest.mark.django_db
LOGIN_URLS = ["/admin/login/", "/basket/login/"]


@pytest.fixture
def merchant():
    user, _ = merchant_with_shop()
    return user


def _try(client, url, username, password, **extra):
    return client.post(url, {"username": username, "password": password}, **extra)


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_the_right_password_after_many_wrong_ones_does_not_sign_in(
    client, merchant, url
):
    for attempt in range(5):
        _try(client, url, merchant.username, f"wrong-{attempt}")
    response = _try(client, url, merchant.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    html = response.content.decode()
    assert "Trop de tentatives" in html and "15 minutes" in html
    assert int(response["Retry-After"]) == 15 * 60


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_a_few_mistakes_are_forgiven(client, merchant, url):
    for attempt in range(3):
        _try(client, url, merchant.username, f"wrong-{attempt}")
    response = _try(client, url, merchant.username, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(merchant.pk)


def test_guessing_from_many_addresses_still_locks_the_account(client, merchant):
    for attempt in range(5):
        _try(
            client,
            "/admin/login/",
            merchant.username,
            "wrong",
            REMOTE_ADDR=f"10.0.0.{attempt}",
        )
    response = _try(
        client, "/admin/login/", merchant.username, PASSWORD, REMOTE_ADDR="10.9.9.9"
    )
    assert response.status_code == 429


def test_the_owner_signs_in_again_once_the_pause_is_over(client, merchant):
    from datetime import timedelta

    from django.utils import timezone

    import time_machine

    for attempt in range(6):
        _try(client, "/admin/login/", merchant.username, f"wrong-{attempt}")
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        response = _try(client, "/admin/login/", merchant.username, PASSWORD)
    assert response.status_code == 302
