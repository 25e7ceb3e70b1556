"""What import_osm and import_csv share: progress, the rejected rows, the summary."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from opendata.importing import ImportFileError, listings_import


class ImportCommand(BaseCommand):
    source: str
    noun: str  # "line" or "feature"

    def add_arguments(self, parser):
        parser.add_argument("file", help="the file to import")

    def read(self, path):
        raise NotImplementedError

    def handle(self, *args, file, **options):
        try:
            rows = self.read(file)
            report = listings_import(
                rows=rows,
                source=self.source,
                progress=lambda count: self.stdout.write(f"{count} rows read…"),
            )
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        messages = [(number, False, text) for number, text in report.warnings]
        messages += [(number, True, text) for number, text in report.rejected]
        for number, rejected, text in sorted(messages, key=lambda m: (m[0], m[1])):
            if rejected:
                line = f"{self.noun} {number}: rejected: {text}"
                self.stdout.write(self.style.WARNING(line))
            else:
                self.stdout.write(f"{self.noun} {number}: {text}")
        if report.rejected:
            self.stdout.write(_("Still left out, by reason:"))
            for reason, count in report.rejections_by_reason():
                self.stdout.write(f"  {count}: {reason}")
        self.stdout.write(self.style.SUCCESS(report.summary()))
        return None
