"""Who may curate what: staff inside their commune, metropolitan editors on trails.

The matrix asks Wagtail's own permission tables (what the admin itself obeys) for
each role, action and target; the HTTP tests post the admin's forms; the walk
hits every admin URL taking an id with the drafts of another commune.
"""

from django.utils import timezone

from wagtail.test.utils.form_data import nested_form_data, rich_text

import pytest

from cms.models import EventPage, TrailPage, TrailsIndexPage
from tests.factories.pages import (
    EventPageFactory,
    PlaceFactory,
    commune_page,
    trail_page,
)
from tests.factories.people import (
    commune_staff,
    merchant_with_shop,
    metropolitan_editor,
)
from tests.shops.test_permission_matrix import _walk

pytestmark = pytest.mark.django_db

SECRET_EVENT = "Fête secrète de Lille"
SECRET_TRAIL = "Parcours secret de Lille"
SECRET_PLACE = "Lieu secret de Lille"


@pytest.fixture
def people():
    _merchant, _shop = merchant_with_shop()
    return {
        "lille staff": commune_staff(),
        "roubaix staff": commune_staff(insee_code="59512", username="agent.roubaix"),
        "metropolitan editor": metropolitan_editor(),
        "merchant": _merchant,
    }


@pytest.fixture
def targets():
    place_a, place_b = PlaceFactory(), PlaceFactory()
    metro_trail = trail_page(
        title="Parcours de la métropole",
        stops=[place_a, place_b],
        parent=TrailsIndexPage.objects.get(),
    )
    return {
        "lille page": commune_page(),
        "roubaix page": commune_page("59512"),
        "lille event": EventPageFactory(),
        "lille trail": trail_page(stops=[place_a, place_b]),
        "trails index": TrailsIndexPage.objects.get(),
        "metropolitan trail": metro_trail,
    }


# (role, action, target): allowed. Actions are Wagtail's page permissions.
MATRIX = [
    ("lille staff", "add", "lille page", True),
    ("lille staff", "edit", "lille page", True),
    ("lille staff", "edit", "lille event", True),
    ("lille staff", "publish", "lille event", True),
    ("lille staff", "edit", "lille trail", True),
    ("lille staff", "add", "roubaix page", False),
    ("lille staff", "edit", "roubaix page", False),
    ("lille staff", "add", "trails index", False),
    ("lille staff", "edit", "metropolitan trail", False),
    ("roubaix staff", "add", "lille page", False),
    ("roubaix staff", "edit", "lille event", False),
    ("roubaix staff", "publish", "lille event", False),
    ("roubaix staff", "edit", "lille trail", False),
    ("metropolitan editor", "add", "trails index", True),
    ("metropolitan editor", "edit", "metropolitan trail", True),
    ("metropolitan editor", "publish", "metropolitan trail", True),
    ("metropolitan editor", "add", "lille page", False),
    ("metropolitan editor", "edit", "lille event", False),
    ("metropolitan editor", "edit", "lille trail", False),
    ("merchant", "add", "lille page", False),
    ("merchant", "edit", "lille event", False),
    ("merchant", "add", "trails index", False),
]


@pytest.mark.parametrize(("role", "action", "target", "allowed"), MATRIX)
def test_permission_matrix(people, targets, role, action, target, allowed):
    permissions = targets[target].permissions_for_user(people[role])
    check = {
        "add": permissions.can_add_subpage,
        "edit": permissions.can_edit,
        "publish": permissions.can_publish,
    }[action]
    assert check() is allowed


def _event_form(title: str) -> dict:
    start = timezone.localtime() + timezone.timedelta(days=3)
    end = start + timezone.timedelta(hours=5)
    return nested_form_data(
        {
            "title": title,
            "slug": "fete",
            "kind": "festival",
            "summary": "Une fête.",
            "body": rich_text(""),
            "starts_at": start.strftime("%Y-%m-%d %H:%M"),
            "ends_at": end.strftime("%Y-%m-%d %H:%M"),
            "area": "place",
            "latitude": "50.6366",
            "longitude": "3.0635",
            "action-publish": "1",
        }
    )


def test_lille_staff_publish_an_event_in_lille(client, people):
    client.force_login(people["lille staff"])
    url = f"/admin/pages/add/cms/eventpage/{commune_page().pk}/"
    response = client.post(url, _event_form("Fête de quartier"))
    assert response.status_code == 302, response.content.decode()[:2000]
    event = EventPage.objects.get(title="Fête de quartier")
    assert event.live and event.commune.name == "Lille"


def test_an_event_form_with_its_end_first_says_so_and_creates_nothing(client, people):
    client.force_login(people["lille staff"])
    data = _event_form("Fête à l'envers")
    data["starts_at"], data["ends_at"] = data["ends_at"], data["starts_at"]
    response = client.post(f"/admin/pages/add/cms/eventpage/{commune_page().pk}/", data)
    assert response.status_code == 200
    assert "se termine avant de commencer" in response.content.decode()
    assert not EventPage.objects.exists()


def test_roubaix_staff_cannot_add_an_event_to_lille(client, people):
    client.force_login(people["roubaix staff"])
    url = f"/admin/pages/add/cms/eventpage/{commune_page().pk}/"
    response = client.post(url, _event_form("Fête pirate"))
    assert response.status_code in (302, 403)
    assert not EventPage.objects.filter(title="Fête pirate").exists()


def test_lille_staff_cannot_add_a_trail_to_the_metropolis(client, people):
    client.force_login(people["lille staff"])
    index = TrailsIndexPage.objects.get()
    response = client.get(f"/admin/pages/add/cms/trailpage/{index.pk}/")
    assert response.status_code in (302, 403)
    assert not TrailPage.objects.exists()


def test_staff_and_editors_have_their_own_collection_for_photos(people):
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(get_image_model())
    for role, collection in (
        ("lille staff", "Lille (59350)"),
        ("metropolitan editor", "Métropole"),
    ):
        names = {
            c.name
            for c in policy.collections_user_has_permission_for(people[role], "add")
        }
        assert names == {collection}


def test_staff_of_another_commune_get_nothing_of_lilles_drafts(client, people):
    place_a, place_b = PlaceFactory(), PlaceFactory()
    event = EventPageFactory(title=SECRET_EVENT)
    trail = trail_page(title=SECRET_TRAIL, stops=[place_a, place_b])
    place = PlaceFactory(title=SECRET_PLACE)
    for page in (event, trail, place):
        page.unpublish()
        page.save_revision(user=people["lille staff"])
    client.force_login(people["roubaix staff"])
    ids = {"event": event.pk, "trail": trail.pk, "place": place.pk}
    assert _walk(client, ids, secrets=(SECRET_EVENT, SECRET_TRAIL, SECRET_PLACE)) == []
    assert not EventPage.objects.get(pk=event.pk).live
