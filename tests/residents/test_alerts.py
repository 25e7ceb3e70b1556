"""Closure alerts (at once, once) and the weekly digest (never twice, one-click off)."""

from datetime import date, timedelta

from django.core import mail
from django.core.management import call_command

import pytest

from residents.alerts import unsubscribe_token
from residents.models import AlertSettings, DigestSent, Favourite, ResidentCommune
from shops.models import Offer, Product, ShopClosure
from tests.factories.pages import EventPageFactory, ShopPageFactory
from tests.residents.conftest import resident_make, signed_in

pytestmark = pytest.mark.django_db
WEEK = date(2026, 11, 23)


def close(shop, start: date, days: int = 3, reason: str = "Congés"):
    shop.closures.add(
        ShopClosure(
            start_date=start, end_date=start + timedelta(days=days), reason=reason
        )
    )
    shop.save_revision().publish()


def test_a_closure_of_a_favourite_shop_is_sent_at_once_and_once(
    resident, baker, django_capture_on_commit_callbacks
):
    Favourite.objects.create(user=resident, page=baker)
    quiet = resident_make("quiet@example.org")
    Favourite.objects.create(user=quiet, page=baker, alert_closure=False)
    with django_capture_on_commit_callbacks(execute=True):
        close(baker, date(2026, 12, 1))
    assert [m.to for m in mail.outbox] == [[resident.email]]
    assert "Fournil du Vieux-Lille" in mail.outbox[0].subject
    assert "Congés" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        baker.save_revision().publish()  # published again: nothing new
    assert len(mail.outbox) == 1


def test_digest_gathers_new_offers_products_and_events_and_is_never_sent_twice(
    resident, baker
):
    call_command("residents_send_digest", "--week", "2026-11-16")  # a week before
    Favourite.objects.create(user=resident, page=baker, alert_news=True)
    ResidentCommune.objects.create(
        user=resident, commune_id=baker.commune_id, alert_events=True
    )
    baker.offers.add(
        Offer(
            title="Galette à -20 %",
            text="Toute la semaine",
            valid_from=date(2026, 11, 24),
            valid_until=date(2026, 11, 29),
        )
    )
    baker.products.add(Product(name="Pain d'épices", price_cents=650))
    baker.save_revision().publish()
    EventPageFactory(title="Marché de Wazemmes").save_revision().publish()
    mail.outbox.clear()

    call_command("residents_send_digest", "--week", "2026-11-24")
    call_command("residents_send_digest", "--week", "2026-11-24")

    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == [resident.email]
    assert "Galette à -20 %" in digest.body
    assert "Pain d'épices" in digest.body
    assert "Pain au levain" not in digest.body  # not new
    assert "Marché de Wazemmes" in digest.body
    unsubscribe = digest.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http") and "/accounts/unsubscribe/" in unsubscribe
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert DigestSent.objects.filter(user=resident, week=WEEK).count() == 1


def test_no_news_no_digest(resident, baker):
    Favourite.objects.create(user=resident, page=baker, alert_news=True)
    call_command("residents_send_digest", "--week", "2026-11-24")
    assert not mail.outbox


def test_one_click_unsubscribe_per_rfc_8058(client, resident):
    url = f"/accounts/unsubscribe/{unsubscribe_token(resident.pk)}/"
    assert client.get(url).status_code == 200
    assert AlertSettings.objects.filter(user=resident, digest=False).count() == 0
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code in (200, 204)
    assert AlertSettings.objects.get(user=resident).digest is False
    assert client.post("/accounts/unsubscribe/forged/").status_code == 404


def test_unsubscribed_residents_get_no_digest(resident):
    shop = ShopPageFactory(title="Épicerie")
    Favourite.objects.create(user=resident, page=shop, alert_news=True)
    AlertSettings.objects.create(user=resident, digest=False)
    call_command("residents_send_digest", "--week", "2026-11-16")
    shop.products.add(Product(name="Nouveauté", price_cents=100))
    shop.save_revision().publish()
    call_command("residents_send_digest", "--week", "2026-11-24")
    assert not mail.outbox


def test_preferences_page_saves_each_choice(client, resident, baker):
    favourite = Favourite.objects.create(user=resident, page=baker)
    signed_in(client, resident)
    page = client.get("/accounts/alerts/")
    assert f'value="{favourite.pk}"' in page.text
    client.post("/accounts/alerts/", {"news": [favourite.pk]})
    favourite.refresh_from_db()
    assert (favourite.alert_closure, favourite.alert_news) == (False, True)
    assert AlertSettings.objects.get(user=resident).digest is False
