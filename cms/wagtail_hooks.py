"""Admin wiring of the territory: the staff's dashboard of their commune."""

from wagtail import hooks
from wagtail.permission_policies.pages import PagePermissionPolicy

from laces.components import Component

from cms.admin_api import ScopedDocumentsAdminAPIViewSet, ScopedImagesAdminAPIViewSet
from cms.models import Commune
from cms.selectors import commune_dashboard
from web.scoping import ADMINISTRATORS_REPORTS

MAX_COMMUNES_SHOWN = 3


class CommuneDashboardPanel(Component):
    """Coverage, trust and freshness of the listings of the staff's commune(s)."""

    name = "vitrine_commune_dashboard"
    order = 40
    template_name = "cms/admin/commune_dashboard_panel.html"

    def __init__(self, *, dashboards):
        self.dashboards = dashboards

    def get_context_data(self, parent_context=None):
        return {"dashboards": self.dashboards}


def communes_curated_by(user):
    """Communes whose page ``user`` may publish: those they are staff of."""
    return Commune.objects.filter(
        page__in=PagePermissionPolicy()
        .instances_user_has_permission_for(user, "publish")
        .values("pk")
    ).order_by("name")


@hooks.register("construct_homepage_panels")
def commune_dashboard_panel(request, panels):
    if request.user.is_superuser:
        return  # the whole metropolis: 95 dashboards would help no one
    communes = communes_curated_by(request.user)[:MAX_COMMUNES_SHOWN]
    dashboards = [commune_dashboard(commune=commune) for commune in communes]
    if dashboards:
        panels.insert(0, CommuneDashboardPanel(dashboards=dashboards))


@hooks.register("construct_admin_api", order=100)
def scoped_admin_api(router):
    """After Wagtail's own registration: image and document listings by collection."""
    router.register_endpoint("images", ScopedImagesAdminAPIViewSet)
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)


@hooks.register("construct_reports_menu")
def administrators_reports_hidden(request, menu_items):
    """Others are not offered the reports kept for administrators (admin_guards)."""
    if not request.user.is_superuser:
        menu_items[:] = [
            item for item in menu_items if item.name not in ADMINISTRATORS_REPORTS
        ]
