"""Records that make background work safe to run twice."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SentEmail(models.Model):
    """One row per email actually handed to the mail server, by a stable key.

    A task retried after a crash, or enqueued twice, finds its key here and sends
    nothing (``ops.once.email_send_once``).
    """

    key = models.CharField(_("key"), max_length=200, unique=True)
    recipient = models.EmailField(_("recipient"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sent email")
        verbose_name_plural = _("sent emails")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.key
