"""A merchant's own data, to download at any time (no lock-in): JSON and CSV, zipped."""

import csv
import io
import json
import zipfile

from django.core.serializers.json import DjangoJSONEncoder

from shops.access.permissions import page_ids_editable_by, shop_ids_owned_by
from shops.models import QuoteRequest, ShopPage

SHOP_FIELDS = [
    "id",
    "title",
    "slug",
    "siret",
    "pitch",
    "description",
    "street_address",
    "postal_code",
    "latitude",
    "longitude",
    "opening_hours",
    "phone",
    "email",
    "website",
    "facebook_url",
    "instagram_url",
    "offers_click_and_collect",
    "offers_delivery",
    "by_appointment_only",
    "wheelchair",
    "languages",
    "payment_methods",
    "live",
    "verified_at",
    "hours_confirmed_at",
]
PRODUCT_FIELDS = [
    "id",
    "name",
    "description",
    "price_cents",
    "currency",
    "unit",
    "stock",
    "available_for_click_and_collect",
    "active",
]
OFFER_FIELDS = ["id", "title", "text", "valid_from", "valid_until"]
CLOSURE_FIELDS = ["id", "start_date", "end_date", "reason"]
QUOTE_FIELDS = ["id", "name", "email", "phone", "message", "created_at", "handled"]


def _row(instance, fields: list[str]) -> dict:
    return {field: getattr(instance, field) for field in fields}


def merchant_data(user) -> dict:
    """Everything about the shops this user may edit, as plain data."""
    shops = ShopPage.objects.filter(pk__in=page_ids_editable_by(user)).select_related(
        "category", "commune"
    )
    data = {"shops": []}
    # Staff export the shops they curate, never what residents wrote to them.
    quotes = QuoteRequest.objects.filter(shop__in=shop_ids_owned_by(user))
    for shop in shops.order_by("pk"):
        entry = _row(shop, SHOP_FIELDS)
        entry["category"] = shop.category.osm_tag
        entry["commune_insee"] = shop.commune.insee_code
        entry["products"] = [_row(p, PRODUCT_FIELDS) for p in shop.products.all()]
        entry["offers"] = [_row(o, OFFER_FIELDS) for o in shop.offers.all()]
        entry["closures"] = [_row(c, CLOSURE_FIELDS) for c in shop.closures.all()]
        entry["quote_requests"] = [
            _row(q, QUOTE_FIELDS) for q in quotes.filter(shop=shop)
        ]
        data["shops"].append(entry)
    return data


def _csv(rows: list[dict], fields: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        # List fields (languages, payment methods) stay readable as JSON in a cell.
        writer.writerow(
            {
                key: json.dumps(row[key]) if isinstance(row[key], list) else row[key]
                for key in fields
            }
        )
    return buffer.getvalue()


def merchant_data_zip(user) -> bytes:
    data = merchant_data(user)
    children = {
        "products": PRODUCT_FIELDS,
        "offers": OFFER_FIELDS,
        "closures": CLOSURE_FIELDS,
        "quote_requests": QUOTE_FIELDS,
    }
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(
            "vitrine-data.json",
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
        bundle.writestr(
            "shops.csv",
            _csv(data["shops"], [*SHOP_FIELDS, "category", "commune_insee"]),
        )
        for name, fields in children.items():
            rows = [
                {"shop_id": shop["id"], **row}
                for shop in data["shops"]
                for row in shop[name]
            ]
            bundle.writestr(f"{name}.csv", _csv(rows, ["shop_id", *fields]))
    return archive.getvalue()
