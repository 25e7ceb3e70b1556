"""Hours in words for residents: no raw OSM code, closures announced from the day
they are published, cards answering the day a search asked about."""

from datetime import date

from django.utils import translation

import pytest
import time_machine

from search.indexing import index_rebuild
from shops.models import ShopClosure
from territory.hours import hours_week
from territory.hours.words import closure_in_words, day_in_words
from tests.factories.pages import ShopPageFactory

pytestmark = pytest.mark.django_db
# Friday 4 December 2026, 10:00 in Lille.
FRIDAY = "2026-12-04 10:00 +01:00"
TODAY = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("start", "end", "french"),
    [
        (date(2026, 12, 24), date(2026, 12, 26), "Fermé du 24 au 26 décembre"),
        (date(2026, 12, 25), date(2026, 12, 25), "Fermé le 25 décembre"),
        (
            date(2026, 12, 30),
            date(2027, 1, 2),
            "Fermé du 30 décembre 2026 au 2 janvier 2027",
        ),
        (date(2026, 11, 30), date(2026, 12, 6), "Fermé du 30 novembre au 6 décembre"),
    ],
)
def test_a_closure_reads_as_a_sentence(start, end, french):
    with translation.override("fr"):
        assert closure_in_words(start, end, today=TODAY) == french


def test_one_days_hours_read_as_a_sentence_in_each_language():
    sunday = hours_week("Tu-Sa 07:00-13:00; Su 07:00-12:30", start=date(2026, 12, 6))
    with translation.override("fr"):
        assert day_in_words(sunday[0], today=TODAY) == "Ouvert dimanche 7:00\u201312:30"
        assert day_in_words(sunday[1], today=TODAY) == "Fermé lundi"
    with translation.override("nl"):
        assert day_in_words(sunday[0], today=TODAY) == "Open zondag 7:00\u201312:30"


@time_machine.travel(FRIDAY, tick=False)
def test_the_shop_page_announces_a_closure_weeks_ahead_and_hides_the_osm_code(
    client,
):
    shop = ShopPageFactory(title="Fournil de Noël")
    shop.closures.add(
        ShopClosure(
            start_date=date(2026, 12, 24),
            end_date=date(2026, 12, 26),
            reason="congés",
        )
    )
    shop.save_revision().publish()

    html = client.get(shop.url, headers={"accept-language": "fr"}).text

    assert "Fermé du 24 au 26 décembre (congés)" in html
    assert shop.opening_hours not in html
    assert "Tu-Sa" not in html


@time_machine.travel(FRIDAY, tick=False)
def test_cards_answer_the_day_the_search_asked_about(client, shops_index):
    ShopPageFactory(
        title="Boulangerie du Dimanche",
        opening_hours="Tu-Sa 07:00-13:00; Su 07:00-12:30",
        offers_click_and_collect=True,
    )
    closing = ShopPageFactory(title="Boulangerie en congés")
    closing.closures.add(
        ShopClosure(start_date=date(2026, 12, 24), end_date=date(2026, 12, 26))
    )
    closing.save_revision().publish()
    index_rebuild("shops")
    french = {"accept-language": "fr"}

    asked = client.get("/search/?q=boulangerie ouverte dimanche", headers=french)
    plain = client.get("/search/?q=boulangerie", headers=french)

    assert "Ouvert dimanche 7:00\u201312:30" in asked.text
    assert "Ouvert dimanche" not in plain.text
    assert "badge--collect" in plain.text
    assert "Fermé du 24 au 26 décembre" in plain.text


def test_units_and_the_home_subtitle_are_in_the_visitors_language(client):
    shop = ShopPageFactory(
        products=[{"name": "Baguette", "price_cents": 120, "unit": "pièce"}]
    )

    dutch = client.get(shop.url, headers={"accept-language": "nl"}).text
    english_home = client.get("/", headers={"accept-language": "en"}).text

    assert "/ stuk" in dutch and "pièce" not in dutch
    assert "Shops, craftspeople and cultural places" in english_home
