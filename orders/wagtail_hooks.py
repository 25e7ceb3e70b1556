"""Admin wiring for click-and-collect: the merchant's orders and Stripe onboarding."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from orders import admin_views
from orders.models import ShopOrder
from orders.selectors import shop_ids_owned_by


@hooks.register("register_admin_urls")
def orders_admin_urls():
    return [
        path("orders/", admin_views.orders_list_view, name="orders_admin_list"),
        path(
            "orders/<int:shop_order_id>/",
            admin_views.order_detail_view,
            name="orders_admin_detail",
        ),
        path(
            "orders/stripe/<int:page_id>/connect/",
            admin_views.stripe_connect_view,
            name="orders_stripe_connect",
        ),
        path(
            "orders/stripe/<int:page_id>/return/",
            admin_views.stripe_return_view,
            name="orders_stripe_return",
        ),
    ]


class OrdersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or bool(shop_ids_owned_by(request.user))


@hooks.register("register_admin_menu_item")
def orders_menu_item():
    return OrdersMenuItem(
        gettext_lazy("Orders"),
        reverse("orders_admin_list"),
        icon_name="list-ul",
        order=240,
    )


@hooks.register("before_delete_page")
def keep_shops_that_have_orders(request, page):
    # Orders are records of sales: the shop they name stays (unpublished if need be).
    if ShopOrder.objects.filter(shop_id=page.pk).exists():
        messages.error(
            request,
            _(
                "This shop has click-and-collect orders, which must be kept: "
                "unpublish it instead of deleting it."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
