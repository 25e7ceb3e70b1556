"""A commune's weekly markets: the day, the hours and the place, written by staff."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class Weekday(models.IntegerChoices):
    # Python's numbering (date.weekday()), Monday first as in France.
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class WeeklyMarket(Orderable):
    commune_page = ParentalKey(
        "cms.CommunePage", on_delete=models.CASCADE, related_name="markets"
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    location_name = models.CharField(_("place"), max_length=150)
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("For example: food and flowers, about 200 stalls."),
    )

    panels = [
        FieldRowPanel(
            [FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]
        ),
        FieldPanel("location_name"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("weekly market")
        verbose_name_plural = _("weekly markets")

    def clean(self):
        super().clean()
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError(
                {"closes": _("The market closes before it opens: check the hours.")}
            )
