"""The demo shows curation out of the box; staff's editing forms open."""

from datetime import date

from django.core.management import call_command

import pytest

from cms.models import EventPage, TrailPage
from cms.permissions import METROPOLITAN_EDITORS
from cms.routes import trail_route
from demo.curation import curation_demo_seed
from tests.factories.pages import (
    EventPageFactory,
    PlaceFactory,
    commune_page,
    trail_page,
)
from tests.factories.people import commune_staff

pytestmark = pytest.mark.django_db


def test_the_demo_has_events_markets_and_two_trails_and_runs_twice(capsys):
    call_command("load_demo", shops=300, places=20)
    call_command("load_demo", shops=300, places=20)
    out = capsys.readouterr().out
    assert "Demo events: 0 created, 0 updated, 4 unchanged" in out
    assert "Demo trails: 0 created, 0 updated, 2 unchanged" in out
    assert EventPage.objects.live().count() == 4
    lille = commune_page()
    assert lille.markets.count() == 5 and lille.highlights.exists()
    metropolitan = TrailPage.objects.get(slug="roubaix-croix-textile-et-modernisme")
    route = trail_route(metropolitan)
    assert {c.name for c in route.communes} == {"Roubaix", "Croix"}
    assert all(stop.available for stop in route.stops)
    assert 2 < route.distance_km < 10


def test_the_demo_braderie_is_on_the_first_weekend_of_september(capsys):
    call_command("load_demo", shops=100, places=20)
    curation_demo_seed(today=date(2031, 9, 10))  # after this year's: next year's
    braderie = EventPage.objects.get(slug="braderie-de-lille-2032")
    assert braderie.starts_at.date() == date(2032, 9, 4)  # a Saturday


def test_create_commune_groups_makes_the_metropolitan_editors_twice_safely(capsys):
    from django.contrib.auth.models import Group

    call_command("create_commune_groups")
    call_command("create_commune_groups")
    assert Group.objects.filter(name=METROPOLITAN_EDITORS).count() == 1
    assert "Metropolitan editors group: ready" in capsys.readouterr().out


def test_staff_open_every_editing_form_of_their_commune(client):
    lille = commune_page()
    place_a, place_b = PlaceFactory(), PlaceFactory()
    event = EventPageFactory()
    trail = trail_page(stops=[place_a, place_b])
    client.force_login(commune_staff())
    for url in (
        f"/admin/pages/add/cms/eventpage/{lille.pk}/",
        f"/admin/pages/add/cms/trailpage/{lille.pk}/",
        f"/admin/pages/add/cms/pointofinterestpage/{lille.pk}/",
        f"/admin/pages/{lille.pk}/edit/",
        f"/admin/pages/{event.pk}/edit/",
        f"/admin/pages/{trail.pk}/edit/",
        f"/admin/pages/{place_a.pk}/edit/",
    ):
        assert client.get(url).status_code == 200, url
