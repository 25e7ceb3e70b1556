"""What is kept of the directory's use: raw events, then one row per day.

Nothing here names a person: no user, no cookie, no address, no user agent. Raw
events are already summed per flush of the counting buffer (one row per page,
measure and words every few minutes, not one per visit) and are purged after 25
months; the daily roll-ups are kept.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Measure(models.TextChoices):
    VIEW = "view", _("Page views")
    IMPRESSION = "impression", _("Appearances in search results")
    PHONE = "phone", _("Clicks on the phone number")
    DIRECTIONS = "directions", _("Clicks on directions")
    WEBSITE = "website", _("Clicks on the website")
    BASKET = "basket", _("Basket additions")
    ORDER = "order", _("Orders")


class PageCounts(models.Model):
    """What is counted for one page, one measure and one day: the raw sums of the
    flushes and the daily roll-up share these columns."""

    day = models.DateField()
    page_id = models.PositiveIntegerField()
    measure = models.CharField(max_length=12, choices=Measure.choices)
    # Impressions only: the normalised words of the search that showed the shop.
    words = models.CharField(max_length=100, blank=True)
    count = models.PositiveIntegerField(default=0)
    position_sum = models.PositiveBigIntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.day} page {self.page_id} {self.measure}: {self.count}"


class PageEvent(PageCounts):
    """A sum of hits on one page for one measure, written by one buffer flush."""

    class Meta:
        indexes = [models.Index(fields=["day"])]


class SearchEvent(models.Model):
    """A sum of identical searches (same words, commune filter and result count)."""

    day = models.DateField()
    words = models.CharField(max_length=100)
    commune_code = models.CharField(max_length=5, blank=True)
    result_count = models.PositiveIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.day} «{self.words}»: {self.count}"


class PageDay(PageCounts):
    """One page's figure for one measure on one day (Europe/Paris calendar)."""

    amount_cents = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page_id", "measure", "day", "words"], name="one_page_day"
            )
        ]
        indexes = [models.Index(fields=["day"])]


class SearchDay(models.Model):
    """How often some words were searched on one day, with how many results."""

    day = models.DateField()
    words = models.CharField(max_length=100)
    commune_code = models.CharField(max_length=5, blank=True)
    searches = models.PositiveIntegerField(default=0)
    # The fewest results these words found that day: a gap is a low minimum.
    fewest_results = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["commune_code", "day", "words"], name="one_search_day"
            )
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.day} «{self.words}»: {self.searches}"


class PublicCall(models.Model):
    """Open-data downloads and API calls per day, for the public figures."""

    class Kind(models.TextChoices):
        DOWNLOAD = "download", _("Open-data downloads")
        API = "api", _("API calls")

    day = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "day"], name="one_call_day")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.kind}: {self.count}"
