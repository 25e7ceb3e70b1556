"""Quote requests residents send to craftworkers."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from territory.communes import Commune


class QuoteRequest(models.Model):
    shop = models.ForeignKey(
        "shops.ShopPage",
        on_delete=models.CASCADE,
        related_name="quote_requests",
        verbose_name=_("craftworker"),
    )
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    commune = models.ForeignKey(
        Commune,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune of the work"),
    )
    message = models.TextField(_("request"), max_length=3000)
    created_at = models.DateTimeField(_("received on"), auto_now_add=True)
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("quote request")
        verbose_name_plural = _("quote requests")

    def __str__(self) -> str:
        return f"{self.name} → {self.shop.title}"
