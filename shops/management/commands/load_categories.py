from django.core.management.base import BaseCommand

from shops.listing.categories import CATEGORIES_FILE, categories_load


class Command(BaseCommand):
    help = "Load the shop and craft categories taken from OpenStreetMap's presets."

    def handle(self, *args, **options):
        summary = categories_load(path=CATEGORIES_FILE)
        self.stdout.write(f"Categories: {summary}")
