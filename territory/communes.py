"""The communes of the metropolis as reference data, loaded from ``cms/data``.

A commune is not a page: shops, imports and staff permissions point at it, and its
data (INSEE code, outline) comes from the State's open data, not from editors.
The editorial side of a commune is its :class:`~cms.models.pages.CommunePage`.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from territory.geo import outline_contains


class CommuneQuerySet(models.QuerySet):
    def containing(self, *, latitude: float, longitude: float) -> "Commune | None":
        """The commune whose outline holds the point, if any (bounding boxes first)."""
        candidates = self.filter(
            min_latitude__lte=latitude,
            max_latitude__gte=latitude,
            min_longitude__lte=longitude,
            max_longitude__gte=longitude,
        )
        for commune in candidates:
            if commune.contains(latitude=latitude, longitude=longitude):
                return commune
        return None


class Commune(models.Model):
    insee_code = models.CharField(_("INSEE code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    postal_codes = models.JSONField(_("postal codes"), default=list)
    population = models.PositiveIntegerField(_("population"))
    latitude = models.FloatField(_("town hall latitude"))
    longitude = models.FloatField(_("town hall longitude"))
    town_hall_address = models.CharField(
        _("town hall address"), max_length=255, blank=True
    )
    website = models.URLField(_("website"), blank=True)
    outline = models.JSONField(_("outline (GeoJSON)"), null=True, blank=True)
    min_latitude = models.FloatField(editable=False, null=True)
    min_longitude = models.FloatField(editable=False, null=True)
    max_latitude = models.FloatField(editable=False, null=True)
    max_longitude = models.FloatField(editable=False, null=True)

    objects = CommuneQuerySet.as_manager()

    class Meta:
        # The model lives in the territory layer but keeps the app it was born in:
        # same table (``cms_commune``), content type and migration history.
        app_label = "cms"
        ordering = ["name"]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    def __str__(self) -> str:
        return self.name

    def contains(self, *, latitude: float, longitude: float) -> bool:
        if not self.outline:
            return False
        return outline_contains(self.outline, latitude, longitude)


def validate_in_metropolis(
    *, latitude: float | None, longitude: float | None
) -> Commune:
    """The commune holding the point, or a ValidationError on ``latitude`` saying why.

    The engine accepts any latitude, and a swapped pair lands in the sea: every place
    the site publishes is checked against the outlines of the 95 communes.
    """
    if latitude is None or longitude is None:
        raise ValidationError(
            {"latitude": _("Give both the latitude and the longitude.")}
        )
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValidationError(
            {
                "latitude": _(
                    "Latitude must be between -90 and 90, "
                    "longitude between -180 and 180."
                )
            }
        )
    commune = Commune.objects.containing(latitude=latitude, longitude=longitude)
    if commune is None:
        raise ValidationError(
            {
                "latitude": _(
                    "This point is outside the Lille metropolis. "
                    "Check the latitude and longitude (decimal degrees, "
                    "for example 50.6366 and 3.0635)."
                )
            }
        )
    return commune
