"""The weekly digest for 10,000 residents with 10 favourite shops each.

    make bench-digest          (RESIDENTS=10000 FAVOURITES=10 SHOPS=1000 by default)

Builds a throw-away SQLite database in a temporary folder: the communes, the
categories, SHOPS published shops (inserted in bulk by bench/opendata.py's seeder),
RESIDENTS residents with FAVOURITES favourite shops each (news wanted) and one
commune each (events wanted). Last week's digest run is recorded, then a new
product and a new offer are published at a third of the shops and a few events
in the communes, so most residents have something in this week's digest.

Then ``residents.alerts.digest_send`` runs for the week, as the weekly command
does: finding who has news, claiming each resident's week (``DigestSent``),
rendering each email in its language with its unsubscribe headers and handing it
to the mail backend. The backend is Django's in-memory one, standing for the SMTP
relay's queue: the figure is the application's cost of building and queueing, not
the mail server's. A second run of the same week shows the "never twice" path.
"""

import importlib.util
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

# bench/opendata.py's bulk seeder, loaded by path: the name "opendata" is the app's.
# Loading it also sets the settings module (tests' settings, a SQLite database).
_spec = importlib.util.spec_from_file_location(
    "bench_opendata", Path(__file__).with_name("opendata.py")
)
opendata = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(opendata)

WORKDIR = Path(tempfile.mkdtemp(prefix="vitrine-bench-digest-"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR / 'bench.sqlite3'}"

RESIDENTS = int(os.environ.get("RESIDENTS", "10000"))
FAVOURITES = int(os.environ.get("FAVOURITES", "10"))
SHOPS = int(os.environ.get("SHOPS", "1000"))
WEEK = date(2026, 11, 23)


def _residents() -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from residents.models import AlertSettings, Favourite, ResidentCommune
    from shops.models import ShopPage
    from territory.communes import Commune

    shop_ids = list(ShopPage.objects.order_by("pk").values_list("pk", flat=True))
    commune_ids = list(Commune.objects.order_by("pk").values_list("pk", flat=True))
    password = make_password(None)
    languages = ["fr", "fr", "fr", "nl", "en"]
    User = get_user_model()
    with transaction.atomic():
        User.objects.bulk_create(
            [
                User(
                    username=f"resident{n}",
                    email=f"resident{n}@example.org",
                    password=password,
                )
                for n in range(RESIDENTS)
            ],
            batch_size=1000,
        )
        users = list(User.objects.order_by("pk").values_list("pk", flat=True))
        Favourite.objects.bulk_create(
            [
                Favourite(
                    user_id=user,
                    page_id=shop_ids[(n * 7 + k * 97) % len(shop_ids)],
                    alert_news=True,
                )
                for n, user in enumerate(users)
                for k in range(FAVOURITES)
            ],
            batch_size=5000,
        )
        ResidentCommune.objects.bulk_create(
            [
                ResidentCommune(
                    user_id=user,
                    commune_id=commune_ids[n % len(commune_ids)],
                    alert_events=True,
                )
                for n, user in enumerate(users)
            ],
            batch_size=5000,
        )
        AlertSettings.objects.bulk_create(
            [
                AlertSettings(user_id=user, language=languages[n % len(languages)])
                for n, user in enumerate(users)
            ],
            batch_size=5000,
        )


def _news() -> None:
    """Last week's run, then new products, offers and events for this week."""
    from django.db import transaction
    from django.utils import timezone

    from cms.models import CommunePage, EventPage
    from residents.alerts import digest_send
    from shops.models import Offer, Product, ShopPage

    digest_send(week=WEEK - timedelta(days=7))
    shop_ids = list(ShopPage.objects.order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        Product.objects.bulk_create(
            [
                Product(shop_id=shop, name="Nouveauté de saison", price_cents=650)
                for shop in shop_ids[::3]
            ]
        )
        Offer.objects.bulk_create(
            [
                Offer(
                    shop_id=shop,
                    title="-20 % sur la galette",
                    text="Toute la semaine",
                    valid_from=WEEK,
                    valid_until=WEEK + timedelta(days=6),
                )
                for shop in shop_ids[::3]
            ]
        )
    starts = timezone.now().replace(year=2026, month=11, day=25, hour=9)
    for number, parent in enumerate(CommunePage.objects.order_by("pk")[:30]):
        parent.add_child(
            instance=EventPage(
                title=f"Marché d'essai {number}",
                slug=f"marche-essai-{number}",
                kind=EventPage.Kind.MARKET,
                summary="Un marché pour le banc d'essai.",
                starts_at=starts,
                ends_at=starts + timedelta(hours=5),
            )
        )


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core import mail
    from django.core.management import call_command

    from cms.services import communes_load
    from residents.alerts import digest_send, digests_build
    from shops.listing.categories import categories_load

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    print(f"Throw-away database in {WORKDIR}")
    call_command("migrate", verbosity=0)
    communes_load()
    categories_load()
    started = time.perf_counter()
    opendata._seed(SHOPS)
    _residents()
    _news()
    print(
        f"seeded {SHOPS} shops, {RESIDENTS} residents x {FAVOURITES} favourites "
        f"in {time.perf_counter() - started:.1f} s"
    )
    mail.outbox = []

    started = time.perf_counter()
    due = len(digests_build(WEEK))
    build = time.perf_counter() - started
    print(f"finding who has news: {due} digests due in {build:.2f} s")

    started, cpu = time.perf_counter(), time.process_time()
    sent = digest_send(week=WEEK)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    sample = mail.outbox[0]
    print(
        f"digest built and queued: {sent} emails in {elapsed:.1f} s wall clock, "
        f"{cpu:.1f} s of CPU ({sent / elapsed:,.0f} emails/s; the machine's load "
        f"average was {os.getloadavg()[0]:.1f})"
    )
    print(
        f"one email: {len(sample.body)} characters, headers "
        f"{sorted(sample.extra_headers)}"
    )
    started = time.perf_counter()
    again = digest_send(week=WEEK)
    print(
        f"second run of the same week: {again} emails "
        f"in {time.perf_counter() - started:.2f} s"
    )


if __name__ == "__main__":
    main()
