"""A merchant claims an imported listing; the commune's staff approve; it passes."""

import re
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from wagtail.models import PageLogEntry

import pytest

from opendata.claims import claim_approve, claim_confirm_email, claim_token
from opendata.models import ClaimStatus, ShopClaim
from shops.access.permissions import user_owns_shop
from shops.models import ShopPage
from tests.factories.people import PASSWORD as MERCHANT_PASSWORD
from tests.factories.people import VALID_SIRETS, commune_staff, merchant_with_shop

pytestmark = pytest.mark.django_db

SAMPLE = Path("opendata/samples/osm_lille_sample.geojson")
PASSWORD = "un-mot-de-passe-solide-42"


@pytest.fixture
def imported(capsys):
    call_command("import_osm", str(SAMPLE))
    capsys.readouterr()
    return ShopPage.objects.get(osm_id="node/9000000001")


def _claim(client, shop, **overrides):
    data = {
        "full_name": "Jeanne Fournier",
        "email": "jeanne@example.org",
        "siret": VALID_SIRETS[3],
        "password": PASSWORD,
        "website": "",
        **overrides,
    }
    return client.post(f"/merchants/claim/{shop.pk}/", data)


def _confirmation_link(message) -> str:
    return re.search(r"http://\S+/merchants/claim/confirm/\S+/", message.body)[0]


def test_claim_confirm_approve_and_the_listing_passes_to_the_merchant(
    client, imported, django_capture_on_commit_callbacks
):
    agent = commune_staff()
    assert client.get(f"/merchants/claim/{imported.pk}/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = _claim(client, imported)
    assert response.status_code == 200
    assert "jeanne@example.org" in response.content.decode()
    link = _confirmation_link(mail.outbox[-1])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(link.replace("http://127.0.0.1:8000", ""))
    assert response.status_code == 200
    claim = ShopClaim.objects.get()
    assert claim.status == ClaimStatus.AWAITING_APPROVAL and claim.email_confirmed_at
    assert mail.outbox[-1].to == [agent.email]  # the staff are told

    client.force_login(agent)
    assert "Jeanne Fournier" in client.get("/admin/claims/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/claims/{claim.pk}/approve/")
    assert response.status_code == 302

    shop = ShopPage.objects.get(pk=imported.pk)
    merchant = get_user_model().objects.get(email="jeanne@example.org")
    assert shop.owner == merchant and shop.is_claimed and shop.siret == VALID_SIRETS[3]
    assert user_owns_shop(merchant, shop) and merchant.check_password(PASSWORD)
    claim.refresh_from_db()
    assert (claim.status, claim.decided_by, claim.merchant) == (
        ClaimStatus.APPROVED,
        agent,
        merchant,
    )
    assert PageLogEntry.objects.filter(
        page=shop, action="vitrine.claim_approved", user=agent
    ).exists()
    assert mail.outbox[-1].to == ["jeanne@example.org"]
    assert "approved" in mail.outbox[-1].body
    client.logout()
    html = client.get(shop.url).content.decode()
    assert f"/merchants/claim/{shop.pk}/" not in html
    assert client.get(f"/merchants/claim/{shop.pk}/").status_code == 404


def test_the_siret_must_match_the_listings_own(client, imported):
    cheese = ShopPage.objects.get(osm_id="way/9000000002")  # SIRET VALID_SIRETS[0]
    response = _claim(client, cheese, siret=VALID_SIRETS[1])
    assert response.status_code == 400
    assert "not the one of the listing" in response.content.decode()
    assert not ShopClaim.objects.exists()
    assert _claim(client, cheese, siret=VALID_SIRETS[0]).status_code == 200
    assert _claim(client, imported, siret="12345678901234").status_code == 400


def test_staff_of_another_commune_cannot_see_or_approve_the_claim(client, imported):
    _claim(client, imported)
    claim = ShopClaim.objects.get()
    roubaix = commune_staff(insee_code="59512", username="agent.roubaix")
    client.force_login(roubaix)
    assert "Jeanne" not in client.get("/admin/claims/").content.decode()
    assert client.post(f"/admin/claims/{claim.pk}/approve/").status_code == 404
    with pytest.raises(PermissionDenied):
        claim_approve(claim=claim, by=roubaix)
    assert not ShopPage.objects.get(pk=imported.pk).is_claimed


def test_an_unconfirmed_claim_cannot_be_approved_and_a_rejection_needs_a_reason(
    client, imported, django_capture_on_commit_callbacks
):
    _claim(client, imported)
    claim = ShopClaim.objects.get()
    client.force_login(commune_staff())
    client.post(f"/admin/claims/{claim.pk}/approve/")
    assert not ShopPage.objects.get(pk=imported.pk).is_claimed
    client.post(f"/admin/claims/{claim.pk}/reject/", {"reason": "non"})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.AWAITING_EMAIL
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/claims/{claim.pk}/reject/",
            {"reason": "Le SIRET donné appartient à une autre entreprise."},
        )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REJECTED
    assert "autre entreprise" in mail.outbox[-1].body


def test_a_forged_confirmation_link_is_refused(client):
    assert client.get("/merchants/claim/confirm/forged-token/").status_code == 400


def test_a_merchant_with_an_account_claims_a_second_shop_with_the_same_login(
    client, imported, django_capture_on_commit_callbacks
):
    merchant, first_shop = merchant_with_shop(email="jeanne@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        _claim(client, imported, password="autre-mot-de-passe-99")
    claim_confirm_email(token=claim_token(ShopClaim.objects.get()))
    claim_approve(claim=ShopClaim.objects.get(), by=commune_staff())
    merchant.refresh_from_db()
    assert ShopPage.objects.get(pk=imported.pk).owner == merchant
    assert merchant.check_password(MERCHANT_PASSWORD)  # their own password stays
    assert user_owns_shop(merchant, first_shop)
