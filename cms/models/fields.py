"""Field definitions that several models share."""

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
