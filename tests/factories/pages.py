"""Factories for pages, placed in the real page tree under real commune pages."""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

import factory

from cms.models import CommunePage, EventPage, PointOfInterestPage, TrailPage, TrailStop
from shops.models import Category, Product, ShopPage


def commune_page(insee_code: str = "59350") -> CommunePage:
    return CommunePage.objects.get(commune__insee_code=insee_code)


class ShopPageFactory(factory.Factory):
    """Builds a ShopPage and adds it under its commune's page (Lille by default)."""

    class Meta:
        model = ShopPage

    title = factory.Sequence(lambda n: f"Boutique d'essai {n}")
    slug = factory.Sequence(lambda n: f"boutique-essai-{n}")
    category = factory.LazyFunction(
        lambda: Category.objects.get(osm_value="bakery", osm_key="shop")
    )
    pitch = "Pain au levain cuit sur place"
    street_address = "12 rue Nationale"
    postal_code = "59000"
    latitude = 50.6366
    longitude = 3.0635
    opening_hours = "Tu-Sa 07:00-13:00,15:00-19:30; Su 07:00-12:30; PH off"

    @classmethod
    def _create(cls, model_class, *args, insee_code="59350", products=(), **kwargs):
        shop = model_class(*args, **kwargs)
        for position, product in enumerate(products):
            shop.products.add(Product(sort_order=position, **product))
        commune_page(insee_code).add_child(instance=shop)
        return shop


class PlaceFactory(factory.Factory):
    class Meta:
        model = PointOfInterestPage

    title = factory.Sequence(lambda n: f"Lieu d'essai {n}")
    slug = factory.Sequence(lambda n: f"lieu-essai-{n}")
    kind = PointOfInterestPage.Kind.MUSEUM
    summary = "Un lieu pour les essais."
    latitude = 50.6366
    longitude = 3.0635

    @classmethod
    def _create(cls, model_class, *args, insee_code="59350", **kwargs):
        place = model_class(*args, **kwargs)
        commune_page(insee_code).add_child(instance=place)
        return place


class EventPageFactory(factory.Factory):
    """An event under its commune's page (Lille by default), a week from now."""

    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Événement d'essai {n}")
    slug = factory.Sequence(lambda n: f"evenement-essai-{n}")
    kind = EventPage.Kind.MARKET
    summary = "Un événement pour les essais."
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=2))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=6))
    latitude = 50.6366
    longitude = 3.0635

    @classmethod
    def _create(cls, model_class, *args, insee_code="59350", **kwargs):
        event = model_class(*args, **kwargs)
        commune_page(insee_code).add_child(instance=event)
        return event


def trail_page(*, title="Parcours d'essai", stops=(), parent=None) -> TrailPage:
    """A trail through ``stops`` (pages), under Lille's page unless told otherwise."""
    trail = TrailPage(title=title, slug=slugify(title), summary="Une promenade.")
    for position, page in enumerate(stops):
        trail.stops.add(TrailStop(page=page, sort_order=position, visit_minutes=10))
    (parent or commune_page()).add_child(instance=trail)
    return trail
