"""Admin forms of the editorial pages, for rules that need the form as a whole."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from web.forms import ScopedChoicesPageForm

MIN_TRAIL_STOPS = 2


class EventPageForm(ScopedChoicesPageForm):
    """Gives a new event its commune before validation, so its point can be checked."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        commune_id = (
            getattr(parent_page.specific, "commune_id", None) if parent_page else None
        )
        if commune_id and not self.instance.commune_id:
            self.instance.commune_id = commune_id


def kept_forms(formset) -> list:
    """The inline forms that will be saved: filled in and not marked for deletion."""
    formset.full_clean()  # the parent form is cleaned before its inline forms
    return [
        form
        for form in formset.forms
        if form.has_changed() or form.instance.pk
        if not (formset.can_delete and formset._should_delete_form(form))
    ]


class TrailPageForm(ScopedChoicesPageForm):
    """A trail goes from one stop to another: at least two stops."""

    def clean(self):
        cleaned_data = super().clean()
        stops = self.formsets.get("stops")
        if stops is not None and len(kept_forms(stops)) < MIN_TRAIL_STOPS:
            raise ValidationError(
                _(
                    "A trail needs at least two stops: add the places and shops "
                    "to visit, in order, under “Stops”."
                ),
                code="too_few_stops",
            )
        return cleaned_data
