"""The base admin form of every page type: choices scoped to what the user may see."""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.fields import RichTextField
from wagtail.rich_text import extract_references_from_rich_text

from web.scoping import choosable_for


class ScopedChoicesPageForm(WagtailAdminPageForm):
    """The base of every page form: chosen images, documents and pages are checked.

    Each field (of the page and of its inline panels: products, offers, photos,
    stops…) that points to an image, a document or a page accepts only what the
    user may choose (``web.scoping``), plus the object it already points to. A
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
