"""The shop and craft categories, named after their OpenStreetMap tags."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Family(models.TextChoices):
    """How a resident browses a high street; each category belongs to one."""

    FOOD = "food", _("Food")
    HOME = "home", _("Home and garden")
    FASHION = "fashion", _("Fashion")
    HEALTH_BEAUTY = "health_beauty", _("Health and beauty")
    CULTURE_LEISURE = "culture_leisure", _("Culture and leisure")
    SERVICES = "services", _("Services")
    CRAFTS = "crafts", _("Crafts")


class Category(models.Model):
    """A kind of shop or craft, named after its OpenStreetMap tag (``shop=bakery``).

    Labels come from OpenStreetMap's iD presets in French, English and Dutch, so a
    category can be exported to and imported from OSM without a mapping table.
    """

    osm_key = models.CharField(_("OSM key"), max_length=10)
    osm_value = models.CharField(_("OSM value"), max_length=50)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    family = models.CharField(_("family"), max_length=20, choices=Family.choices)
    name_fr = models.CharField(_("name (French)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    terms = models.JSONField(_("search terms"), default=dict, blank=True)

    class Meta:
        ordering = ["name_fr"]
        constraints = [
            models.UniqueConstraint(
                fields=["osm_key", "osm_value"], name="unique_osm_tag"
            )
        ]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The label in the active language, French when there is none."""
        language = (get_language() or "fr")[:2]
        return getattr(self, f"name_{language}", None) or self.name_fr

    @property
    def osm_tag(self) -> str:
        return f"{self.osm_key}={self.osm_value}"

    @property
    def is_craft(self) -> bool:
        return self.osm_key == "craft"
