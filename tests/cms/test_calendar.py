"""The iCalendar feeds, read back with the icalendar library as a calendar app would."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.html import escape

import pytest
from icalendar import Calendar

from tests.factories.pages import EventPageFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
ART = escape("Braderie de l'Art")


def _events(response) -> dict[str, object]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def events():
    braderie = EventPageFactory(
        title="Braderie de Lille",
        kind="braderie",
        starts_at=datetime(2030, 9, 7, 8, 0, tzinfo=PARIS),
        ends_at=datetime(2030, 9, 8, 23, 0, tzinfo=PARIS),
        location_name="Centre-ville",
        area="commune",
        notice="Centre fermé à la circulation",
    )
    roubaix = EventPageFactory(
        title="Braderie de l'Art",
        insee_code="59512",
        latitude=50.6843,
        longitude=3.1775,
    )
    draft = EventPageFactory(title="Brouillon secret")
    draft.unpublish()
    old = EventPageFactory(
        title="Vieille fête",
        starts_at=timezone.now() - timedelta(days=90),
        ends_at=timezone.now() - timedelta(days=89),
    )
    return braderie, roubaix, old


def test_the_commune_feed_holds_the_communes_events_in_paris_time(client, events):
    braderie, _roubaix, _old = events
    parsed = _events(client.get("/agenda/lille.ics"))
    assert set(parsed) == {"Braderie de Lille"}
    event = parsed["Braderie de Lille"]
    start = event.decoded("dtstart")
    assert start == datetime(2030, 9, 7, 8, 0, tzinfo=PARIS)
    assert start.tzinfo.key == "Europe/Paris"  # local time, with its VTIMEZONE
    assert event.decoded("dtend") == datetime(2030, 9, 8, 23, 0, tzinfo=PARIS)
    assert str(event["location"]) == "Centre-ville, Lille"
    assert "Centre fermé à la circulation" in str(event["description"])
    assert str(event["uid"]) == f"event-{braderie.pk}@127.0.0.1"
    assert str(event["url"]).endswith(braderie.url)


def test_the_metropolis_feed_holds_every_commune_but_no_draft_nor_old_event(
    client, events
):
    calendar = Calendar.from_ical(client.get("/agenda/metropole.ics").content)
    assert {str(e["summary"]) for e in calendar.walk("VEVENT")} == {
        "Braderie de Lille",
        "Braderie de l'Art",
    }
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]


def test_an_unknown_commune_has_no_feed(client):
    assert client.get("/agenda/atlantide.ics").status_code == 404


def test_a_feed_without_events_is_still_a_valid_calendar(client):
    calendar = Calendar.from_ical(client.get("/agenda/roubaix.ics").content)
    assert calendar.walk("VEVENT") == []
    assert str(calendar["x-wr-calname"])


def test_the_agenda_lists_upcoming_events_by_month_and_by_commune(client, events):
    html = client.get("/agenda/").content.decode()
    assert "Braderie de Lille" in html and ART in html
    assert "Vieille fête" not in html and "Brouillon secret" not in html
    assert "Septembre 2030" in html  # grouped under their month, in French
    html = client.get("/agenda/?commune=roubaix").content.decode()
    assert ART in html and "Braderie de Lille" not in html
    assert "/agenda/roubaix.ics" in html


def test_an_unknown_commune_in_the_agenda_says_so_and_shows_everything(client, events):
    response = client.get("/agenda/?commune=atlantide")
    assert response.status_code == 200
    assert "Braderie de Lille" in response.content.decode()
    assert 'role="alert"' in response.content.decode()


def test_an_event_page_describes_itself_as_a_schema_org_event(client, events):
    braderie, _roubaix, _old = events
    html = client.get(braderie.url).content.decode()
    assert '"@type": "Event"' in html
    assert '"startDate": "2030-09-07T06:00:00+00:00"' in html


def test_the_home_page_shows_coming_events(client, events):
    html = client.get("/").content.decode()
    assert "Braderie de Lille" in html and "/agenda/" in html
