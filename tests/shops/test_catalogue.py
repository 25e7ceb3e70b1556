"""Merchants export their catalogue as CSV, edit it in a spreadsheet, import it back."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.images.models import Image
from wagtail.models import ReferenceIndex

import pytest

from shops.catalogue import (
    CATALOGUE_COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    catalogue_export_csv,
    catalogue_import_csv,
)
from shops.models import Product, ShopPage
from shops.verification.services import shop_verify
from tests.factories.people import VALID_SIRETS, commune_staff, merchant_with_shop

pytestmark = pytest.mark.django_db

HEADER = ";".join(CATALOGUE_COLUMNS)
PRODUCTS = [
    {"name": "Baguette tradition", "price_cents": 130, "unit": "pièce", "stock": 40},
    {"name": "Pain de seigle", "price_cents": 450, "unit": "kg", "stock": None},
    {"name": "Tarte au maroilles", "price_cents": 1800, "description": "6 parts"},
]


def _add_products(shop, merchant, products):
    shop = ShopPage.objects.get(pk=shop.pk).get_latest_revision_as_object()
    for position, values in enumerate(products):
        shop.products.add(Product(sort_order=position, **values))
    shop.save_revision(user=merchant)


@pytest.fixture
def live_shop():
    """A verified, published shop with three products, whose merchant publishes."""
    merchant, shop = merchant_with_shop()
    _add_products(shop, merchant, PRODUCTS)
    return merchant, shop_verify(shop=shop, by=commune_staff())


@pytest.fixture
def other_live_shop():
    merchant, shop = merchant_with_shop(
        name="Fromagerie Voisine", email="fromager@example.org", siret=VALID_SIRETS[1]
    )
    _add_products(shop, merchant, [{"name": "Maroilles", "price_cents": 990}])
    staff = commune_staff(username="agent.lille.2")
    return merchant, shop_verify(shop=shop, by=staff)


def _export(shop) -> str:
    stream = io.StringIO(newline="")
    catalogue_export_csv(shop=shop, stream=stream)
    return stream.getvalue()


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


def _csv(rows: list[dict], *, delimiter=";") -> str:
    stream = io.StringIO(newline="")
    writer = csv.DictWriter(stream, fieldnames=CATALOGUE_COLUMNS, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return stream.getvalue()


def _import(shop, merchant, content, encoding="utf-8"):
    if isinstance(content, str):
        content = content.encode(encoding)
    return catalogue_import_csv(shop=shop, file=io.BytesIO(content), by=merchant)


def _in_order(products) -> list[Product]:
    return sorted(products, key=lambda product: product.sort_order)


def _live_products(shop) -> list[Product]:
    return list(Product.objects.filter(shop=shop).order_by("sort_order"))


def test_export_is_excel_friendly_csv_in_display_order(live_shop):
    _merchant, shop = live_shop
    text = _export(shop)
    assert text.startswith("\ufeff" + HEADER + "\r\n")
    rows = _rows(text)
    assert [row["name"] for row in rows] == [p["name"] for p in PRODUCTS]
    baguette = rows[0]
    assert baguette["id"] == str(_live_products(shop)[0].pk)
    assert baguette["price"] == "1,30"
    assert baguette["stock"] == "40"
    assert baguette["click_and_collect"] == "oui"
    assert baguette["active"] == "oui"
    assert rows[1]["stock"] == ""  # made to order
    assert rows[2]["price"] == "18,00"


def test_importing_the_exported_file_unchanged_changes_nothing(live_shop):
    merchant, shop = live_shop
    revisions_before = shop.revisions.count()
    result = _import(shop, merchant, _export(shop))
    assert result.ok, result.errors
    assert (result.created, result.updated, result.deactivated) == (0, 0, 0)
    assert result.unchanged == len(PRODUCTS)
    assert result.revision is None
    assert shop.revisions.count() == revisions_before


def test_edited_prices_and_a_new_row_are_published_on_the_live_page(client, live_shop):
    merchant, shop = live_shop
    rows = _rows(_export(shop))
    rows[0]["price"] = "1,45 €"
    rows[1]["price"] = "4.80"
    rows.append(
        {
            "id": "",
            "name": "Cramique aux raisins",
            "description": "",
            "price": "6,5",
            "unit": "pièce",
            "stock": "",
            "click_and_collect": "Non",
            "active": "",
        }
    )
    result = _import(shop, merchant, _csv(rows))
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (1, 2, 1)
    assert result.published
    products = _live_products(shop)
    assert [p.price_cents for p in products] == [145, 480, 1800, 650]
    cramique = products[3]
    assert cramique.stock is None and cramique.active
    assert not cramique.available_for_click_and_collect
    html = client.get(ShopPage.objects.get(pk=shop.pk).url).content.decode()
    assert "1,45\u00a0€" in html
    assert "Cramique aux raisins" in html


def test_product_photos_survive_an_import_and_stay_in_the_reference_index(
    live_shop,
):
    merchant, shop = live_shop
    photo = Image.objects.create(
        title="Baguette", file="original_images/baguette.jpg", width=10, height=10
    )
    # Chosen in the editor and saved as a draft: the CSV import publishes it.
    draft = ShopPage.objects.get(pk=shop.pk).get_latest_revision_as_object()
    baguette = _in_order(draft.products.all())[0]
    baguette.image = photo
    draft.products.add(baguette)
    draft.save_revision(user=merchant)
    rows = _rows(_export(shop))
    rows[0]["price"] = "1,40"
    assert _import(shop, merchant, _csv(rows)).published
    assert _live_products(shop)[0].image == photo
    referrers = ReferenceIndex.get_references_to(photo)
    assert str(shop.pk) in set(referrers.values_list("object_id", flat=True))


def test_one_bad_row_among_good_ones_imports_nothing_and_names_its_line(live_shop):
    merchant, shop = live_shop
    rows = _rows(_export(shop))
    rows[0]["price"] = "2,00"
    rows[1]["price"] = "quatre euros"
    rows[2]["stock"] = "abc"
    result = _import(shop, merchant, _csv(rows))
    assert not result.ok and result.revision is None
    assert [(e.line, e.column) for e in result.errors] == [(3, "price"), (4, "stock")]
    assert "quatre euros" in result.errors[0].message
    assert "3" in str(result.errors[0]) and "price" in str(result.errors[0])
    assert _live_products(shop)[0].price_cents == 130
    assert not ShopPage.objects.get(pk=shop.pk).has_unpublished_changes


def test_a_product_id_of_another_shop_is_refused(live_shop, other_live_shop):
    merchant, shop = live_shop
    _other_merchant, other_shop = other_live_shop
    foreign = _live_products(other_shop)[0]
    rows = _rows(_export(shop))
    rows.insert(2, {**rows[0], "id": str(foreign.pk), "name": "Maroilles volé"})
    result = _import(shop, merchant, _csv(rows))
    assert [(e.line, e.column) for e in result.errors] == [(4, "id")]
    assert str(foreign.pk) in result.errors[0].message
    foreign.refresh_from_db()
    assert foreign.name == "Maroilles" and foreign.shop_id == other_shop.pk


def test_products_missing_from_the_file_are_deactivated_not_deleted(client, live_shop):
    merchant, shop = live_shop
    rows = _rows(_export(shop))
    tarte_id = int(rows.pop(2)["id"])
    result = _import(shop, merchant, _csv(rows))
    assert result.ok and result.deactivated == 1 and result.published
    tarte = Product.objects.get(pk=tarte_id)
    assert not tarte.active
    assert "Tarte au maroilles" not in client.get(tarte.shop.url).content.decode()
    # It stays in the next export, where "oui" brings it back.
    rows = _rows(_export(shop))
    assert rows[2]["name"] == "Tarte au maroilles" and rows[2]["active"] == "non"
    rows[2]["active"] = "OUI"
    assert _import(shop, merchant, _csv(rows)).updated == 1
    assert Product.objects.get(pk=tarte_id).active


def test_an_excel_file_with_semicolons_and_windows_1252_accents_is_accepted(
    live_shop,
):
    merchant, shop = live_shop
    text = _export(shop).lstrip("\ufeff").replace("Pain de seigle", "Pain brié")
    result = _import(shop, merchant, text, encoding="cp1252")
    assert result.ok, result.errors
    assert _live_products(shop)[1].name == "Pain brié"


@pytest.mark.parametrize("delimiter", [";", ","])
def test_utf8_files_with_or_without_bom_and_either_delimiter_are_accepted(
    live_shop, delimiter
):
    merchant, shop = live_shop
    rows = _rows(_export(shop))
    rows[2]["description"] = "6 parts, à partager; ou pas"
    for bom in ("\ufeff", ""):
        result = _import(shop, merchant, bom + _csv(rows, delimiter=delimiter))
        assert result.ok, result.errors
    assert _live_products(shop)[2].description == "6 parts, à partager; ou pas"


@pytest.mark.parametrize(
    ("written", "cents"),
    [
        ("1,30", 130),
        ("1.30", 130),
        ("1,30 €", 130),
        ("1,3", 130),
        ("2", 200),
        ("1 250,00", 125_000),
        ("0,99EUR", 99),
    ],
)
def test_prices_are_read_as_merchants_write_them(live_shop, written, cents):
    merchant, shop = live_shop
    rows = _rows(_export(shop))
    rows[0]["price"] = written
    assert _import(shop, merchant, _csv(rows)).ok
    assert _live_products(shop)[0].price_cents == cents


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("price", "-2,00"),
        ("price", "100000,01"),
        ("price", "99999999999999999999"),
        ("price", "1.234,50"),
        ("price", "gratuit"),
        ("price", ""),
        ("stock", "abc"),
        ("stock", "-3"),
        ("stock", "99999999999"),
        ("name", ""),
        ("name", "B" * 121),
        ("unit", "u" * 31),
        ("active", "peut-être"),
        ("id", "douze"),
    ],
)
def test_invalid_cells_get_an_error_on_their_line_and_column(live_shop, column, value):
    merchant, shop = live_shop
    rows = _rows(_export(shop))
    rows[1][column] = value
    result = _import(shop, merchant, _csv(rows))
    assert [(e.line, e.column) for e in result.errors] == [(3, column)]
    assert result.errors[0].message


def test_a_product_twice_in_the_file_is_refused(live_shop):
    merchant, shop = live_shop
    rows = _rows(_export(shop))
    rows.append(rows[0])
    result = _import(shop, merchant, _csv(rows))
    assert [(e.line, e.column) for e in result.errors] == [(5, "id")]
    assert "2" in result.errors[0].message  # the line where it first appears


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\xef\xbb\xbf",
        (b"id;name;description\n1;Pain;\n"),  # no price column
        (HEADER + ";couleur\n").encode(),  # unknown column
        (HEADER + "\n").encode(),  # no products at all
        b"\xff\xfe\x00\x00garbage\x00",  # binary
        b"PK\x03\x04\x00\x00workbook.xlsx",
    ],
)
def test_files_that_are_not_a_catalogue_are_refused_with_one_clear_error(
    live_shop, content
):
    merchant, shop = live_shop
    result = _import(shop, merchant, content)
    assert len(result.errors) == 1 and result.errors[0].message
    assert all(p.active for p in _live_products(shop))


def test_files_over_the_size_or_row_limit_are_refused(live_shop):
    merchant, shop = live_shop
    too_many = [
        {"id": "", "name": f"Produit {n}", "price": "1,00"} for n in range(MAX_ROWS + 1)
    ]
    result = _import(shop, merchant, _csv(too_many))
    assert len(result.errors) == 1 and str(MAX_ROWS) in result.errors[0].message
    big = _csv([{"id": "", "name": "Gros", "price": "1", "description": "x" * 1000}])
    result = _import(shop, merchant, big + "\n" * (MAX_BYTES - len(big) + 1))
    assert len(result.errors) == 1 and "2" in result.errors[0].message
    assert len(_live_products(shop)) == len(PRODUCTS)


def test_exactly_the_row_limit_is_accepted(live_shop):
    merchant, shop = live_shop
    rows = [{"id": "", "name": f"Produit {n}", "price": "1"} for n in range(MAX_ROWS)]
    result = _import(shop, merchant, _csv(rows))
    assert result.ok and result.created == MAX_ROWS and result.deactivated == 3


def test_cells_that_look_like_formulas_are_neutralised_on_export_and_restored(
    live_shop,
):
    merchant, shop = live_shop
    rows = _rows(_export(shop))
    rows[0]["name"] = '=HYPERLINK("http://evil.example","Clic")'
    rows[1]["description"] = "+33 3 20 00 00 00"
    rows[2]["unit"] = "@lot"
    assert _import(shop, merchant, _csv(rows)).ok
    exported = _rows(_export(shop))
    assert exported[0]["name"] == '\'=HYPERLINK("http://evil.example","Clic")'
    assert exported[1]["description"] == "'+33 3 20 00 00 00"
    assert exported[2]["unit"] == "'@lot"
    result = _import(shop, merchant, _export(shop))
    assert result.ok and result.updated == 0
    assert _live_products(shop)[0].name.startswith("=HYPERLINK")


def test_before_verification_the_import_is_saved_as_a_draft(client):
    merchant, shop = merchant_with_shop()
    result = _import(
        shop, merchant, _csv([{"id": "", "name": "Baguette", "price": "1,30"}])
    )
    assert result.ok and result.created == 1 and not result.published
    shop = ShopPage.objects.get(pk=shop.pk)
    assert not shop.live and shop.has_unpublished_changes
    assert [p.name for p in shop.get_latest_revision_as_object().products.all()] == [
        "Baguette"
    ]
    # Re-importing the draft's export does not duplicate the never-published rows.
    again = _import(shop, merchant, _export(shop))
    assert again.ok
    draft = ShopPage.objects.get(pk=shop.pk).get_latest_revision_as_object()
    assert [p.name for p in draft.products.all()] == ["Baguette"]


def test_merchant_downloads_their_catalogue_from_the_admin(client, live_shop):
    merchant, shop = live_shop
    client.force_login(merchant)
    response = client.get(reverse("shop_catalogue_export", args=[shop.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f'filename="catalogue-{shop.slug}.csv"' in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf" + HEADER.encode())
    assert b"Tarte au maroilles" in response.content


def test_merchant_imports_from_the_admin_and_lands_on_the_page_editor(
    client, live_shop
):
    merchant, shop = live_shop
    client.force_login(merchant)
    url = reverse("shop_catalogue_import", args=[shop.pk])
    assert client.get(url).status_code == 200
    rows = _rows(_export(shop))
    rows[0]["price"] = "1,50"
    upload = SimpleUploadedFile("catalogue.csv", _csv(rows).encode("utf-8"))
    response = client.post(url, {"file": upload})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[shop.pk])
    assert _live_products(shop)[0].price_cents == 150


def test_import_errors_are_shown_in_a_table_with_status_400(client, live_shop):
    merchant, shop = live_shop
    client.force_login(merchant)
    rows = _rows(_export(shop))
    rows[1]["price"] = "quatre euros"
    upload = SimpleUploadedFile("catalogue.csv", _csv(rows).encode("utf-8"))
    response = client.post(
        reverse("shop_catalogue_import", args=[shop.pk]), {"file": upload}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "quatre euros" in html and "<td>3</td>" in html
    assert (
        client.post(reverse("shop_catalogue_import", args=[shop.pk])).status_code == 400
    )


def test_another_merchant_gets_404_on_the_catalogue_screens(
    client, live_shop, other_live_shop
):
    _merchant, shop = live_shop
    other_merchant, _other_shop = other_live_shop
    client.force_login(other_merchant)
    export_url = reverse("shop_catalogue_export", args=[shop.pk])
    import_url = reverse("shop_catalogue_import", args=[shop.pk])
    assert client.get(export_url).status_code == 404
    assert client.get(import_url).status_code == 404
    upload = SimpleUploadedFile(
        "c.csv", _csv([{"name": "Intrus", "price": "1"}]).encode()
    )
    assert client.post(import_url, {"file": upload}).status_code == 404
    assert len(_live_products(shop)) == len(PRODUCTS)
