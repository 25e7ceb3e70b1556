"""Fixed lists merchants pick from (apart from the models, so forms can import them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Wheelchair(models.TextChoices):
    """Wheelchair access, in acceslibre's (and OSM's ``wheelchair=*``) terms."""

    YES = "yes", _("Accessible")
    LIMITED = "limited", _("Partly accessible")
    NO = "no", _("Not accessible")


class SpokenLanguage(models.TextChoices):
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    DUTCH = "nl", _("Dutch")
    GERMAN = "de", _("German")
    SPANISH = "es", _("Spanish")
    ITALIAN = "it", _("Italian")
    PORTUGUESE = "pt", _("Portuguese")
    ARABIC = "ar", _("Arabic")
    TURKISH = "tr", _("Turkish")
    FRENCH_SIGN = "fsl", _("French Sign Language")


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Cash")
    CARD = "card", _("Bank card")
    CONTACTLESS = "contactless", _("Contactless")
    CHEQUE = "cheque", _("Cheque")
    MEAL_VOUCHERS = "meal_vouchers", _("Meal vouchers")
    LOCAL_CURRENCY = "local_currency", _("Local currency")


class CollectPayment(models.TextChoices):
    """How a shop takes payment for click-and-collect orders."""

    AT_PICKUP = "pickup", _("Pay at pickup")
    ONLINE = "online", _("Pay online (Stripe)")


class ListingSource(models.TextChoices):
    """Where a listing comes from: its merchant, or an open-data import."""

    MERCHANT = "merchant", _("Merchant")
    OSM = "osm", _("OpenStreetMap import")
    CSV = "csv", _("CSV import")
