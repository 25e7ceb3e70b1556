from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "orders"
    label = "orders"
    verbose_name = _("Click-and-collect orders")

    def ready(self):
        from orders import signals  # noqa: F401
