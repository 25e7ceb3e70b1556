"""'Mon espace' and its pages. Thin: rules live in services, privacy and alerts."""

import json

from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from orders.links import tracking_path
from orders.states import ACTIVE_STATUSES
from residents import alerts, privacy, selectors, services
from residents.models import AlertSettings
from territory.communes import Commune


def _ids(request, name: str) -> set[int]:
    return {int(value) for value in request.POST.getlist(name) if value.isdigit()}


@login_required
def space_view(request):
    orders = list(selectors.orders_of(request.user))
    for order in orders:
        order.tracking = tracking_path(order)
        order.parts = list(order.shop_orders.all())
        for part in order.parts:
            part.cancellable = part.status in services.CANCELLABLE
    return render(
        request,
        "residents/space.html",
        {
            "orders": orders,
            "favourites": selectors.favourites_of(request.user),
            "communes": selectors.communes_of(request.user),
            "attachable": services.guest_orders_attachable(request.user).count(),
        },
    )


@login_required
@require_POST
def orders_attach_view(request):
    count = services.guest_orders_attach(user=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)s earlier order is now in your account.",
            "%(count)s earlier orders are now in your account.",
            count,
        )
        % {"count": count},
    )
    return redirect("residents:space")


@login_required
@require_POST
def order_cancel_view(request, shop_order_id: int):
    try:
        shop_order = services.shop_order_cancel(
            user=request.user, shop_order_id=shop_order_id
        )
    except services.ResidentError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Your order at %(shop)s is cancelled.") % {"shop": shop_order.shop.title},
        )
    return redirect("residents:space")


@login_required
@require_POST
def order_again_view(request, order_id: int):
    try:
        result = services.order_again(user=request.user, order_id=order_id)
    except services.ResidentError as error:
        messages.error(request, str(error))
        return redirect("residents:space")
    if result.added:
        messages.success(
            request,
            _("Back in your basket: %(products)s.")
            % {"products": ", ".join(result.added)},
        )
    for problem in result.unavailable:
        messages.warning(request, problem)
    return redirect("orders:basket")


@login_required
@require_http_methods(["GET", "POST"])
def favourites_view(request):
    """The list, and the toggle that the buttons on shop and place pages post."""
    if request.method == "POST":
        try:
            page, now_favourite = services.favourite_toggle(
                user=request.user,
                page_id=request.POST.get("page"),
                language=get_language(),
            )
        except services.ResidentError as error:
            messages.error(request, str(error))
        else:
            template = (
                _("“%(page)s” is in your favourites.")
                if now_favourite
                else _("“%(page)s” is no longer in your favourites.")
            )
            messages.success(request, template % {"page": page.title})
        back = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            return redirect(back)
        return redirect("residents:favourites")
    return render(
        request,
        "residents/favourites.html",
        {"favourites": selectors.favourites_of(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def communes_view(request):
    if request.method == "POST":
        try:
            if "remove" in request.POST:
                services.commune_remove(
                    user=request.user, commune_id=request.POST["remove"]
                )
            else:
                commune = services.commune_add(
                    user=request.user, commune_id=request.POST.get("commune")
                )
                messages.success(
                    request,
                    _("%(commune)s is one of your communes.") % {"commune": commune},
                )
        except services.ResidentError as error:
            messages.error(request, str(error))
        return redirect("residents:communes")
    chosen = selectors.communes_of(request.user)
    return render(
        request,
        "residents/communes.html",
        {
            "chosen": chosen,
            "choices": Commune.objects.exclude(
                pk__in=[c.commune_id for c in chosen]
            ).only("pk", "name"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def alerts_view(request):
    if request.method == "POST":
        services.alerts_update(
            user=request.user,
            digest="digest" in request.POST,
            closure_ids=_ids(request, "closure"),
            news_ids=_ids(request, "news"),
            event_commune_ids=_ids(request, "events"),
            language=get_language(),
        )
        messages.success(request, _("Your alert preferences are saved."))
        return redirect("residents:alerts")
    settings_row = AlertSettings.objects.filter(user=request.user).first()
    return render(
        request,
        "residents/alerts.html",
        {
            "digest": settings_row.digest if settings_row else True,
            "favourites": selectors.favourites_of(request.user),
            "communes": selectors.communes_of(request.user),
        },
    )


# The mail provider posts "List-Unsubscribe=One-Click" with no cookie (RFC 8058);
# the signed token in the address is the credential.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token: str):
    user_id = alerts.unsubscribe_user_id(token)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    if user is None:
        raise Http404
    if request.method == "POST":
        services.digest_unsubscribe(user=user)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(status=204)
        return render(request, "residents/unsubscribe.html", {"done": True})
    return render(request, "residents/unsubscribe.html", {"done": False})


@login_required
def export_view(request):
    data = privacy.account_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="vitrine-my-data-{day}.json"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_view(request):
    in_progress = (
        request.user.orders.filter(shop_orders__status__in=ACTIVE_STATUSES)
        .distinct()
        .count()
    )
    error = ""
    if request.method == "POST":
        try:
            privacy.account_delete(
                user=request.user,
                password=request.POST.get("password", ""),
                cancel_in_progress=request.POST.get("in_progress") != "keep",
            )
        except services.ResidentError as problem:
            error = str(problem)
        else:
            logout(request)
            messages.success(
                request, _("Your account is deleted. Thank you for using Vitrine.")
            )
            return redirect("/")
    return render(
        request,
        "residents/delete.html",
        {
            "in_progress": in_progress,
            "error": error,
            "manages_something": privacy.account_manages_something(request.user),
            "choice": request.POST.get("in_progress", "cancel"),
        },
        status=400 if error else 200,
    )
