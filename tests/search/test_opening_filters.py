"""Open now, open at a time, open on a day: right at query time, closures and
public holidays included, across the night clocks go forward (28 March 2027)."""

from datetime import date, datetime

from django.http import QueryDict

import pytest
import time_machine

from search.documents import open_slot, open_slots_and_days
from search.indexing import index_rebuild
from search.params import search_params_parse
from search.selectors import shops_search
from shops.models import ShopClosure
from territory.hours import PARIS
from tests.factories.pages import ShopPageFactory

pytestmark = pytest.mark.django_db
# Friday 26 March 2027, 09:30 in Lille. Clocks go forward on Sunday the 28th, and
# Monday the 29th is Easter Monday, a public holiday.
FRIDAY_MORNING = "2027-03-26 09:30 +01:00"


def _names(**query) -> list[str]:
    data = QueryDict(mutable=True)
    data.update(query)
    params, errors = search_params_parse(data)
    assert errors == []
    return sorted(shop.title for shop in shops_search(params=params).shops)


@pytest.fixture
def street(shops_index):
    with time_machine.travel(FRIDAY_MORNING, tick=False):
        ShopPageFactory(
            title="Boulangerie du Dimanche", opening_hours="Mo-Su 07:00-13:00; PH off"
        )
        ShopPageFactory(title="Fromagerie Semaine", opening_hours="Mo-Sa 09:00-19:00")
        caviste = ShopPageFactory(
            title="Cave en congés", opening_hours="Mo-Sa 09:00-19:00"
        )
        caviste.closures.add(
            ShopClosure(start_date=date(2027, 3, 27), end_date=date(2027, 3, 29))
        )
        caviste.save_revision().publish()
        ShopPageFactory(title="Bar de Nuit", opening_hours="Fr-Sa 18:00-02:00")
        index_rebuild("shops")
        yield


def test_open_now_lists_the_shops_open_at_this_moment(street):
    with time_machine.travel(FRIDAY_MORNING, tick=False):
        assert _names(open_now="1") == [
            "Boulangerie du Dimanche",
            "Cave en congés",
            "Fromagerie Semaine",
        ]


def test_an_exceptional_closure_hides_the_shop_on_those_days(street):
    with time_machine.travel(FRIDAY_MORNING, tick=False):
        assert _names(open_at="2027-03-27T10:00") == [
            "Boulangerie du Dimanche",
            "Fromagerie Semaine",
        ]


def test_opening_hours_are_right_on_the_day_clocks_go_forward(street):
    with time_machine.travel(FRIDAY_MORNING, tick=False):
        assert _names(open_at="2027-03-28T12:30") == ["Boulangerie du Dimanche"]
        assert _names(open_on="2027-03-28", open_time="13:15") == []


def test_a_shop_closed_on_public_holidays_is_not_open_on_easter_monday(street):
    with time_machine.travel(FRIDAY_MORNING, tick=False):
        assert _names(open_on="2027-03-29") == ["Fromagerie Semaine"]


def test_hours_past_midnight_count_for_the_night_they_started(street):
    with time_machine.travel(FRIDAY_MORNING, tick=False):
        assert _names(open_at="2027-03-27T01:00") == ["Bar de Nuit"]
        assert "Bar de Nuit" not in _names(open_on="2027-03-28")


def test_ouvert_dimanche_in_the_query_filters_on_next_sunday(street):
    with time_machine.travel(FRIDAY_MORNING, tick=False):
        assert _names(q="boulangerie ouverte dimanche") == ["Boulangerie du Dimanche"]
        assert _names(q="ouvert maintenant") == [
            "Boulangerie du Dimanche",
            "Cave en congés",
            "Fromagerie Semaine",
        ]


def test_the_open_now_facet_counts_what_is_open(street):
    with time_machine.travel(FRIDAY_MORNING, tick=False):
        assert shops_search(text="").open_now_count == 3


def test_the_day_clocks_go_forward_has_92_quarter_hours():
    now = datetime(2027, 3, 28, 0, 0, tzinfo=PARIS)
    slots, days = open_slots_and_days("Mo-Su 00:00-24:00", now=now)
    sunday = [
        slot
        for slot in slots
        if open_slot(datetime(2027, 3, 28, tzinfo=PARIS))
        <= slot
        < open_slot(datetime(2027, 3, 29, tzinfo=PARIS))
    ]
    assert len(sunday) == 92 and days[0] == "2027-03-28"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"open_at": "tomorrow at ten"}, "2026-11-29T10:30"),
        ({"open_at": "2027-04-20T10:00"}, "2027"),
        ({"open_at": "2027-03-20T10:00"}, "2027"),
        ({"open_on": "29/03/2027"}, "2026-11-29"),
        ({"open_on": "2027-03-27", "open_time": "25:00"}, "2026-11-29T10:30"),
    ],
)
def test_impossible_opening_times_are_refused_with_the_right_format(query, message):
    data = QueryDict(mutable=True)
    data.update(query)
    with time_machine.travel(FRIDAY_MORNING, tick=False):
        params, errors = search_params_parse(data)
    assert params is None and message in errors[0]


def test_each_result_shows_its_own_closure_read_in_one_query(
    street, client, django_assert_max_num_queries
):
    """A row's closure notice and open status come from its own closures, read
    for all rows together (the page's queries do not grow with the rows)."""
    with time_machine.travel("2027-03-27 10:00 +01:00", tick=False):
        client.get("/api/v1/search", {"q": "pain"})  # reference data, read once
        # The shops, their closures, the area events under way.
        with django_assert_max_num_queries(3):
            answer = client.get("/api/v1/search", {"family": "food"}).json()
        status = {row["name"]: row["open_now"] for row in answer["results"]}
        assert status["Cave en congés"] is False
        assert status["Fromagerie Semaine"] is True
        page = client.get("/search/", {"q": "cave"}).content.decode()
    row = page.split("Cave en congés", 1)[1].split("</li>", 1)[0]
    assert "29" in row and "shop-row__notice" in row
    assert (
        "shop-row__notice"
        not in page.split("Fromagerie Semaine", 1)[-1].split("</li>", 1)[0]
    )
