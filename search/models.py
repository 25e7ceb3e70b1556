"""The search app's own bookkeeping: index updates waiting to be applied.

Each page event writes a row in the same transaction as the change itself, so an
update can never be lost between the database and the engine: if the engine is
down, the rows wait, and the next drain (after any later change, or
``manage.py search_index --drain``) applies them in order. Shops and points of
interest share the queue: a row names a page, whatever its kind.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PendingIndexUpdate(models.Model):
    page_id = models.PositiveBigIntegerField(_("page id"), unique=True)
    # Renewed by every event: a drain deletes the row only if no event came since
    # it read the shop, so a change made during a drain is never dropped.
    queued_at = models.DateTimeField(_("queued on"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["queued_at", "pk"]
        verbose_name = _("pending index update")
        verbose_name_plural = _("pending index updates")

    def __str__(self) -> str:
        return f"page {self.page_id}"
