from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the site in production: background tasks, periodic jobs, shared state.

    A bottom layer: the domains (shops, orders, search) use its helpers (a retried
    task, a sent-once email record); it imports none of them, except by the
    dotted command names of the periodic jobs.
    """

    name = "ops"
    verbose_name = _("Operations")
    default_auto_field = "django.db.models.BigAutoField"
