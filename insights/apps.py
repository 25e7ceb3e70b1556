from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    """Audience measurement without trackers, and the figures each audience sees."""

    name = "insights"
    verbose_name = _("Insights")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Search, orders and open data announce what people did; counting listens
        # here, so that none of them imports the one that measures them (search and
        # orders sit below it; open data must not reach orders, which counting reads).
        from insights.recording import (
            basket_add_record,
            public_call_record,
            search_record,
        )
        from opendata.measurement import public_call_made
        from orders.measurement import basket_line_added
        from search.measurement import results_shown

        results_shown.connect(search_record, dispatch_uid="insights_search")
        basket_line_added.connect(basket_add_record, dispatch_uid="insights_basket")
        public_call_made.connect(public_call_record, dispatch_uid="insights_calls")
