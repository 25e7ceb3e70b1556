from django.core.management.base import BaseCommand

from search.indexing import pending_updates_apply


class Command(BaseCommand):
    help = "Apply the index updates that waited while the search engine was down."

    def handle(self, *args, **options):
        applied, pending = pending_updates_apply()
        self.stdout.write(f"Search updates: {applied} applied, {pending} still pending")
