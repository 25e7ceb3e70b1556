"""Admin panels of the shop editing form."""

from django.urls import reverse

from wagtail.admin.panels import InlinePanel, Panel
from wagtail.admin.panels.base import get_form_for_model


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


class RowFormInlinePanel(InlinePanel):
    """An InlinePanel whose rows are built on their model's ``base_form_class``.

    Wagtail honours ``base_form_class`` for the page's own form only: its inline
    rows are plain ``WagtailAdminModelForm``s. A row with a field of its own (the
    product's photo file) needs its class. ``inherit`` names attributes of the
    page's form passed to every row's form as keyword arguments (modelcluster's
    ``inherit_kwargs``), for what only the page's form knows: the shop, the user.
    """

    def __init__(self, *args, inherit=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.inherit = tuple(inherit)

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "inherit": self.inherit}

    def get_form_options(self):
        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        model = self.db_field.related_model
        deferred = self.child_edit_handler.get_form_options().get(
            "defer_required_on_fields", []
        )
        formset["form"] = get_form_for_model(
            model,
            form_class=model.base_form_class,
            defer_required_on_fields=deferred,
        )
        formset["inherit_kwargs"] = list(self.inherit)
        return options
