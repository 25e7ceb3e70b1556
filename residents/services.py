"""Writes on a resident's own things: favourites, communes, alert choices, orders.

Each service takes the signed-in user and touches only rows that belong to them,
so a view cannot reach another resident's data by passing an id.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from wagtail.models import Page

from allauth.account.models import EmailAddress

from cms.models import PointOfInterestPage
from orders import basket as baskets
from orders import services as order_services
from orders.models import Order, ShopOrder
from orders.states import ShopOrderStatus
from residents.models import AlertSettings, Favourite, ResidentCommune
from shops.models import ShopPage
from territory.communes import Commune

# Pages a resident can follow: shops and places (their closures matter to them).
FAVOURITE_TYPES = (ShopPage, PointOfInterestPage)
# What a resident may cancel themselves (the tracking page allows the same).
CANCELLABLE = (ShopOrderStatus.PLACED, ShopOrderStatus.ACCEPTED)


class ResidentError(Exception):
    """A request refused, with a sentence saying what to do instead."""


def _followable(page_id) -> Page:
    try:
        page = Page.objects.live().get(pk=int(page_id)).specific
    except (TypeError, ValueError, Page.DoesNotExist):
        raise ResidentError(
            _("This page cannot be added to your favourites.")
        ) from None
    if not isinstance(page, FAVOURITE_TYPES):
        raise ResidentError(_("Only shops and places can be favourites."))
    return page


def favourite_toggle(*, user, page_id, language: str = "fr") -> tuple[Page, bool]:
    """Follow the page, or stop following it; True when it is now a favourite.

    A favourite whose page went offline can still be removed (it is only hidden).
    """
    existing = Favourite.objects.filter(user=user, page_id=_int_or_none(page_id))
    if existing.exists():
        page = existing.first().page
        existing.delete()
        return page, False
    page = _followable(page_id)
    Favourite.objects.get_or_create(user=user, page=page)
    alert_settings_language_set(user=user, language=language)
    return page, True


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def alert_settings_language_set(*, user, language: str) -> None:
    AlertSettings.objects.update_or_create(user=user, defaults={"language": language})


@transaction.atomic
def alerts_update(
    *,
    user,
    digest: bool,
    closure_ids: set[int],
    news_ids: set[int],
    event_commune_ids: set[int],
    language: str,
) -> None:
    """Save the preferences page: every checkbox not sent is off."""
    AlertSettings.objects.update_or_create(
        user=user, defaults={"digest": digest, "language": language}
    )
    for favourite in Favourite.objects.filter(user=user):
        favourite.alert_closure = favourite.pk in closure_ids
        favourite.alert_news = favourite.pk in news_ids
        favourite.save(update_fields=["alert_closure", "alert_news"])
    for chosen in ResidentCommune.objects.filter(user=user):
        chosen.alert_events = chosen.commune_id in event_commune_ids
        chosen.save(update_fields=["alert_events"])


def digest_unsubscribe(*, user) -> None:
    AlertSettings.objects.update_or_create(user=user, defaults={"digest": False})


def commune_add(*, user, commune_id) -> Commune:
    commune = Commune.objects.filter(pk=_int_or_none(commune_id)).first()
    if commune is None:
        raise ResidentError(_("Please choose one of the communes of the list."))
    ResidentCommune.objects.get_or_create(user=user, commune=commune)
    return commune


def commune_remove(*, user, commune_id) -> None:
    ResidentCommune.objects.filter(
        user=user, commune_id=_int_or_none(commune_id)
    ).delete()


def _verified_emails_filter(user) -> Q | None:
    emails = EmailAddress.objects.filter(user=user, verified=True).values_list(
        "email", flat=True
    )
    query = None
    for email in emails:
        match = Q(customer_email__iexact=email)
        query = match if query is None else query | match
    return query


def guest_orders_attachable(user):
    """Orders placed as a guest with one of the account's verified addresses."""
    query = _verified_emails_filter(user)
    if query is None:
        return Order.objects.none()
    return Order.objects.filter(query, user=None)


def guest_orders_attach(*, user) -> int:
    """Make earlier guest orders with a verified address of the account its own.

    Only verified addresses count: typing someone's email at checkout must not
    hand their orders to whoever opens an account with it unverified.
    """
    return guest_orders_attachable(user).update(user=user)


def shop_order_cancel(*, user, shop_order_id) -> ShopOrder:
    shop_order = (
        ShopOrder.objects.select_related("shop", "order")
        .filter(order__user=user, pk=_int_or_none(shop_order_id))
        .first()
    )
    if shop_order is None:
        raise ResidentError(_("This order is not one of yours."))
    if shop_order.status not in CANCELLABLE:
        raise ResidentError(
            _("This order can no longer be cancelled here: please call the shop.")
        )
    return order_services.shop_order_transition(
        shop_order=shop_order, target=ShopOrderStatus.CANCELLED
    )


@dataclass
class OrderAgainResult:
    added: list[str] = field(default_factory=list)
    unavailable: list[str] = field(default_factory=list)


def order_again(*, user, order_id) -> OrderAgainResult:
    """Refill the basket with what can still be ordered of an earlier order."""
    order = Order.objects.filter(user=user, pk=_int_or_none(order_id)).first()
    if order is None:
        raise ResidentError(_("This order is not one of yours."))
    basket = baskets.basket_get(session=None, user=user, create=True)
    result = OrderAgainResult()
    for shop_order in order.shop_orders.prefetch_related("lines"):
        for line in shop_order.lines.all():
            if line.product_id is None:
                result.unavailable.append(
                    _("“%(product)s” is no longer sold.")
                    % {"product": line.product_name}
                )
                continue
            try:
                baskets.basket_add(
                    basket=basket, product_id=line.product_id, quantity=line.quantity
                )
            except baskets.BasketError as error:
                result.unavailable.append(f"{line.product_name}: {error}")
            else:
                result.added.append(line.product_name)
    return result
