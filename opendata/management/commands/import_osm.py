from opendata.importing import osm_geojson_rows
from opendata.management.commands._importing import ImportCommand
from shops.choices import ListingSource


class Command(ImportCommand):
    help = (
        "Create or update unclaimed listings from an OSM GeoJSON FeatureCollection "
        "(tags as properties, @id or id like node/123). Safe to run twice."
    )
    source = ListingSource.OSM
    noun = "feature"

    def read(self, path):
        return osm_geojson_rows(path)
