"""Admin panels of the shop editing form."""

from django.urls import reverse

from wagtail.admin.panels import Panel


class HoursFreshnessPanel(Panel):
    """When the hours were last confirmed, and a one-click "still accurate" button.

    The button posts the edit form to the confirmation URL (``formaction``), so it
    needs no JavaScript and carries the form's CSRF token.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "shops/admin/hours_freshness_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            shop = self.instance
            context["shop"] = shop
            if shop.pk:
                context["confirm_url"] = reverse("shop_hours_confirm", args=[shop.pk])
            return context
