"""Admin screens: claims for the communes' staff, API keys for administrators."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from opendata.claims import (
    InvalidClaimTransition,
    ReasonRequired,
    claim_approve,
    claim_reject,
    claims_for_staff,
)
from opendata.keys import api_key_issue, api_key_revoke, api_key_usage_summary
from opendata.models import ApiKey, ClaimStatus


def _claim_for(request, claim_id: int):
    return get_object_or_404(claims_for_staff(request.user), pk=claim_id)


def claims_view(request):
    claims = claims_for_staff(request.user)
    return TemplateResponse(
        request,
        "opendata/admin/claims.html",
        {
            "open_claims": claims.filter(status=ClaimStatus.AWAITING_APPROVAL),
            "waiting_email": claims.filter(status=ClaimStatus.AWAITING_EMAIL),
            "decided": claims.filter(
                status__in=[ClaimStatus.APPROVED, ClaimStatus.REJECTED]
            )[:50],
        },
    )


@require_POST
def claim_approve_view(request, claim_id: int):
    claim = _claim_for(request, claim_id)
    try:
        claim_approve(claim=claim, by=request.user)
    except (InvalidClaimTransition, PermissionDenied) as problem:
        messages.error(request, str(problem))
    else:
        messages.success(
            request,
            _("“%(shop)s” now belongs to %(email)s.")
            % {"shop": claim.shop.title, "email": claim.email},
        )
    return redirect("opendata_claims")


@require_POST
def claim_reject_view(request, claim_id: int):
    claim = _claim_for(request, claim_id)
    try:
        claim_reject(
            claim=claim, by=request.user, reason=request.POST.get("reason", "")
        )
    except (InvalidClaimTransition, ReasonRequired, PermissionDenied) as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, _("The claim is rejected; the claimant is told why."))
    return redirect("opendata_claims")


class ApiKeyForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Re-user"), max_length=120)
    contact_email = forms.EmailField(label=gettext_lazy("Contact email"))
    daily_quota = forms.IntegerField(
        label=gettext_lazy("Requests per day"), min_value=1, initial=50_000
    )


def _require_superuser(request) -> None:
    if not request.user.is_superuser:
        raise Http404


ISSUED_KEY_SESSION = "opendata-issued-key"


@require_http_methods(["GET", "POST"])
def api_keys_view(request):
    _require_superuser(request)
    form = ApiKeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        issued = api_key_issue(by=request.user, **form.cleaned_data)
        # Shown once, on the page the redirect leads to: reloading it issues nothing.
        request.session[ISSUED_KEY_SESSION] = {
            "name": issued.key.name,
            "raw_key": issued.raw_key,
        }
        return redirect("opendata_api_keys")
    return TemplateResponse(
        request,
        "opendata/admin/api_keys.html",
        {
            "form": form,
            "issued": request.session.pop(ISSUED_KEY_SESSION, None),
            "rows": api_key_usage_summary(),
        },
    )


@require_POST
def api_key_revoke_view(request, key_id: int):
    _require_superuser(request)
    key = api_key_revoke(key=get_object_or_404(ApiKey, pk=key_id))
    messages.success(request, _("The key %(key)s is revoked.") % {"key": key})
    return redirect("opendata_api_keys")
