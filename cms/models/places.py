"""What every place on the map shares: an address, a point in the metropolis, hours."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from cms.models.communes import validate_in_metropolis
from shops.hours import hours_normalise, hours_status, hours_validate, hours_week


class Place(models.Model):
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    opening_hours = models.CharField(
        _("opening hours (OpenStreetMap format)"),
        max_length=255,
        blank=True,
        help_text=_(
            "For example: Tu-Sa 09:00-12:30,14:00-19:00; Su 09:00-12:00; PH off"
        ),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors: dict[str, list[str]] = {}
        if self.opening_hours:
            self.opening_hours = hours_normalise(self.opening_hours)
            try:
                hours_validate(self.opening_hours)
            except ValidationError as error:
                errors["opening_hours"] = error.messages
        try:
            validate_in_metropolis(latitude=self.latitude, longitude=self.longitude)
        except ValidationError as error:
            errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)

    @property
    def effective_opening_hours(self) -> str:
        """The hours as they apply: subclasses add exceptional closures."""
        return self.opening_hours

    def hours_status(self):
        return hours_status(self.effective_opening_hours)

    def hours_week(self):
        return hours_week(self.effective_opening_hours)


# Shared by every Place page type so the editing form reads the same everywhere.
LOCATION_PANEL = MultiFieldPanel(
    [
        FieldRowPanel([FieldPanel("street_address"), FieldPanel("postal_code")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ],
    heading=_("Location"),
)
