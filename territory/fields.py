"""Field definitions and small model behaviours that several models share."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def photo_field() -> models.ForeignKey:
    """An optional Wagtail image; ``related_name="+"``: images need no way back."""
    return models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo"),
    )


class DateRangeMixin:
    """Ranges people type (closures, offers, events): the end may not come first."""

    start_field = "start_date"
    end_field = "end_date"
    end_before_start_message = _("The end date comes before the start date.")

    def clean(self):
        super().clean()
        start, end = getattr(self, self.start_field), getattr(self, self.end_field)
        if start and end and end < start:
            raise ValidationError({self.end_field: self.end_before_start_message})
