"""Admin wiring for insights: the dashboard, its CSV export and a menu entry."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from insights import admin_views, selectors


@hooks.register("register_admin_urls")
def insights_admin_urls():
    return [
        path("insights/", admin_views.dashboard_view, name="insights_admin"),
        path(
            "insights/export.csv", admin_views.export_view, name="insights_admin_export"
        ),
    ]


class InsightsMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return (
            selectors.shops_visible_to(user).exists()
            or selectors.communes_visible_to(user).exists()
        )


@hooks.register("register_admin_menu_item")
def insights_menu_item():
    return InsightsMenuItem(
        gettext_lazy("Insights"), reverse("insights_admin"), icon_name="pick", order=250
    )
