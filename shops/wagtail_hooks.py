"""Admin wiring: URLs and buttons for verification and hours confirmation."""

from django.db.models import Q
from django.http import Http404
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.permission_policies.pages import PagePermissionPolicy

from laces.components import Component

from shops.access.permissions import (
    page_ids_editable_by,
    shop_ids_owned_by,
    user_is_commune_staff,
)
from shops.catalogue.views import catalogue_admin_urls
from shops.merchants.dashboard import merchant_week
from shops.models import ShopPage
from shops.verification.admin_views import (
    my_data_view,
    quote_requests_view,
    shop_draft_discard_view,
    shop_hours_confirm_view,
    shop_unpublish_view,
    shop_verify_view,
)
from territory.communes import Commune


@hooks.register("register_admin_urls")
def shop_admin_urls():
    return [
        *catalogue_admin_urls(),
        path("shops/<int:page_id>/verify/", shop_verify_view, name="shop_verify"),
        path(
            "shops/<int:page_id>/unpublish/", shop_unpublish_view, name="shop_unpublish"
        ),
        path("shops/quote-requests/", quote_requests_view, name="shop_quote_requests"),
        path("shops/my-data.zip", my_data_view, name="shop_my_data"),
        path(
            "shops/<int:page_id>/discard-draft/",
            shop_draft_discard_view,
            name="shop_draft_discard",
        ),
        path(
            "shops/<int:page_id>/hours-confirm/",
            shop_hours_confirm_view,
            name="shop_hours_confirm",
        ),
    ]


@hooks.register("register_page_header_buttons")
def shop_catalogue_buttons(page, user, view_name, next_url=None):
    shop = page.specific_deferred
    if not isinstance(shop, ShopPage) or not shop.permissions_for_user(user).can_edit():
        return
    yield Button(
        _("Export products (CSV)"),
        url=reverse("shop_catalogue_export", args=[shop.pk]),
        icon_name="download",
        priority=70,
    )
    yield Button(
        _("Import products (CSV)"),
        url=reverse("shop_catalogue_import", args=[shop.pk]),
        icon_name="upload",
        priority=71,
    )


@hooks.register("register_page_header_buttons")
def shop_staff_buttons(page, user, view_name, next_url=None):
    shop = page.specific_deferred
    if not isinstance(shop, ShopPage) or not user_is_commune_staff(user, shop.commune):
        return
    if not shop.is_verified:
        yield Button(
            _("Verify"),
            url=reverse("shop_verify", args=[shop.pk]),
            icon_name="success",
            priority=5,
        )
    if shop.live:
        yield Button(
            _("Unpublish (abuse)"),
            url=reverse("shop_unpublish", args=[shop.pk]),
            icon_name="warning",
            priority=55,
        )


@hooks.register("construct_page_chooser_queryset")
def hide_other_peoples_drafts_from_choosers(pages, request):
    """Choosers list the public tree; drafts only to those who may edit them.

    Wagtail's page chooser browses the whole tree so editors can link to any page,
    which would show another merchant's unpublished shop by its title.
    """
    if request.user.is_superuser:
        return pages
    return pages.filter(Q(live=True) | Q(pk__in=page_ids_editable_by(request.user)))


class QuoteRequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return ShopPage.objects.filter(
            pk__in=shop_ids_owned_by(request.user), category__osm_key="craft"
        ).exists()


@hooks.register("register_admin_menu_item")
def quote_requests_menu_item():
    return QuoteRequestsMenuItem(
        _("Quote requests"), reverse("shop_quote_requests"), icon_name="mail", order=250
    )


class MyDataMenuItem(MenuItem):
    def is_shown(self, request):
        return ShopPage.objects.filter(owner=request.user).exists()


@hooks.register("register_admin_menu_item")
def my_data_menu_item():
    return MyDataMenuItem(
        _("Download my data"), reverse("shop_my_data"), icon_name="download", order=260
    )


class MyShopsPanel(Component):
    """A merchant's week at their shops, or the shops awaiting verification."""

    name = "vitrine_shops"
    order = 50
    template_name = "shops/admin/dashboard_panel.html"

    def __init__(self, *, shop_weeks, pending_shops):
        self.shop_weeks = shop_weeks
        self.pending_shops = pending_shops

    def get_context_data(self, parent_context=None):
        # The panel's forms post: they need the page's CSRF token.
        parent_context = parent_context or {}
        return {
            "shop_weeks": self.shop_weeks,
            "pending_shops": self.pending_shops,
            "request": parent_context.get("request"),
            "csrf_token": parent_context.get("csrf_token"),
        }


@hooks.register("construct_homepage_panels")
def shops_dashboard_panel(request, panels):
    user = request.user
    shop_weeks = merchant_week(user=user)
    staff_communes = Commune.objects.filter(
        page__in=PagePermissionPolicy()
        .instances_user_has_permission_for(user, "publish")
        .values("pk")
    )
    pending_shops = (
        ShopPage.objects.filter(commune__in=staff_communes, verified_at__isnull=True)
        .select_related("commune")
        .order_by("first_published_at", "pk")[:50]
        if not user.is_superuser
        else ShopPage.objects.none()
    )
    if shop_weeks or pending_shops:
        panels.insert(
            0, MyShopsPanel(shop_weeks=shop_weeks, pending_shops=pending_shops)
        )


@hooks.register("construct_page_action_menu")
def publish_first_for_those_who_may(menu_items, request, context):
    """A merchant owns their page: "Publish" is the button, not an item behind it.

    Those who may publish get it as the main action, and no "submit for
    moderation", which would only send their own page to someone else. Those who
    may not (a shop waiting for its town hall) keep Wagtail's order and workflow.
    """
    publish = next((i for i in menu_items if i.name == "action-publish"), None)
    if publish is None:
        return
    menu_items[:] = [publish] + [
        item
        for item in menu_items
        if item is not publish and item.name != "action-submit"
    ]


@hooks.register("insert_global_admin_css")
def merchant_admin_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("shops/admin/merchant.css")
    )


@hooks.register("insert_editor_js")
def editor_task_links():
    """Dashboard links such as ``?add=products`` open the editor on a new row."""
    return format_html(
        '<script src="{}" defer></script>', static("shops/admin/editor-tasks.js")
    )


@hooks.register("insert_editor_js")
def product_photo_after_autosave():
    """A row's photo stored by an autosave shows in its chooser at once."""
    return format_html(
        '<script src="{}" defer></script>', static("shops/admin/product-photo.js")
    )


@hooks.register("before_move_page")
def refuse_moving_what_one_cannot_move(request, page_to_move, destination):
    # Wagtail's move confirmation shows the page before checking rights.
    if not page_to_move.permissions_for_user(request.user).can_move():
        raise Http404
