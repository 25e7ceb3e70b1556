"""Three months of invented figures for the demo, so the dashboards have a story.

Written straight into the daily roll-ups (what counting would have produced) for
the shops that have a merchant account and a few dozen others, with searches in
Roubaix that find nothing (a fishmonger, a cobbler) for its town hall to see.
"""

import random
from datetime import timedelta

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from insights.models import Measure, PageDay, PublicCall, SearchDay
from orders.selectors import MERCHANT_GROUP_PREFIX
from shops.models import ShopPage

DAYS = 90
GAPS_ROUBAIX = {"poissonnerie": 3, "cordonnier": 2, "fromagerie": 1, "serrurier": 1}
POPULAR = ("boulangerie", "fleuriste", "librairie", "boucherie", "coiffeur", "epicerie")
SHOP_WORDS = ("boulangerie", "pain levain", "boulangerie lille", "croissant")


def _demo_shops() -> list[int]:
    owned = [
        int(name.removeprefix(MERCHANT_GROUP_PREFIX))
        for name in Group.objects.filter(
            name__startswith=MERCHANT_GROUP_PREFIX, user__isnull=False
        ).values_list("name", flat=True)
        if name.removeprefix(MERCHANT_GROUP_PREFIX).isdigit()
    ]
    others = ShopPage.objects.live().order_by("pk").values_list("pk", flat=True)[:40]
    return list(dict.fromkeys(owned + list(others)))


@transaction.atomic
def demo_insights_load() -> int:
    """Rows written; nothing when the demo already has figures."""
    if SearchDay.objects.exists():
        return 0
    rng = random.Random(16)  # noqa: S311 (the same demo every time)
    today = timezone.localdate()
    pages, searches, calls = [], [], []
    for offset in range(DAYS):
        day = today - timedelta(days=offset + 2)  # the roll-up rebuilds the last two
        weekend = day.weekday() >= 5
        for page_id in _demo_shops():
            views = rng.randint(8, 30) + (15 if weekend else 0) + (DAYS - offset) // 6
            for measure, count in (
                (Measure.VIEW, views),
                (Measure.PHONE, rng.randint(0, 3)),
                (Measure.DIRECTIONS, rng.randint(0, 4)),
                (Measure.WEBSITE, rng.randint(0, 2)),
                (Measure.BASKET, rng.randint(0, 2)),
            ):
                if count:
                    pages.append(
                        PageDay(day=day, page_id=page_id, measure=measure, count=count)
                    )
            for words in rng.sample(SHOP_WORDS, 2):
                shown = rng.randint(2, 12)
                pages.append(
                    PageDay(
                        day=day,
                        page_id=page_id,
                        measure=Measure.IMPRESSION,
                        words=words,
                        count=shown,
                        position_sum=shown * rng.randint(1, 6),
                    )
                )
        for words, per_day in GAPS_ROUBAIX.items():
            searches.append(
                SearchDay(
                    day=day,
                    words=words,
                    commune_code="59512",
                    searches=per_day + rng.randint(0, 1),
                    fewest_results=0,
                )
            )
        for words in POPULAR:
            searches.append(
                SearchDay(
                    day=day,
                    words=words,
                    searches=rng.randint(3, 25),
                    fewest_results=rng.randint(5, 60),
                )
            )
        calls += [
            PublicCall(day=day, kind=PublicCall.Kind.API, count=rng.randint(20, 90)),
            PublicCall(day=day, kind=PublicCall.Kind.DOWNLOAD, count=rng.randint(0, 6)),
        ]
    PageDay.objects.bulk_create(pages, batch_size=2000)
    SearchDay.objects.bulk_create(searches)
    PublicCall.objects.bulk_create(calls)
    return len(pages) + len(searches) + len(calls)
