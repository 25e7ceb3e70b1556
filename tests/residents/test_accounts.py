"""Sign-up, verification, sign-in, reset: allauth's flows as residents meet them."""

import re

from django.contrib.auth import get_user_model
from django.core import mail

import pytest

from tests.factories.people import PASSWORD
from tests.residents.conftest import link_in_last_mail, resident_make, signed_in

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Moules-frites-2026"


def test_signup_form_is_shown_in_the_site_frame(client):
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    assert 'name="email"' in response.text
    assert 'name="password1"' in response.text and 'name="password2"' in response.text
    assert "site-header" in response.text
    assert 'for="id_email"' in response.text


def test_signup_sends_the_verification_email_and_the_link_signs_in(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "lea@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lea@example.org"]
    # Not signed in before the address is verified.
    assert client.get("/accounts/").status_code == 302
    link = link_in_last_mail(r"http://\S+/accounts/confirm-email/\S+")
    path = link.split("://", 1)[1].split("/", 1)[1]
    confirmed = client.post("/" + path)
    assert confirmed.status_code == 302
    space = client.get("/accounts/")
    assert space.status_code == 200
    assert "lea@example.org" in space.text


def test_signup_errors_are_said_and_what_was_typed_is_kept(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "lea@example.org", "password1": "123", "password2": "1234"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 200
    assert 'value="lea@example.org"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert not mail.outbox


def test_signup_with_a_known_email_answers_the_same_and_tells_the_owner(
    client, resident
):
    unknown = client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    client.logout()
    known = client.post(
        "/accounts/signup/",
        {"email": resident.email, "password1": PASSWORD, "password2": PASSWORD},
    )
    assert unknown.status_code == known.status_code == 302
    assert unknown.url == known.url
    assert get_user_model().objects.filter(email=resident.email).count() == 1
    assert mail.outbox[-1].to == [resident.email]


def test_password_reset_answers_the_same_for_known_and_unknown_emails(client, resident):
    known = client.post("/accounts/password/reset/", {"email": resident.email})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert [m.to for m in mail.outbox] == [[resident.email], ["nobody@example.org"]]


def test_login_by_email_and_password_then_logout(client, resident):
    response = client.post(
        "/accounts/login/", {"login": resident.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/accounts/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/accounts/").status_code == 302


def test_a_wrong_password_says_the_same_for_known_and_unknown_emails(client, resident):
    known = client.post(
        "/accounts/login/", {"login": resident.email, "password": "wrong-one"}
    )
    unknown = client.post(
        "/accounts/login/", {"login": "nobody@example.org", "password": "wrong-one"}
    )
    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors


def test_login_by_code_sent_by_email(client, resident):
    client.post("/accounts/login/code/", {"email": resident.email})
    assert mail.outbox[-1].to == [resident.email]
    found = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", mail.outbox[-1].body).group(1)
    response = client.post("/accounts/login/code/confirm/", {"code": found})
    assert response.status_code == 302
    assert client.get("/accounts/").status_code == 200


def test_failed_sign_ins_are_throttled(client, resident):
    for _ in range(5):
        client.post(
            "/accounts/login/", {"login": resident.email, "password": "wrong-one"}
        )
    response = client.post(
        "/accounts/login/", {"login": resident.email, "password": PASSWORD}
    )
    assert response.status_code in (200, 429)
    assert client.get("/accounts/").status_code == 302


def test_signups_are_rate_limited_per_address(client):
    statuses = []
    for number in range(12):
        response = client.post(
            "/accounts/signup/",
            {
                "email": f"spam{number}@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        statuses.append(response.status_code)
        client.logout()
    assert statuses[0] == 302
    assert 429 in statuses


def test_email_change_is_verified_before_it_counts(client, resident):
    signed_in(client, resident)
    client.post("/accounts/email/", {"action_add": "", "email": "camille@new.example"})
    assert mail.outbox[-1].to == ["camille@new.example"]
    resident.refresh_from_db()
    assert resident.email == "camille@example.org"


def test_residents_never_reach_the_wagtail_admin(client, resident):
    signed_in(client, resident)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/admin/login/" in response.url


def test_merchants_keep_their_admin_login(client):
    user = resident_make("merchant@example.org")
    user.is_superuser = user.is_staff = True
    user.save()
    response = client.post(
        "/admin/login/", {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_residents_pages_send_to_the_residents_sign_in_and_the_admin_to_its_own(
    client,
):
    assert client.get("/accounts/email/").url.startswith("/accounts/login/")
    assert client.get("/admin/").url.startswith("/admin/login/")
