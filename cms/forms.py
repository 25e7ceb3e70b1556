"""Admin forms of the editorial pages, for rules that need the form as a whole."""

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.fields import RichTextField
from wagtail.rich_text import extract_references_from_rich_text

from cms.scoping import choosable_for

MIN_TRAIL_STOPS = 2


class ScopedChoicesPageForm(WagtailAdminPageForm):
    """The base of every page form: chosen images, documents and pages are checked.

    Each field (of the page and of its inline panels: products, offers, photos,
    stops…) that points to an image, a document or a page accepts only what the
    user may choose (``cms.scoping``), plus the object it already points to. A
    foreign id posted by hand gets the field's usual "not a valid choice" error.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            choices_restrict(self, self.for_user)

    def clean(self):
        cleaned_data = super().clean()
        if self.for_user is not None:
            rich_text_references_check(self, self.for_user)
        return cleaned_data


def choices_restrict(form, user) -> None:
    """Narrow ``form``'s chooser fields, and those of its formsets, for ``user``."""
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            continue
        allowed = choosable_for(user, queryset.model)
        if allowed is None:
            continue
        current = getattr(form.instance, f"{name}_id", None) if form.instance else None
        field.queryset = queryset.filter(Q(pk__in=allowed.values("pk")) | Q(pk=current))
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.forms:
            choices_restrict(child, user)


def rich_text_references_check(form, user) -> None:
    """Links and embeds in rich text name pages and files by id: same rule.

    A description's page link is stored as ``<a linktype="page" id="…">``; posted
    by hand with another shop's draft, the published text carried the draft's
    address. References the stored text already holds stay allowed.
    """
    for name in form.fields:
        try:
            model_field = form.instance._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not isinstance(model_field, RichTextField):
            continue
        stored = set(_references(getattr(form.instance, name, "") or ""))
        for model, pk in set(_references(form.cleaned_data.get(name) or "")) - stored:
            allowed = choosable_for(user, model)
            if allowed is not None and not allowed.filter(pk=pk).exists():
                form.add_error(
                    name,
                    _(
                        "This text links to a page or a file you cannot choose: "
                        "remove the link or choose another page."
                    ),
                )
                break


def _references(html: str):
    for model, pk, *_paths in extract_references_from_rich_text(html):
        if str(pk).isdigit():
            yield model, int(pk)
        else:
            yield model, -1  # not an id: never an allowed object


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
