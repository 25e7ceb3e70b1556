"""Admin wiring: URLs and buttons for verification and hours confirmation."""

from django.db.models import Q
from django.http import Http404
from django.urls import path, reverse
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
from shops.models import ShopPage
from shops.verification.admin_views import (
    my_data_view,
    quote_requests_view,
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
    """First dashboard panel: one's own shops, or the shops awaiting verification."""

    name = "vitrine_shops"
    order = 50
    template_name = "shops/admin/dashboard_panel.html"

    def __init__(self, *, own_shops, pending_shops):
        self.own_shops = own_shops
        self.pending_shops = pending_shops

    def get_context_data(self, parent_context=None):
        return {"own_shops": self.own_shops, "pending_shops": self.pending_shops}


@hooks.register("construct_homepage_panels")
def shops_dashboard_panel(request, panels):
    user = request.user
    own_shops = ShopPage.objects.filter(owner=user).order_by("title")[:20]
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
    if own_shops or pending_shops:
        panels.insert(0, MyShopsPanel(own_shops=own_shops, pending_shops=pending_shops))


@hooks.register("before_move_page")
def refuse_moving_what_one_cannot_move(request, page_to_move, destination):
    # Wagtail's move confirmation shows the page before checking rights.
    if not page_to_move.permissions_for_user(request.user).can_move():
        raise Http404
