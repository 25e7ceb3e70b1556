"""Reads for a resident's own pages: favourites, communes, orders."""

from django.db.models import QuerySet

from wagtail.models import Page

from orders.models import Order
from residents.models import Favourite, ResidentCommune


def favourites_of(user) -> list[Favourite]:
    """The resident's favourites whose page is still online (others wait hidden)."""
    favourites = list(
        Favourite.objects.filter(user=user, page__live=True).select_related("page")
    )
    specific = {
        page.pk: page
        for page in Page.objects.filter(
            pk__in=[f.page_id for f in favourites]
        ).specific()
    }
    for favourite in favourites:
        favourite.page = specific.get(favourite.page_id, favourite.page)
    return favourites


def is_favourite(user, page_id: int) -> bool:
    return Favourite.objects.filter(user=user, page_id=page_id).exists()


def communes_of(user) -> QuerySet[ResidentCommune]:
    return ResidentCommune.objects.filter(user=user).select_related("commune")


def home_commune_codes(user) -> list[str]:
    """The INSEE codes of the communes a resident lives or works in: their search
    results serve these first (``SEARCH_HOME_COMMUNES``)."""
    return list(
        ResidentCommune.objects.filter(user=user).values_list(
            "commune__insee_code", flat=True
        )
    )


def orders_of(user) -> QuerySet[Order]:
    return (
        Order.objects.filter(user=user)
        .prefetch_related("shop_orders__shop", "shop_orders__lines")
        .order_by("-created_at", "-pk")
    )
