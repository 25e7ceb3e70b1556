from django.utils import translation

import pytest

from shops.listing.categories import categories_load
from shops.models import Category, Family

pytestmark = pytest.mark.django_db


def test_the_taxonomy_covers_every_family_with_osm_tags():
    assert Category.objects.count() > 100
    for family in Family.values:
        assert Category.objects.filter(family=family).exists(), family
    assert set(
        Category.objects.filter(family="crafts").values_list("osm_key", flat=True)
    ) == {"craft"}
    bakery = Category.objects.get(osm_key="shop", osm_value="bakery")
    assert bakery.osm_tag == "shop=bakery"
    assert bakery.family == Family.FOOD


def test_category_names_follow_the_visitor_language():
    bakery = Category.objects.get(osm_key="shop", osm_value="bakery")
    assert bakery.name == "Boulangerie"
    with translation.override("en"):
        assert bakery.name == "Bakery"
    with translation.override("nl"):
        assert bakery.name == "Bakkerij"


def test_loading_the_categories_again_changes_nothing():
    before = Category.objects.count()
    summary = categories_load()
    assert (summary.created, summary.updated) == (0, 0)
    assert summary.unchanged == before == Category.objects.count()
