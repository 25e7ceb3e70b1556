"""Admin forms of the editorial pages, for rules that need the form as a whole."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from web.forms import ScopedChoicesPageForm

MIN_TRAIL_STOPS = 2


class EventPageForm(ScopedChoicesPageForm):
    """Gives a new event its commune before validation, so its point can be checked.

    Staff pick where the event happens among the commune's places (or its town
    hall) rather than typing coordinates; the point and the place's name are
    copied from it, and typed coordinates stay possible in the advanced panel.
    """

    place = forms.ChoiceField(
        label=_("Where"),
        required=False,
        help_text=_("Choose one of the commune's places: its point is used."),
    )

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        commune_id = (
            getattr(parent_page.specific, "commune_id", None) if parent_page else None
        )
        if commune_id and not self.instance.commune_id:
            self.instance.commune_id = commune_id
        if "place" in self.fields:
            self.fields["place"].choices = [("", "—")] + [
                (key, name) for key, (name, _point) in self._places().items()
            ]

    def _places(self) -> dict[str, tuple[str, tuple[float, float]]]:
        from cms.models import PointOfInterestPage

        commune = self.instance.commune if self.instance.commune_id else None
        if commune is None:
            return {}
        places = {
            "town-hall": (
                str(_("Town hall of %(commune)s") % {"commune": commune.name}),
                (commune.latitude, commune.longitude),
            )
        }
        for page in (
            PointOfInterestPage.objects.live()
            .filter(path__startswith=self._commune_path(commune))
            .order_by("title")
            .only("pk", "title", "latitude", "longitude")
        ):
            places[f"page-{page.pk}"] = (page.title, (page.latitude, page.longitude))
        return places

    @staticmethod
    def _commune_path(commune) -> str:
        from cms.models import CommunePage

        page = CommunePage.objects.filter(commune=commune).only("path").first()
        return page.path if page else "-"

    def clean(self):
        cleaned = super().clean()
        chosen = self._places().get(cleaned.get("place") or "")
        if chosen:
            name, (latitude, longitude) = chosen
            cleaned["latitude"], cleaned["longitude"] = latitude, longitude
            self.instance.latitude, self.instance.longitude = latitude, longitude
            if not cleaned.get("location_name"):
                cleaned["location_name"] = name
                self.instance.location_name = name
        return cleaned


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
