"""Public views of claiming: the claim form, and the emailed confirmation link."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from django_ratelimit.decorators import ratelimit

from opendata.claims import (
    ClaimConfirmationInvalid,
    claim_confirm_email,
    claim_request,
    shop_is_claimable,
)
from opendata.forms import ClaimForm
from shops.models import ShopPage
from shops.views import rate_limited


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate="5/h", method="POST", block=False)
def claim_start_view(request, page_id: int):
    shop = get_object_or_404(
        ShopPage.objects.live().select_related("commune", "category"), pk=page_id
    )
    if not shop_is_claimable(shop):
        raise Http404
    if getattr(request, "limited", False):
        return rate_limited(request)
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["website"]:  # the honeypot: answer as if all went well
            return render(request, "opendata/claim_sent.html", {"shop": shop})
        try:
            claim_request(
                shop=shop,
                full_name=data["full_name"],
                email=data["email"],
                siret=data["siret"],
                password=data["password"],
                language=get_language(),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, messages in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, messages)
            else:
                form.add_error("siret" if error.code else None, error.messages)
        else:
            return render(
                request,
                "opendata/claim_sent.html",
                {"shop": shop, "email": data["email"]},
            )
    status = 400 if request.method == "POST" else 200
    return render(
        request, "opendata/claim_form.html", {"shop": shop, "form": form}, status=status
    )


@require_http_methods(["GET"])
def claim_confirm_view(request, token: str):
    try:
        claim = claim_confirm_email(token=token)
    except ClaimConfirmationInvalid:
        return render(request, "opendata/claim_invalid.html", status=400)
    return render(request, "opendata/claim_confirmed.html", {"claim": claim})
