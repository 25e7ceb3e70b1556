"""A resident's data in their hands: the export, account deletion, anonymisation.

Orders stay in the shops' books (they are their sales), but without the person:
name, email and phone are replaced. An order still in progress is cancelled or kept
as the resident chooses; a kept one is collected with its pickup code alone (the
shop can no longer email or call about it, and the page says so before confirming).
"""

from datetime import datetime

from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from allauth.account.models import EmailAddress

from orders import services as order_services
from orders.models import Order, ShopOrder
from orders.states import ACTIVE_STATUSES, ShopOrderStatus
from residents.models import AlertSettings, DigestSent, Favourite, ResidentCommune
from residents.selectors import favourites_of
from residents.services import CANCELLABLE, ResidentError

ANONYMISED_NAME = "—"
# A reserved top-level domain (RFC 2606): mail to it can never reach anyone.
ANONYMISED_EMAIL = "anonymised@vitrine.invalid"


def account_export(*, user) -> dict:
    """Everything Vitrine keeps about the account, as plain JSON-ready values."""
    alerts = AlertSettings.objects.filter(user=user).first()
    orders = (
        Order.objects.filter(user=user)
        .prefetch_related("shop_orders__lines", "shop_orders__shop")
        .order_by("-created_at")
    )
    return {
        "account": {
            "email": user.email,
            "name": user.get_full_name(),
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in EmailAddress.objects.filter(user=user)
            ],
        },
        "favourites": [
            {
                "page_id": favourite.page_id,
                "title": favourite.page.title,
                "url": favourite.page.url,
                "since": favourite.created_at.isoformat(),
                "closure_alerts": favourite.alert_closure,
                "news_in_digest": favourite.alert_news,
            }
            for favourite in favourites_of(user)
        ],
        "communes": [
            {
                "insee_code": chosen.commune.insee_code,
                "name": chosen.commune.name,
                "events_in_digest": chosen.alert_events,
            }
            for chosen in ResidentCommune.objects.filter(user=user).select_related(
                "commune"
            )
        ],
        "alerts": {
            "weekly_digest": alerts.digest if alerts else True,
            "language": alerts.language if alerts else "fr",
            "digests_sent": [
                sent.week.isoformat()
                for sent in DigestSent.objects.filter(user=user).order_by("week")
            ],
        },
        "orders": [_order_export(order) for order in orders],
    }


def _order_export(order: Order) -> dict:
    return {
        "reference": order.reference,
        "placed_at": order.created_at.isoformat(),
        "name": order.customer_name,
        "email": order.customer_email,
        "phone": order.customer_phone,
        "currency": order.currency,
        "parts": [
            {
                "shop": part.shop.title,
                "status": part.status,
                "pickup_at": part.pickup_at.isoformat(),
                "pickup_code": part.pickup_code,
                "total_cents": part.total_cents,
                "lines": [
                    {
                        "product": line.product_name,
                        "unit_price_cents": line.unit_price_cents,
                        "quantity": line.quantity,
                    }
                    for line in part.lines.all()
                ],
            }
            for part in order.shop_orders.all()
        ],
    }


def account_manages_something(user) -> bool:
    """Merchants and staff close their account with the platform, not alone."""
    if user.is_staff or user.is_superuser:
        return True
    admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    return user.groups.filter(permissions__in=admin).exists()


def orders_anonymise(orders) -> int:
    return orders.update(
        user=None,
        customer_name=ANONYMISED_NAME,
        customer_email=ANONYMISED_EMAIL,
        customer_phone="",
    )


def account_delete(*, user, password: str, cancel_in_progress: bool) -> int:
    """Delete the account; returns how many orders in progress were cancelled.

    Cancellations go first, each in its own transaction, so their confirmation
    emails still reach the resident before the address is replaced.
    """
    if account_manages_something(user):
        raise ResidentError(
            _(
                "This account also manages a shop or a commune: please ask the "
                "platform's team to close it."
            )
        )
    if not user.check_password(password):
        raise ResidentError(_("This is not your password: please type it again."))
    cancelled = 0
    if cancel_in_progress:
        for shop_order in ShopOrder.objects.filter(
            order__user=user, status__in=CANCELLABLE
        ):
            order_services.shop_order_transition(
                shop_order=shop_order, target=ShopOrderStatus.CANCELLED
            )
            cancelled += 1
    with transaction.atomic():
        orders_anonymise(Order.objects.filter(user=user))
        Favourite.objects.filter(user=user).delete()
        ResidentCommune.objects.filter(user=user).delete()
        user.delete()
    return cancelled


def months_before(moment: datetime, months: int) -> datetime:
    """The same day ``months`` earlier (the last day of a shorter month)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for day in range(moment.day, 27, -1):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return moment.replace(year=year, month=month, day=min(moment.day, 28))


def guest_orders_anonymise(*, months: int, now: datetime | None = None) -> int:
    """Anonymise orders without an account whose last pickup is ``months`` old.

    An order with a part still in progress waits; one already anonymised is left.
    """
    cutoff = months_before(now or timezone.now(), months)
    finished = (
        Order.objects.filter(user=None)
        .exclude(customer_email=ANONYMISED_EMAIL)
        .exclude(shop_orders__status__in=ACTIVE_STATUSES)
        .annotate(last_pickup=Max("shop_orders__pickup_at"))
        .filter(Q(last_pickup__lt=cutoff) | Q(last_pickup=None, created_at__lt=cutoff))
    )
    return orders_anonymise(Order.objects.filter(pk__in=finished.values("pk")))
