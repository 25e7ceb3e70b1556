from collections import Counter

from django.core.management import call_command

import pytest

from cms.models import Commune, PointOfInterestPage
from demo.seed import allocate, plan_places, plan_shops
from shops.models import Category, Product, ShopPage
from territory.hours import hours_validate

pytestmark = pytest.mark.django_db


@pytest.fixture
def communes():
    return list(Commune.objects.all())


def test_allocation_follows_weights_and_gives_everyone_the_minimum():
    counts = allocate(10, {"big": 90, "small": 9, "tiny": 1}, minimum=1)
    assert counts == {"big": 7, "small": 2, "tiny": 1}
    assert (
        sum(allocate(1500, {str(n): n for n in range(1, 96)}, minimum=1).values())
        == 1500
    )


def test_the_demo_plan_is_identical_on_every_run(communes):
    first, second = plan_shops(communes), plan_shops(list(reversed(communes)))
    assert first == second
    assert len(first) == 1500
    assert plan_places(communes) == plan_places(communes)
    assert len(plan_places(communes)) == 100


def test_shops_are_spread_over_every_commune_in_proportion_to_population(communes):
    per_commune = Counter(spec.commune_insee for spec in plan_shops(communes))
    assert set(per_commune) == {commune.insee_code for commune in communes}
    assert per_commune["59350"] > per_commune["59512"] > per_commune["59017"] > 1


def test_every_planned_shop_is_believable(communes):
    by_insee = {commune.insee_code: commune for commune in communes}
    categories = {category.osm_tag for category in Category.objects.all()}
    specs = plan_shops(communes)
    for spec in specs:
        assert by_insee[spec.commune_insee].contains(
            latitude=spec.latitude, longitude=spec.longitude
        ), spec
        hours_validate(spec.opening_hours)
        assert spec.category_tag in categories
        assert spec.postal_code in by_insee[spec.commune_insee].postal_codes
        assert all(product.price_cents > 0 for product in spec.products)
    slugs = Counter((spec.commune_insee, spec.slug) for spec in specs)
    assert slugs.most_common(1)[0][1] == 1
    opening_patterns = {spec.opening_hours for spec in specs}
    assert any("PH off" in value for value in opening_patterns)
    assert any(value.startswith("Tu-") for value in opening_patterns)  # closed Mondays
    assert any("Su " in value for value in opening_patterns)  # Sunday mornings


def test_seeding_the_demo_twice_changes_nothing(capsys):
    call_command("load_demo", shops=40, places=5)
    assert "Demo shops: 40 created" in capsys.readouterr().out
    counts = (
        ShopPage.objects.count(),
        PointOfInterestPage.objects.count(),
        Product.objects.count(),
    )
    assert counts[0] == 40 and counts[1] == 5 and counts[2] >= 40 * 3
    call_command("load_demo", shops=40, places=5)
    out = capsys.readouterr().out
    assert "Demo shops: 0 created, 0 updated, 40 unchanged" in out
    assert "Demo places: 0 created, 0 updated, 5 unchanged" in out
    assert (
        ShopPage.objects.count(),
        PointOfInterestPage.objects.count(),
        Product.objects.count(),
    ) == counts


def test_demo_shops_are_live_with_a_picture_and_their_commune():
    call_command("load_demo", shops=20, places=2)
    shop = ShopPage.objects.live().select_related("commune", "image").first()
    assert shop.image is not None and shop.image.width == 960
    assert shop.commune.contains(latitude=shop.latitude, longitude=shop.longitude)
