"""Admin screens to download a shop's catalogue as CSV and import it back.

Whoever may edit the shop's page may use them (its merchant, its commune's staff,
administrators); anyone else gets 404, as if the shop did not exist. The rules
live in ``shops.catalogue``; these views only move files and show the outcome.
``catalogue_admin_urls()`` is registered from ``shops.wagtail_hooks`` so that the
URLs sit under the admin and its login.
"""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from shops.catalogue import (
    CATALOGUE_COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    catalogue_export_csv,
    catalogue_import_csv,
)
from shops.models import ShopPage

SHOWN_ERRORS = 200  # past this, the merchant fixes the first ones and tries again


class CatalogueImportForm(forms.Form):
    file = forms.FileField(
        label=_("Catalogue file (CSV)"),
        error_messages={
            "required": _("Choose the CSV file of your catalogue."),
            "empty": _(
                "This file is empty. Export your catalogue to get a file with the "
                "right columns, fill it in, then import it."
            ),
        },
    )


def _editable_shop(request, page_id: int) -> ShopPage:
    shop = get_object_or_404(ShopPage, pk=page_id)
    if not shop.permissions_for_user(request.user).can_edit():
        raise Http404
    return shop


@never_cache
@require_GET
def catalogue_export_view(request, page_id: int):
    shop = _editable_shop(request, page_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"catalogue-{shop.slug}.csv"
    )
    catalogue_export_csv(shop=shop, stream=response)
    return response


@require_http_methods(["GET", "POST"])
def catalogue_import_view(request, page_id: int):
    shop = _editable_shop(request, page_id)
    form = CatalogueImportForm()
    errors = []
    if request.method == "POST":
        form = CatalogueImportForm(request.POST, request.FILES)
        if form.is_valid():
            result = catalogue_import_csv(
                shop=shop, file=form.cleaned_data["file"], by=request.user
            )
            if result.ok:
                messages.success(request, result.summary())
                return redirect("wagtailadmin_pages:edit", shop.pk)
            errors = result.errors
    failed = bool(errors or form.errors)
    return TemplateResponse(
        request,
        "shops/admin/catalogue_import.html",
        {
            "shop": shop,
            "form": form,
            "errors": errors[:SHOWN_ERRORS],
            "hidden_errors": max(0, len(errors) - SHOWN_ERRORS),
            "columns": CATALOGUE_COLUMNS,
            "max_rows": MAX_ROWS,
            "max_megabytes": MAX_BYTES // (1024 * 1024),
        },
        status=400 if failed else 200,
    )


def catalogue_admin_urls() -> list:
    return [
        path(
            "shops/<int:page_id>/catalogue.csv",
            catalogue_export_view,
            name="shop_catalogue_export",
        ),
        path(
            "shops/<int:page_id>/catalogue/import/",
            catalogue_import_view,
            name="shop_catalogue_import",
        ),
    ]
