"""Public views for merchants: signing up and confirming the email address."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from django_ratelimit.decorators import ratelimit

from shops.listing.forms import MerchantSignupForm, QuoteRequestForm
from shops.listing.quotes import quote_request_create
from shops.merchants.signup import (
    ConfirmationInvalid,
    SignupRequest,
    merchant_confirm_email,
    merchant_signup,
)
from shops.models import ShopPage
from web.forgery import same_site_post_only


def rate_limited(request):
    """What a client over a rate limit sees; nothing it sent was stored."""
    response = render(request, "shops/rate_limited.html", status=429)
    response["Retry-After"] = "3600"
    return response


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate="5/h", method="POST", block=False)
def merchant_signup_view(request):
    if getattr(request, "limited", False):
        return rate_limited(request)
    form = MerchantSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        merchant_signup(
            request=SignupRequest(
                business_name=data["business_name"],
                siret=data["siret"],
                commune=data["commune"],
                category=data["category"],
                email=data["email"],
                password=data["password"],
            ),
            language=get_language(),
        )
        # Same answer whether the address was new or not: no account enumeration.
        return render(request, "shops/signup_done.html", {"email": data["email"]})
    return render(request, "shops/signup.html", {"form": form})


@require_http_methods(["GET"])
def merchant_confirm_view(request, token: str):
    try:
        merchant_confirm_email(token=token)
    except ConfirmationInvalid:
        return render(request, "shops/confirm_invalid.html", status=400)
    messages.success(
        request, _("Your address is confirmed. Sign in to complete your page.")
    )
    return redirect("wagtailadmin_login")


# No CSRF token: the form sits on cached public pages and asks nothing of a session;
# the honeypot and the rate limit keep robots out, web.forgery other sites.
@csrf_exempt
@same_site_post_only
@require_http_methods(["POST"])
@ratelimit(key="ip", rate="5/h", method="POST", block=False)
def quote_request_view(request, page_id: int):
    shop = get_object_or_404(
        ShopPage.objects.live().select_related("category"), pk=page_id
    )
    if not shop.category.is_craft:
        raise Http404
    if getattr(request, "limited", False):
        return rate_limited(request)
    form = QuoteRequestForm(request.POST)
    if form.is_valid():
        data = {
            key: form.cleaned_data[key]
            for key in ("name", "email", "phone", "commune", "message")
        }
        quote_request_create(shop=shop, **data)
        messages.success(
            request,
            _("Your request has been sent. %(shop)s will answer you directly.")
            % {"shop": shop.title},
        )
        return redirect(shop.url)
    # The shop page shows the form again with its errors and what was typed.
    response = shop.serve(request, quote_form=form)
    response.status_code = 400
    return response
