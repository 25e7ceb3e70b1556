from django.core.management.base import BaseCommand

from cms.services import COMMUNES_FILE, communes_load


class Command(BaseCommand):
    help = "Load the 95 communes of the Lille metropolis and give each one its page."

    def handle(self, *args, **options):
        summary = communes_load(path=COMMUNES_FILE)
        self.stdout.write(f"Communes: {summary}")
