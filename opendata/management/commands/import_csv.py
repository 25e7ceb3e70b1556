from opendata.importing import csv_rows
from opendata.management.commands._importing import ImportCommand
from shops.choices import ListingSource


class Command(ImportCommand):
    help = (
        "Create or update unclaimed listings from a CSV with the columns of the "
        "shops export (name, shop/craft, addr:*, @lat, @lon…). Safe to run twice."
    )
    source = ListingSource.CSV
    noun = "line"

    def read(self, path):
        return csv_rows(path)
