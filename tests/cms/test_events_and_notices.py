"""Events: dates and places are checked; area notices reach the shops inside."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from cms.models import EventPage
from cms.selectors import notices_for_shop
from tests.factories.pages import EventPageFactory, ShopPageFactory

pytestmark = pytest.mark.django_db

PARIS_NOTRE_DAME = (48.8530, 2.3499)
ROUBAIX_GRAND_PLACE = (50.6903, 3.1817)


def test_an_event_ending_before_it_starts_is_refused_with_a_clear_message():
    start = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        EventPageFactory(starts_at=start, ends_at=start - timedelta(hours=2))
    assert "ends_at" in error.value.message_dict
    assert "se termine avant de commencer" in str(error.value.message_dict["ends_at"])


def test_an_event_outside_the_metropolis_is_refused():
    with pytest.raises(ValidationError) as error:
        EventPageFactory(latitude=PARIS_NOTRE_DAME[0], longitude=PARIS_NOTRE_DAME[1])
    assert "métropole lilloise" in str(error.value.message_dict["latitude"])


def test_an_event_of_lille_cannot_be_placed_in_roubaix():
    with pytest.raises(ValidationError) as error:
        EventPageFactory(
            latitude=ROUBAIX_GRAND_PLACE[0], longitude=ROUBAIX_GRAND_PLACE[1]
        )
    assert "Roubaix" in str(error.value.message_dict["latitude"])


def test_a_radius_needs_a_point_and_a_size():
    with pytest.raises(ValidationError) as error:
        EventPageFactory(area="radius", latitude=None, longitude=None, radius_m=300)
    assert "latitude" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        EventPageFactory(area="radius", radius_m=None)
    assert "radius_m" in error.value.message_dict


def test_a_half_given_point_is_refused():
    with pytest.raises(ValidationError) as error:
        EventPageFactory(longitude=None)
    assert "latitude" in error.value.message_dict


def test_a_commune_wide_notice_reaches_every_shop_of_the_commune_only():
    lille_shop = ShopPageFactory()
    roubaix_shop = ShopPageFactory(
        insee_code="59512",
        latitude=ROUBAIX_GRAND_PLACE[0],
        longitude=ROUBAIX_GRAND_PLACE[1],
    )
    braderie = EventPageFactory(
        kind="braderie", area="commune", notice="Centre fermé à la circulation"
    )
    notices = EventPage.notices_for_shops([lille_shop, roubaix_shop])
    assert notices == {lille_shop.pk: [braderie], roubaix_shop.pk: []}


def test_a_radius_notice_reaches_the_shops_within_the_radius():
    near = ShopPageFactory(latitude=50.6370, longitude=3.0640)  # about 50 m away
    far = ShopPageFactory(latitude=50.6290, longitude=3.0500)  # about 1.3 km away
    works = EventPageFactory(
        kind="road_works",
        area="radius",
        radius_m=300,
        notice="Rue Nationale fermée 7:00-14:00",
    )
    assert notices_for_shop(near) == [works]
    assert notices_for_shop(far) == []


def test_place_only_past_far_and_unpublished_events_give_no_notice():
    shop = ShopPageFactory()
    EventPageFactory(area="place")
    EventPageFactory(
        area="commune",
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=2),
    )
    EventPageFactory(area="commune", starts_at=timezone.now() + timedelta(days=40))
    EventPageFactory(area="commune").unpublish()
    assert notices_for_shop(shop) == []


def test_the_shop_page_shows_the_notice_of_its_area(client):
    shop = ShopPageFactory()
    market = EventPageFactory(
        title="Marché de Wazemmes",
        area="radius",
        radius_m=500,
        notice="Jour de marché : rue des Sarrazins fermée 7:00-14:00",
    )
    html = client.get(shop.url).content.decode()
    assert "Jour de marché : rue des Sarrazins fermée 7:00-14:00" in html
    assert f'href="{market.url}"' in html


def test_an_event_page_shows_its_dates_and_its_notice(client):
    event = EventPageFactory(
        title="Braderie de Lille", area="commune", notice="Centre fermé aux voitures"
    )
    response = client.get(event.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Braderie de Lille" in html and "Centre fermé aux voitures" in html
    assert f'datetime="{timezone.localtime(event.starts_at).isoformat()}' in html
