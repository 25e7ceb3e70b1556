"""What is counted, what is not, and how it reaches the merchant's export."""

import csv
import io
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

import pytest

from insights.models import Measure, PageDay, PageEvent, SearchDay, SearchEvent
from insights.recording import words_normalise
from insights.services import day_rollup, events_flush, raw_events_purge
from tests.factories.people import merchant_with_shop
from tests.insights.conftest import BROWSER, beacon_url, visit

pytestmark = pytest.mark.django_db


def _csv(client, **params) -> list[dict]:
    response = client.get("/admin/insights/export.csv", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_anonymous_views_appear_in_the_merchants_csv_after_the_rollup(
    client, published_shop
):
    merchant, shop = published_shop
    for _ in range(3):  # the second and third come from the page cache
        visit(client, shop.url)
    call_command("insights_rollup", stdout=io.StringIO())
    client.force_login(merchant)
    rows = _csv(client, days=7)
    assert rows[0]["date"] == timezone.localdate().isoformat()
    assert rows[0]["shop_id"] == str(shop.pk)
    assert rows[0]["views"] == "3"


def test_robots_scripts_and_the_merchant_themselves_are_not_counted(
    client, published_shop
):
    merchant, shop = published_shop
    pixel = beacon_url(client.get(shop.url).content.decode())
    googlebot = (
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
    )
    client.get(pixel, HTTP_USER_AGENT=googlebot, HTTP_ACCEPT_LANGUAGE="fr")
    client.get(pixel, HTTP_USER_AGENT="python-requests/2.32", HTTP_ACCEPT_LANGUAGE="fr")
    client.get(pixel, HTTP_USER_AGENT=BROWSER["HTTP_USER_AGENT"])  # no language
    client.force_login(merchant)
    client.get(pixel, **BROWSER)
    assert events_flush().events == 0


def test_another_signed_in_merchant_counts_as_a_visitor(client, published_shop):
    _merchant, shop = published_shop
    other, _ = merchant_with_shop(name="Autre", email="autre@example.org")
    client.force_login(other)
    visit(client, shop.url)
    assert events_flush().events == 1


def test_nothing_personal_is_stored(client, published_shop):
    _merchant, shop = published_shop
    visit(client, shop.url)
    events_flush()
    stored = {field.name for field in PageEvent._meta.get_fields()}
    assert stored == {
        "id", "day", "page_id", "measure", "words", "count", "position_sum"
    }  # fmt: skip
    assert not client.cookies.get("sessionid")


def test_outbound_links_are_counted_then_followed(client, published_shop):
    _merchant, shop = published_shop
    html = client.get(shop.url).content.decode()
    assert f"/insights/out/{shop.pk}/phone/" in html
    phone = client.get(f"/insights/out/{shop.pk}/phone/", **BROWSER)
    assert phone.status_code == 302 and phone["Location"] == "tel:0320000000"
    site = client.get(f"/insights/out/{shop.pk}/website/", **BROWSER)
    assert site["Location"] == "https://fournil.example.org/"
    directions = client.get(f"/insights/out/{shop.pk}/directions/", **BROWSER)
    assert directions["Location"].startswith("https://www.openstreetmap.org/")
    assert client.get(f"/insights/out/{shop.pk}/email/").status_code == 404
    assert client.get("/insights/out/999999/phone/").status_code == 404
    assert client.get(f"/insights/hit/phone/{shop.pk}/").status_code == 404
    events_flush()
    counted = set(PageEvent.objects.values_list("measure", flat=True))
    assert counted == {Measure.PHONE, Measure.WEBSITE, Measure.DIRECTIONS}


def test_searches_record_words_commune_result_count_and_positions(
    client, published_shop, shops_index
):
    from search.indexing import index_rebuild

    _merchant, shop = published_shop
    index_rebuild("shops")
    client.get("/search/", {"q": "Fournil MESURE"}, **BROWSER)
    for _ in range(5):
        client.get("/search/", {"q": "Poissonnerie", "commune": "59512"}, **BROWSER)
    client.get("/search/", {"q": "Poissonnerie", "commune": "59512"})  # a script
    call_command("insights_rollup", stdout=io.StringIO())
    gap = SearchDay.objects.get(words="poissonnerie")
    assert (gap.commune_code, gap.searches, gap.fewest_results) == ("59512", 5, 0)
    shown = PageDay.objects.get(page_id=shop.pk, measure=Measure.IMPRESSION)
    assert (shown.words, shown.count, shown.position_sum) == ("fournil mesure", 1, 1)


def test_words_are_normalised_so_one_demand_is_one_row():
    assert words_normalise("  Pâtisserie, LILLE!! ") == "lille patisserie"
    assert words_normalise("lille pâtisserie") == "lille patisserie"
    assert words_normalise("") == ""


def test_basket_additions_are_counted_and_rolled_up(client):
    from tests.factories.pages import ShopPageFactory

    shop = ShopPageFactory(
        offers_click_and_collect=True,
        products=[{"name": "Pain", "price_cents": 250, "stock": 10}],
    )
    product = shop.products.get()
    client.post(
        "/basket/add/",
        {"product": product.pk, "shop": shop.pk, "quantity": 1},
        **BROWSER,
    )
    events_flush()
    day_rollup(day=timezone.localdate())
    assert PageDay.objects.get(page_id=shop.pk, measure=Measure.BASKET).count == 1


def test_rollup_runs_twice_with_the_same_result(client, published_shop):
    _merchant, shop = published_shop
    visit(client, shop.url)
    call_command("insights_rollup", stdout=io.StringIO())
    call_command("insights_rollup", stdout=io.StringIO())
    assert PageDay.objects.get(page_id=shop.pk, measure=Measure.VIEW).count == 1


def test_the_purge_keeps_25_months_of_raw_events_and_every_rollup():
    today = timezone.localdate()
    old, recent = today - timedelta(days=800), today - timedelta(days=700)
    for day in (old, recent):
        PageEvent.objects.create(day=day, page_id=1, measure=Measure.VIEW, count=4)
        SearchEvent.objects.create(day=day, words="x", result_count=0, count=1)
        day_rollup(day=day)
    out = io.StringIO()
    call_command("insights_purge", stdout=out)
    assert "2 raw events" in out.getvalue()
    assert set(PageEvent.objects.values_list("day", flat=True)) == {recent}
    assert PageDay.objects.filter(day=old).exists()
    assert raw_events_purge() == 0


def test_the_flush_command_moves_counted_hits_once(client, published_shop):
    _merchant, shop = published_shop
    visit(client, shop.url)
    visit(client, shop.url)
    out = io.StringIO()
    call_command("insights_flush", stdout=out)
    call_command("insights_flush", stdout=out)
    assert "2 events flushed into 1 rows." in out.getvalue()
    assert "0 events flushed" in out.getvalue()
    assert PageEvent.objects.get().count == 2


def test_a_bad_rollup_day_is_refused_with_a_sentence():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("insights_rollup", day="hier", stdout=io.StringIO())
