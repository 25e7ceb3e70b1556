"""The re-layout of issue 12 moved code, never data.

Apps kept their labels, so their tables, content types (which page revisions point
at) and migration history stay what a database created before the move holds. These
tests pin what that database knows: a model moved to another app, or a migration
renamed, fails here before it reaches anyone's data. The forward migration of a
real demo database is described in the README ("Architecture").
"""

from django.apps import apps
from django.db.migrations.loader import MigrationLoader

# Recorded on main before the re-layout (commit af7d893).
TABLES_BEFORE = {
    "cms": {
        "commune": "cms_commune",
        "communehighlight": "cms_communehighlight",
        "communepage": "cms_communepage",
        "communesindexpage": "cms_communesindexpage",
        "eventpage": "cms_eventpage",
        "homepage": "cms_homepage",
        "placeclosure": "cms_placeclosure",
        "placephoto": "cms_placephoto",
        "pointofinterestpage": "cms_pointofinterestpage",
        "trailpage": "cms_trailpage",
        "trailsindexpage": "cms_trailsindexpage",
        "trailstop": "cms_trailstop",
        "weeklymarket": "cms_weeklymarket",
    },
    "shops": {
        "category": "shops_category",
        "offer": "shops_offer",
        "product": "shops_product",
        "quoterequest": "shops_quoterequest",
        "shopclosure": "shops_shopclosure",
        "shoppage": "shops_shoppage",
        "shopphoto": "shops_shopphoto",
    },
    "orders": {
        "basket": "orders_basket",
        "basketline": "orders_basketline",
        "morningsummary": "orders_morningsummary",
        "order": "orders_order",
        "orderline": "orders_orderline",
        "processedstripeevent": "orders_processedstripeevent",
        "shoporder": "orders_shoporder",
        "stockreservation": "orders_stockreservation",
    },
    "opendata": {
        "apikey": "opendata_apikey",
        "apikeyusage": "opendata_apikeyusage",
        "shopclaim": "opendata_shopclaim",
    },
    "search": {"pendingindexupdate": "search_pendingindexupdate"},
}
MIGRATIONS_BEFORE = {
    "cms": {"0001_initial", "0002_create_page_tree", "0003_curation"},
    "shops": {
        "0001_initial",
        "0002_merchant_listing_fields",
        "0003_click_and_collect",
        "0003_open_data",
        "0004_merge_0003_click_and_collect_0003_open_data",
    },
    "orders": {"0001_initial"},
    "opendata": {"0001_initial"},
    "search": {"0001_pending_index_updates", "0002_pending_updates_name_any_page"},
}


def test_every_model_keeps_its_app_label_and_table():
    for label, tables in TABLES_BEFORE.items():
        for model_name, table in tables.items():
            model = apps.get_model(label, model_name)
            assert model._meta.db_table == table, (label, model_name)


def test_every_migration_applied_before_still_exists_under_its_app():
    on_disk = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    for label, names in MIGRATIONS_BEFORE.items():
        assert names <= {name for app, name in on_disk if app == label}, label
