from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from opendata import admin_views
from opendata.claims import APPROVED_ACTION


@hooks.register("register_admin_urls")
def opendata_admin_urls():
    return [
        path("claims/", admin_views.claims_view, name="opendata_claims"),
        path(
            "claims/<int:claim_id>/approve/",
            admin_views.claim_approve_view,
            name="opendata_claim_approve",
        ),
        path(
            "claims/<int:claim_id>/reject/",
            admin_views.claim_reject_view,
            name="opendata_claim_reject",
        ),
        path("api-keys/", admin_views.api_keys_view, name="opendata_api_keys"),
        path(
            "api-keys/<int:key_id>/revoke/",
            admin_views.api_key_revoke_view,
            name="opendata_api_key_revoke",
        ),
    ]


class ClaimsMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return (
            user.is_superuser
            or user.groups.filter(name__startswith="Commune staff:").exists()
        )


class ApiKeysMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_admin_menu_item")
def claims_menu_item():
    return ClaimsMenuItem(
        _("Listing claims"), reverse("opendata_claims"), icon_name="user", order=270
    )


@hooks.register("register_admin_menu_item")
def api_keys_menu_item():
    return ApiKeysMenuItem(
        _("API keys"), reverse("opendata_api_keys"), icon_name="key", order=280
    )


@hooks.register("register_log_actions")
def register_claim_actions(actions):
    actions.register_action(
        APPROVED_ACTION, _("Claim approved"), _("Claim approved: ownership passed")
    )
