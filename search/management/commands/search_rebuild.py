import time

from django.core.management.base import BaseCommand

from search.indexing import shops_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the shops search index from the database, then swap it in atomically."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        count = shops_rebuild()
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Search index: {count} shops indexed in {elapsed:.1f} s")
