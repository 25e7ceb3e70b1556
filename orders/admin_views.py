"""The merchant's order screens in the Wagtail admin: their own shops only.

An order id of another shop answers 404, as if it did not exist. Every action is a
POST through ``services.shop_order_transition``; the screen only shows the buttons
the state table allows.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from orders import payments, selectors, services
from orders.states import (
    InvalidOrderTransition,
    ShopOrderStatus,
    transition_allowed,
)
from shops.models import ShopPage

S = ShopOrderStatus
ACTIONS = {
    "accept": S.ACCEPTED,
    "ready": S.READY,
    "collect": S.COLLECTED,
    "refuse": S.REFUSED,
    "cancel": S.CANCELLED,
}


def orders_list_view(request):
    show = "all" if request.GET.get("show") == "all" else "open"
    return TemplateResponse(
        request,
        "orders/admin/list.html",
        {
            "shop_orders": selectors.shop_orders_listing(request.user, show=show)[:300],
            "show": show,
            "shops": selectors.shops_with_click_and_collect(request.user),
            "payments_enabled": payments.payments_enabled(),
        },
    )


@require_http_methods(["GET", "POST"])
def order_detail_view(request, shop_order_id: int):
    shop_order = get_object_or_404(
        selectors.shop_orders_for(request.user).prefetch_related("lines"),
        pk=shop_order_id,
    )
    error = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "refund_lines":
                services.shop_order_refund_lines(
                    shop_order=shop_order, quantities=_quantities(request.POST)
                )
                messages.success(request, _("Refund sent to the customer."))
            elif action == "refund":
                services.shop_order_refund(shop_order=shop_order)
                messages.success(request, _("Refund sent to the customer."))
            elif action in ACTIONS:
                services.shop_order_transition(
                    shop_order=shop_order,
                    target=ACTIONS[action],
                    reason=request.POST.get("reason", ""),
                    code=request.POST.get("code", ""),
                )
                messages.success(
                    request,
                    _("Order %(ref)s: %(status)s.")
                    % {
                        "ref": shop_order.order.reference,
                        "status": S(ACTIONS[action]).label,
                    },
                )
            else:
                error = _("Unknown action.")
        except (InvalidOrderTransition, services.CodeMismatch, ValueError) as problem:
            error = str(problem)
        except payments.StripeError:
            error = _(
                "Stripe did not answer: nothing was refunded. Please try again in a "
                "few minutes."
            )
        if not error:
            if request.POST.get("next") == "list":
                return redirect("orders_admin_list")
            return redirect("orders_admin_detail", shop_order.pk)
    shop_order.refresh_from_db()
    allowed = {
        name
        for name, target in ACTIONS.items()
        if transition_allowed(shop_order.status, target)
    }
    return TemplateResponse(
        request,
        "orders/admin/detail.html",
        {
            "shop_order": shop_order,
            "order": shop_order.order,
            "lines": list(shop_order.lines.all()),
            "allowed": allowed,
            "error": error,
            "code": request.POST.get("code", request.GET.get("code", "")),
            "reason": request.POST.get("reason", ""),
            "can_refund": shop_order.is_online and shop_order.order.paid_at is not None,
        },
        status=400 if error else 200,
    )


def _quantities(data) -> dict[int, int]:
    quantities = {}
    for key, value in data.items():
        if key.startswith("refund_") and value.strip():
            try:
                quantities[int(key.removeprefix("refund_"))] = int(value)
            except ValueError:
                raise ValueError(
                    _("Give the quantities to refund as numbers.")
                ) from None
    return quantities


def _own_shop(request, page_id: int) -> ShopPage:
    shop = get_object_or_404(ShopPage, pk=page_id)
    user = request.user
    if not user.is_superuser and page_id not in selectors.shop_ids_owned_by(user):
        raise Http404
    return shop


# GET too: Stripe sends the merchant back here when an onboarding link expired.
@require_http_methods(["GET", "POST"])
def stripe_connect_view(request, page_id: int):
    shop = _own_shop(request, page_id)
    try:
        url = payments.connect_account_link(
            shop=shop, base_url=request.build_absolute_uri("/").rstrip("/")
        )
    except (payments.StripeError, payments.PaymentsUnavailable):
        messages.error(
            request, _("Stripe did not answer: please try again in a few minutes.")
        )
        return redirect("orders_admin_list")
    return redirect(url)


def stripe_return_view(request, page_id: int):
    shop = _own_shop(request, page_id)
    try:
        enabled = shop.stripe_account_id and payments.connect_account_refresh(shop=shop)
    except (payments.StripeError, payments.PaymentsUnavailable):
        enabled = False
    if enabled:
        messages.success(request, _("Your Stripe account can take online payments."))
    else:
        messages.warning(
            request,
            _(
                "Stripe has not finished checking your account yet: orders stay "
                "“pay at pickup” until it has."
            ),
        )
    return redirect("orders_admin_list")
