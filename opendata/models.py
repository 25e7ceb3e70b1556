"""API keys with their daily usage, and claims of imported listings."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiKey(models.Model):
    """A re-user registered by an administrator, with a higher quota than anonymous.

    Only the SHA-256 of the key is stored (keys are 32 random bytes, so a fast hash
    is enough); the key itself is shown once, when it is issued. ``prefix`` (its
    first characters) lets administrators and the re-user tell keys apart.
    """

    name = models.CharField(_("re-user"), max_length=120)
    contact_email = models.EmailField(_("contact email"))
    prefix = models.CharField(_("prefix"), max_length=12, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    daily_quota = models.PositiveIntegerField(_("requests per day"), default=50_000)
    created_at = models.DateTimeField(_("issued on"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ApiKeyUsage(models.Model):
    """Requests made with one key on one day (Europe/Paris)."""

    key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, related_name="usage")
    day = models.DateField(_("day"))
    requests = models.PositiveIntegerField(_("requests"), default=0)

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["key", "day"], name="one_usage_row_a_day")
        ]
        verbose_name = _("API key usage")

    def __str__(self) -> str:
        return f"{self.key_id} {self.day}: {self.requests}"


class ClaimStatus(models.TextChoices):
    AWAITING_EMAIL = "awaiting_email", _("Waiting for the email confirmation")
    AWAITING_APPROVAL = "awaiting_approval", _("Waiting for the commune's approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ShopClaim(models.Model):
    """A merchant asking to take over an imported listing.

    The claim is its own audit trail: who asked, when the address was confirmed,
    who decided, when, why, and whose listing it was before.
    """

    shop = models.ForeignKey(
        "shops.ShopPage", on_delete=models.CASCADE, related_name="claims"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ClaimStatus.choices,
        default=ClaimStatus.AWAITING_EMAIL,
    )
    full_name = models.CharField(_("your name"), max_length=120)
    email = models.EmailField(_("email"))
    siret = models.CharField(_("SIRET"), max_length=14)
    # The password the claimant chose, hashed, for the account created on approval
    # (an address that already has an account keeps its own password).
    password_hash = models.CharField(max_length=128, editable=False)
    language = models.CharField(max_length=8, default="fr", editable=False)
    created_at = models.DateTimeField(_("claimed on"), auto_now_add=True)
    email_confirmed_at = models.DateTimeField(
        _("email confirmed on"), null=True, blank=True
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_note = models.TextField(_("reason"), blank=True)
    merchant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("merchant account"),
    )
    previous_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous owner"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("listing claim")
        verbose_name_plural = _("listing claims")

    def __str__(self) -> str:
        return f"{self.shop} ← {self.email}"
