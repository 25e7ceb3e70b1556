"""What a resident keeps in Vitrine: favourite pages, communes, alert choices.

Accounts themselves are Django's users (one user model: a merchant or a town-hall
agent can be a resident too) with django-allauth's verified email addresses. The
bookkeeping rows (``ClosureAlert``, ``DigestRun``, ``DigestSent``) are what make
alerts and digests go out once, however often the command or task runs.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Favourite(models.Model):
    """A shop or place the resident follows; alerts are chosen per favourite."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourites"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    # Favouriting a shop is asking not to find its door closed: on by default.
    alert_closure = models.BooleanField(_("tell me at once of a closure"), default=True)
    alert_news = models.BooleanField(
        _("new offers and products in my weekly digest"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("favourite")
        verbose_name_plural = _("favourites")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="favourite_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.page_id}"


class ResidentCommune(models.Model):
    """A commune the resident lives or works in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="communes"
    )
    commune = models.ForeignKey(
        "cms.Commune", on_delete=models.CASCADE, related_name="+"
    )
    alert_events = models.BooleanField(
        _("its coming events in my weekly digest"), default=False
    )

    class Meta:
        verbose_name = _("resident's commune")
        verbose_name_plural = _("residents' communes")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "commune"], name="resident_commune_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.commune_id}"


class AlertSettings(models.Model):
    """Whether the weekly digest is wanted at all (one-click unsubscribe clears it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alerts"
    )
    digest = models.BooleanField(_("send me the weekly digest"), default=True)
    # The language alerts are written in: the one used when choosing them.
    language = models.CharField(max_length=8, default="fr")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("alert settings")
        verbose_name_plural = _("alert settings")

    def __str__(self) -> str:
        return f"{self.user_id}: digest {'on' if self.digest else 'off'}"


class ClosureAlert(models.Model):
    """An exceptional closure already announced to the shop's followers."""

    shop = models.ForeignKey(
        "shops.ShopPage", on_delete=models.CASCADE, related_name="+"
    )
    start_date = models.DateField()
    end_date = models.DateField()
    recipients = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["shop", "start_date", "end_date"], name="closure_alert_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.shop_id} {self.start_date}..{self.end_date}"


class DigestRun(models.Model):
    """One week's digest run; its watermarks tell the next run what is new.

    Products and offers carry no creation date, but their ids only grow and their
    rows exist only once published, so "id above last week's highest" is "new".
    """

    week = models.DateField(unique=True, help_text="Monday of the ISO week")
    products_after = models.BigIntegerField(default=0)
    products_upto = models.BigIntegerField(default=0)
    offers_after = models.BigIntegerField(default=0)
    offers_upto = models.BigIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    sent = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.week)


class DigestSent(models.Model):
    """One resident's digest of one week: claimed before sending, never twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    week = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "week"], name="digest_once_a_week")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.week}"
