"""Admin screens for verifying, unpublishing and confirming a shop's hours.

Each screen checks who is asking before showing anything: a page id of another
commune, or of another merchant's shop, answers 404 as if it did not exist.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from shops.access.permissions import (
    shop_ids_owned_by,
    user_is_commune_staff,
    user_may_confirm_hours,
)
from shops.merchants.exports import merchant_data_zip
from shops.models import QuoteRequest, ShopPage
from shops.verification.services import (
    ReasonRequired,
    shop_hours_confirm,
    shop_unpublish_for_abuse,
    shop_verify,
)


def _shop_for_staff(request, page_id: int) -> ShopPage:
    shop = get_object_or_404(ShopPage.objects.select_related("commune"), pk=page_id)
    if not user_is_commune_staff(request.user, shop.commune):
        raise Http404
    return shop


@require_http_methods(["GET", "POST"])
def shop_verify_view(request, page_id: int):
    shop = _shop_for_staff(request, page_id)
    if request.method == "POST":
        shop_verify(shop=shop, by=request.user)
        messages.success(
            request, _("“%(title)s” is verified and published.") % {"title": shop.title}
        )
        return redirect("wagtailadmin_explore", shop.get_parent().pk)
    return TemplateResponse(request, "shops/admin/verify.html", {"shop": shop})


@require_http_methods(["GET", "POST"])
def shop_unpublish_view(request, page_id: int):
    shop = _shop_for_staff(request, page_id)
    error = ""
    if request.method == "POST":
        try:
            shop_unpublish_for_abuse(
                shop=shop, by=request.user, reason=request.POST.get("reason", "")
            )
        except ReasonRequired as problem:
            error = str(problem)
        else:
            messages.success(
                request,
                _("“%(title)s” is unpublished; its merchant has been told why.")
                % {"title": shop.title},
            )
            return redirect("wagtailadmin_explore", shop.get_parent().pk)
    return TemplateResponse(
        request,
        "shops/admin/unpublish.html",
        {"shop": shop, "error": error, "reason": request.POST.get("reason", "")},
        status=400 if error else 200,
    )


@require_POST
def shop_hours_confirm_view(request, page_id: int):
    shop = get_object_or_404(ShopPage.objects.select_related("commune"), pk=page_id)
    if not user_may_confirm_hours(request.user, shop):
        raise Http404
    shop_hours_confirm(shop=shop, by=request.user)
    messages.success(
        request, _("Thank you: your hours are marked as still accurate today.")
    )
    return redirect("wagtailadmin_pages:edit", shop.pk)


def quote_requests_view(request):
    """Requests received by the shops this user runs: for the craftworker alone.

    Commune staff and administrators edit shops but do not read what residents
    wrote to a craftworker (see the privacy page).
    """
    requests = QuoteRequest.objects.select_related("shop", "commune").filter(
        shop__in=shop_ids_owned_by(request.user)
    )
    if request.method == "POST":
        quote = get_object_or_404(requests, pk=request.POST.get("handled"))
        quote.handled = True
        quote.save(update_fields=["handled"])
        return redirect("shop_quote_requests")
    return TemplateResponse(
        request, "shops/admin/quote_requests.html", {"quote_requests": requests[:200]}
    )


def my_data_view(request):
    """Download everything about one's own shops (JSON and CSV in a ZIP)."""
    response = HttpResponse(
        merchant_data_zip(request.user), content_type="application/zip"
    )
    response["Content-Disposition"] = 'attachment; filename="vitrine-my-data.zip"'
    return response
