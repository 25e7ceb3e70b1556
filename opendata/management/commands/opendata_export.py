from django.core.management.base import BaseCommand

from opendata.files import exports_refresh


class Command(BaseCommand):
    help = (
        "Write the open-data export files (GeoJSON and CSV of every dataset) for "
        "the current data and drop older ones. Run it nightly."
    )

    def handle(self, *args, **options):
        for slug, fmt, export in exports_refresh(force=True):
            size = export.path.stat().st_size
            self.stdout.write(f"{slug}.{fmt}: {export.path.name} ({size:,} bytes)")
        self.stdout.write(self.style.SUCCESS("Open-data files written."))
