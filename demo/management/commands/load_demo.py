import time

from django.core.management.base import BaseCommand
from django.utils import timezone, translation

from demo.curation import curation_demo_seed
from demo.seed import PLACE_COUNT, SHOP_COUNT, demo_seed


class Command(BaseCommand):
    help = (
        "Create the demo shops and places (deterministic: a second run does nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--shops", type=int, default=SHOP_COUNT)
        parser.add_argument("--places", type=int, default=PLACE_COUNT)

    def handle(self, *args, **options):
        started = time.perf_counter()
        with translation.override("fr"):
            summaries = demo_seed(
                shop_count=options["shops"],
                place_count=options["places"],
                progress=self.stdout.write,
            )
            summaries |= curation_demo_seed(today=timezone.localdate())
        for noun, summary in summaries.items():
            self.stdout.write(f"Demo {noun}: {summary}")
        self.stdout.write(f"Demo ready in {time.perf_counter() - started:.1f} s")
