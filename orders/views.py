"""Public views: the basket, checkout, and the resident's order page.

Thin on purpose: every rule lives in ``basket``, ``services`` and ``slots``.
"""

import secrets

from django.contrib import messages
from django.contrib.auth.views import LoginView
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

import segno

from orders import basket as baskets
from orders import payments, services
from orders.forms import CheckoutForm
from orders.links import order_from_token, tracking_path
from orders.measurement import basket_line_added
from orders.states import OPEN_STATUSES, ShopOrderStatus
from web.forgery import same_site_post_only


def _basket(request, create=False):
    return baskets.basket_get(session=request.session, user=request.user, create=create)


def basket_view(request):
    parts = baskets.basket_parts(_basket(request))
    return render(
        request,
        "orders/basket.html",
        {
            "parts": parts,
            "total_cents": sum(part.total_cents for part in parts),
            "has_problems": any(part.problems for part in parts),
        },
    )


# No CSRF token: the button sits on cached public shop pages (see web.forgery for
# what protects it instead).
@csrf_exempt
@same_site_post_only
@require_POST
def basket_add_view(request):
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("orders:basket")
    try:
        line = baskets.basket_add(
            basket=_basket(request, create=True),
            product_id=request.POST.get("product"),
            quantity=request.POST.get("quantity", "1"),
            shop_id=request.POST.get("shop"),
        )
    except baskets.BasketError as error:
        messages.error(request, str(error))
        return redirect(back)
    basket_line_added.send(sender=None, request=request, shop_id=line.product.shop_id)
    messages.success(
        request,
        _("“%(product)s” is in your basket (%(quantity)s).")
        % {"product": line.product.name, "quantity": line.quantity},
    )
    return redirect(back)


@require_POST
def basket_update_view(request):
    basket = _basket(request)
    if basket is None:
        return redirect("orders:basket")
    try:
        if "remove" in request.POST:
            baskets.basket_remove(basket=basket, line_id=request.POST.get("remove"))
        else:
            baskets.basket_set_quantity(
                basket=basket,
                line_id=request.POST.get("line"),
                quantity=request.POST.get("quantity", ""),
            )
    except baskets.BasketError as error:
        messages.error(request, str(error))
    return redirect("orders:basket")


@require_http_methods(["GET", "POST"])
def checkout_view(request):
    basket = _basket(request)
    parts = baskets.basket_parts(basket)
    if not parts:
        messages.info(request, _("Your basket is empty."))
        return redirect("orders:basket")
    initial = {"checkout_token": secrets.token_urlsafe(24)}
    if request.user.is_authenticated:
        initial |= {"name": request.user.get_full_name(), "email": request.user.email}
    form = CheckoutForm(request.POST or None, parts=parts, initial=initial)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            order = services.order_place(
                basket=basket,
                customer=services.Customer(
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    language=get_language(),
                    user=request.user,
                ),
                pickups=form.pickups(),
                checkout_token=data["checkout_token"],
            )
        except services.OrderProblem as problem:
            problems = problem.messages
        else:
            return _after_order(request, basket, order)
    return render(
        request,
        "orders/checkout.html",
        {
            "form": form,
            "parts": parts,
            "problems": problems,
            "total_cents": sum(part.total_cents for part in parts),
        },
        status=400 if request.method == "POST" else 200,
    )


def _after_order(request, basket, order):
    products = list(
        order.shop_orders.values_list("lines__product_id", flat=True).distinct()
    )
    tracking = tracking_path(order)
    if not order.online_total_cents or order.paid_at:
        baskets.basket_clear(basket=basket, product_ids=products)
        return redirect(tracking)
    if order.stripe_session_url:
        # The same form sent twice: the payment page already exists.
        return redirect(order.stripe_session_url)
    try:
        session = payments.checkout_session_create(
            order=order,
            base_url=request.build_absolute_uri("/").rstrip("/"),
            tracking_url=tracking,
        )
    except (payments.StripeError, payments.PaymentsUnavailable):
        services.order_discard(order=order)
        messages.error(
            request,
            _(
                "Online payment is not available right now, so nothing was ordered "
                "or charged. Your basket is kept: please try again in a few minutes."
            ),
        )
        return redirect("orders:checkout")
    services.order_checkout_started(
        order=order, session_id=session.id, session_url=session.url
    )
    baskets.basket_clear(basket=basket, product_ids=products)
    return redirect(session.url)


def _qr_svg(shop_order, request) -> str:
    url = request.build_absolute_uri(
        reverse("orders_admin_detail", args=[shop_order.pk])
        + f"?code={shop_order.pickup_code}"
    )
    return segno.make(url, error="m").svg_inline(scale=4, dark="#1d1b16")


HAPPY_PATH = (
    ShopOrderStatus.PLACED,
    ShopOrderStatus.ACCEPTED,
    ShopOrderStatus.READY,
    ShopOrderStatus.COLLECTED,
)


def _progress(status: str) -> list[tuple[str, bool, bool]]:
    """The usual steps, each with (label, done, current); none off that path."""
    if status not in HAPPY_PATH:
        return []
    reached = HAPPY_PATH.index(status)
    return [
        (step.label, index <= reached, index == reached)
        for index, step in enumerate(HAPPY_PATH)
    ]


def track_view(request, token: str):
    order = order_from_token(token)
    if order is None:
        raise Http404
    shop_orders = list(
        order.shop_orders.select_related("shop__commune").prefetch_related("lines")
    )
    for shop_order in shop_orders:
        shop_order.steps = _progress(shop_order.status)
        shop_order.qr_svg = (
            _qr_svg(shop_order, request) if shop_order.status in OPEN_STATUSES else ""
        )
    return render(
        request,
        "orders/track.html",
        {
            "order": order,
            "shop_orders": shop_orders,
            "token": token,
            "just_paid": "paid" in request.GET,
        },
    )


@require_POST
def track_cancel_view(request, token: str, shop_order_id: int):
    order = order_from_token(token)
    shop_order = order and order.shop_orders.filter(pk=shop_order_id).first()
    if shop_order is None:
        raise Http404
    if shop_order.status not in (ShopOrderStatus.PLACED, ShopOrderStatus.ACCEPTED):
        messages.error(
            request,
            _("This order can no longer be cancelled here: please call the shop."),
        )
    else:
        services.shop_order_transition(
            shop_order=shop_order, target=ShopOrderStatus.CANCELLED
        )
        messages.success(
            request,
            _("Your order at %(shop)s is cancelled.") % {"shop": shop_order.shop.title},
        )
    return redirect("orders:track", token)


class ResidentLoginView(LoginView):
    """Residents with an account sign in here; their guest basket follows them."""

    template_name = "orders/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("orders:basket")
