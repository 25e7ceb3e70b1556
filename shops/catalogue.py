"""A shop's product catalogue as a CSV file, to edit many products in a spreadsheet.

The file has the columns of ``CATALOGUE_COLUMNS``, one row per product:

- ``id``: the product's number, as exported; empty for a new product.
- ``price``: euros as merchants write them. Export writes ``1,30`` (French decimal
  comma, no thousands separator, no symbol); import also reads ``1.30``, ``1,3``,
  ``1,30 €`` and ``1 250,00``.
- ``stock``: a whole number, or empty for "made to order".
- ``click_and_collect`` and ``active``: ``oui``/``non`` on export; import also reads
  yes/no, 1/0, true/false and vrai/faux, in any case.

Export writes UTF-8 with a byte order mark and ``;`` between cells, which is what
Excel in French expects to open accents and columns correctly. Import reads ``;``,
``,`` or tab (told apart on the header line, whose names contain none of them), and
UTF-8 with or without the mark, UTF-16 with a mark, else Windows-1252, the encoding
older Excel versions save "CSV" in.

Import rules, all or nothing: every row is checked first and a single error imports
nothing; errors name the row as the spreadsheet numbers it (the header is row 1).
Rows with an id update that product, which must belong to this shop; rows without
one create a product; the file's order becomes the display order. Products of the
shop missing from the file are deactivated, not deleted, because orders may refer
to them. ``id``, ``name`` and ``price`` columns are required, unknown ones refused
(a misspelt "stok" would otherwise be ignored without a word); missing optional
columns and empty yes/no cells keep the product's current value (or the default
for a new product). A file without products is refused rather than read as "take
everything off". Text cells that a spreadsheet would run as a formula are exported
behind an apostrophe, which import removes. A file that changes nothing saves no
revision.

The catalogue lives on the page: products are modelcluster children of the
ShopPage, versioned in its revisions. Both directions therefore work on the latest
revision, which is what the page editor shows, and an import saves a new revision
exactly as the editor's "Save draft" would, then publishes it when the page is live
and the user may publish (a verified merchant); otherwise it stays a draft for the
merchant or the commune to publish. Publishing also publishes other pending draft
edits of the page, as the editor's "Publish" button does. Products added in a draft
that was never published have no id yet: their rows come back without one and are
created again, and the id-less originals are dropped (no order can refer to them).
"""

import codecs
import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.models import ReferenceIndex, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update

from shops.models import Product, ShopPage

CATALOGUE_COLUMNS = (
    "id",
    "name",
    "description",
    "price",
    "unit",
    "stock",
    "click_and_collect",
    "active",
)
REQUIRED_COLUMNS = ("id", "name", "price")
MAX_ROWS = 2_000
MAX_BYTES = 2 * 1024 * 1024
MAX_PRICE_CENTS = 10_000_000  # the model's MaxValueValidator, said in euros below
MAX_STOCK = 2_147_483_647  # a PositiveIntegerField on every database Django supports
EXPORT_DELIMITER = ";"

# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV
# injection"); a leading apostrophe makes it text, and import removes it again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
YES_WORDS = frozenset({"oui", "yes", "1", "true", "vrai"})
NO_WORDS = frozenset({"non", "no", "0", "false", "faux"})

# CSV column → Product field, for the columns that map one to one.
_TEXT_FIELDS = {"name": "name", "description": "description", "unit": "unit"}
_BOOLEAN_FIELDS = {
    "click_and_collect": "available_for_click_and_collect",
    "active": "active",
}
_FIELD_COLUMNS = {
    **{f: c for c, f in _TEXT_FIELDS.items()},
    **{f: c for c, f in _BOOLEAN_FIELDS.items()},
    "price_cents": "price",
    "stock": "stock",
}
_COMPARED_FIELDS = tuple(_FIELD_COLUMNS)
_PRICE = re.compile(r"^(?P<euros>\d*)(?:[.,](?P<cents>\d{1,2}))?$")
_MINUS_SIGNS = ("-", "\u2212")  # spreadsheets and phones type either
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


@dataclass(frozen=True)
class RowError:
    """One problem, where the merchant will look for it.

    ``line`` is the spreadsheet row (header = 1) or None for the file as a whole;
    ``column`` is the CSV column name, or empty when the whole row is concerned.
    """

    line: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        if not self.column:
            return _("Line %(line)s: %(message)s") % {
                "line": self.line,
                "message": self.message,
            }
        return _("Line %(line)s, column “%(column)s”: %(message)s") % {
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ImportResult:
    """What an import did, or the errors for which it did nothing at all.

    ``deactivated`` counts the products missing from the file, which are kept with
    ``active`` off rather than deleted. ``revision`` is None when there were errors
    or when the file changed nothing (no revision is saved then).
    """

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    errors: list[RowError] = field(default_factory=list)
    published: bool = False
    revision: Revision | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        counts = _(
            "Catalogue imported: %(created)s new, %(updated)s updated, "
            "%(unchanged)s unchanged, %(deactivated)s deactivated (products missing "
            "from the file are deactivated, not deleted)."
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deactivated": self.deactivated,
        }
        if self.revision is None:
            return counts
        if self.published:
            outcome = _("The changes are published on your page.")
        else:
            outcome = _(
                "The changes are saved as a draft: publish the page to show them."
            )
        return f"{counts} {outcome}"


class _FileRefused(Exception):
    def __init__(self, message: str, line: int | None = None, column: str = ""):
        super().__init__(message)
        self.error = RowError(line, column, message)


def catalogue_export_csv(*, shop: ShopPage, stream) -> int:
    """Write the catalogue, inactive products included, in display order.

    ``stream`` is any text file-like: an HttpResponse, a StringIO, or a file opened
    with ``newline=""``. Returns the number of products written.
    """
    page = shop.get_latest_revision_as_object()
    stream.write("\ufeff")
    writer = csv.writer(stream, delimiter=EXPORT_DELIMITER)
    writer.writerow(CATALOGUE_COLUMNS)
    products = _in_display_order(page.products.all())
    for product in products:
        writer.writerow(
            [
                _neutralise(cell)
                for cell in (
                    product.pk or "",
                    product.name,
                    product.description,
                    _euros(product.price_cents),
                    product.unit,
                    "" if product.stock is None else product.stock,
                    _yes_no(product.available_for_click_and_collect),
                    _yes_no(product.active),
                )
            ]
        )
    return len(products)


def catalogue_import_csv(*, shop: ShopPage, file, by) -> ImportResult:
    """Apply an edited catalogue file to the shop's page, or nothing if any row fails.

    ``file`` is a binary file-like (an upload). Products missing from the file are
    deactivated, not deleted. See the module docstring for the format and rules.
    """
    if not shop.permissions_for_user(by).can_edit():
        raise PermissionDenied(_("You may not edit this shop's catalogue."))
    try:
        rows = _parse(_read_text(file))
    except _FileRefused as refusal:
        return ImportResult(errors=[refusal.error])
    errors = [error for row in rows for error in row.errors]
    errors += _duplicate_id_errors(rows)
    with transaction.atomic():
        locked = ShopPage.objects.select_for_update().get(pk=shop.pk)
        page = locked.get_latest_revision_as_object()
        return _apply(locked, page, rows, errors, by)


# Reading the file ---------------------------------------------------------------


def _read_text(file) -> str:
    # Reading one byte past the limit tells "too large" apart without trusting
    # the declared size, and never pulls more than that into memory.
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _FileRefused(
            _(
                "This file is larger than %(limit)s MB. Check that it is the CSV "
                "file of your catalogue, not a workbook with pictures."
            )
            % {"limit": MAX_BYTES // (1024 * 1024)}
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    elif data.startswith(codecs.BOM_UTF8):
        data, encodings = data[len(codecs.BOM_UTF8) :], ("utf-8",)
    elif b"\x00" in data:
        raise _not_csv()
    else:
        encodings = ("utf-8", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding).lstrip("\ufeff")
        except UnicodeDecodeError:
            continue
        if not text.strip():
            raise _FileRefused(
                _(
                    "This file is empty. Export your catalogue to get a file with "
                    "the right columns, fill it in, then import it."
                )
            )
        return text
    raise _FileRefused(
        _(
            "The letters of this file cannot be read. In your spreadsheet, save it "
            "again as “CSV UTF-8”, then import it."
        )
    )


def _not_csv() -> _FileRefused:
    return _FileRefused(
        _(
            "This file is not a CSV file. In your spreadsheet, use “Save as” and "
            "choose “CSV (semicolon separated)” or “CSV UTF-8”, then import it."
        )
    )


def _parse(text: str) -> list["_Row"]:
    header_line = re.split(r"[\r\n]", text, maxsplit=1)[0]
    delimiter = max((";", ",", "\t"), key=header_line.count)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise _not_csv() from None
    columns = _header(records[0] if records else [])
    rows = []
    for line, cells in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # spreadsheets leave empty rows behind; they mean nothing
        if len(rows) == MAX_ROWS:
            raise _FileRefused(
                _(
                    "This file has more than %(limit)s products, the most one import "
                    "accepts. Contact the platform team if your catalogue is larger."
                )
                % {"limit": MAX_ROWS}
            )
        rows.append(_Row(line, columns, cells, delimiter))
    if not rows:
        raise _FileRefused(
            _(
                "This file has no products. To take all your products off your page, "
                "keep them in the file and write “non” in the “active” column."
            )
        )
    return rows


def _header(cells: list[str]) -> list[str]:
    # Unnamed columns are what spreadsheets leave after a column was emptied;
    # they are skipped, and a row with something under them is refused.
    columns = [cell.strip().lower() for cell in cells]
    for position, column in enumerate(columns):
        if column and column not in CATALOGUE_COLUMNS:
            raise _FileRefused(
                _(
                    "The column “%(column)s” is unknown. The columns are: "
                    "%(columns)s. Rename or delete this column."
                )
                % {
                    "column": cells[position].strip(),
                    "columns": ", ".join(CATALOGUE_COLUMNS),
                },
                line=1,
                column=cells[position].strip(),
            )
        if column and column in columns[:position]:
            raise _FileRefused(
                _("The column “%(column)s” appears twice. Delete one of them.")
                % {"column": column},
                line=1,
                column=column,
            )
    for column in REQUIRED_COLUMNS:
        if column not in columns:
            raise _FileRefused(
                _(
                    "The column “%(column)s” is missing. Export your catalogue again "
                    "to get a file with all the columns."
                )
                % {"column": column},
                line=1,
                column=column,
            )
    return columns


class _Row:
    """A row read into Product values (only for the cells given), or its errors."""

    def __init__(self, line: int, columns: list[str], cells: list[str], delimiter):
        self.line = line
        self.product_id: int | None = None
        self.values: dict = {}
        self.errors: list[RowError] = []
        extra = [
            cell
            for position, cell in enumerate(cells)
            if position >= len(columns) or not columns[position]
        ]
        if any(cell.strip() for cell in extra):
            self._fail(
                "",
                _(
                    "This line has more cells than there are columns. A “%(sep)s” "
                    "inside a text must be between quotes: edit the file in a "
                    "spreadsheet rather than a text editor."
                )
                % {"sep": delimiter},
            )
            return
        cells = cells + [""] * (len(columns) - len(cells))
        for column, cell in zip(columns, cells, strict=False):
            if not column:
                continue
            try:
                self._read(column, cell)
            except ValueError as problem:
                self._fail(column, str(problem))

    def _fail(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.line, column, message))

    def _read(self, column: str, cell: str) -> None:
        cell = _restore(cell)
        if column == "id":
            self.product_id = _parse_id(cell)
        elif column in _TEXT_FIELDS:
            self.values[_TEXT_FIELDS[column]] = _parse_text(column, cell)
        elif column == "price":
            self.values["price_cents"] = _parse_price(cell)
        elif column == "stock":
            self.values["stock"] = _parse_stock(cell)
        elif cell.strip():  # an empty yes/no cell keeps the current value
            self.values[_BOOLEAN_FIELDS[column]] = _parse_boolean(cell)


# Reading cells: each raises ValueError with the sentence the merchant will read --


def _parse_id(cell: str) -> int | None:
    cell = cell.strip()
    if not cell:
        return None
    if not cell.isascii() or not cell.isdigit() or len(cell) > 10:
        raise ValueError(
            _(
                "“%(value)s” is not a product number. Keep the number of the exported "
                "file, or leave the cell empty for a new product."
            )
            % {"value": cell[:20]}
        )
    return int(cell)


def _parse_text(column: str, cell: str) -> str:
    text = cell.replace("\r\n", "\n").strip()
    if column == "name" and not text:
        raise ValueError(_("Give the product a name."))
    limit = Product._meta.get_field(_TEXT_FIELDS[column]).max_length
    if len(text) > limit:
        raise ValueError(
            _(
                "This text has %(length)s characters; the limit is %(limit)s. "
                "Shorten it."
            )
            % {"length": len(text), "limit": limit}
        )
    return text


def _parse_price(cell: str) -> int:
    text = _SPACES.sub("", cell).lower().replace("€", "").replace("euros", "")
    text = text.replace("eur", "")
    if not text:
        raise ValueError(_("Give a price in euros, for example 4,50."))
    if text.startswith(_MINUS_SIGNS):
        raise ValueError(_("A price cannot be negative."))
    match = _PRICE.match(text)
    if not match or not (match["euros"] or match["cents"]):
        raise ValueError(
            _(
                "“%(value)s” is not a price. Write it in euros with at most two "
                "decimals, for example 4,50."
            )
            % {"value": cell.strip()[:30]}
        )
    euros, cents = match["euros"] or "0", (match["cents"] or "0").ljust(2, "0")
    if len(euros) > 7 or int(euros) * 100 + int(cents) > MAX_PRICE_CENTS:
        raise ValueError(
            _("The highest price accepted is %(limit)s €. Check for a typing error.")
            % {"limit": _euros(MAX_PRICE_CENTS)}
        )
    return int(euros) * 100 + int(cents)


def _parse_stock(cell: str) -> int | None:
    text = _SPACES.sub("", cell)
    if not text:
        return None
    if text.startswith(_MINUS_SIGNS) and text[1:].isdigit():
        raise ValueError(_("A stock cannot be negative; write 0 when out of stock."))
    if not text.isascii() or not text.isdigit():
        raise ValueError(
            _(
                "“%(value)s” is not a quantity. Write a whole number, for example 12, "
                "or leave the cell empty for made to order."
            )
            % {"value": cell.strip()[:30]}
        )
    if len(text) > 10 or int(text) > MAX_STOCK:
        raise ValueError(
            _("%(value)s is too large for a stock. Check for a typing error.")
            % {"value": text}
        )
    return int(text)


def _parse_boolean(cell: str) -> bool:
    word = cell.strip().lower()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise ValueError(
        _("“%(value)s” is not understood. Write “oui” or “non”.")
        % {"value": cell.strip()[:30]}
    )


def _duplicate_id_errors(rows: list[_Row]) -> list[RowError]:
    first_line: dict[int, int] = {}
    errors = []
    for row in rows:
        if row.product_id is None:
            continue
        if row.product_id in first_line:
            errors.append(
                RowError(
                    row.line,
                    "id",
                    _(
                        "Product %(id)s is already on line %(first)s. Each product "
                        "may appear only once: delete one of the two lines."
                    )
                    % {"id": row.product_id, "first": first_line[row.product_id]},
                )
            )
        else:
            first_line[row.product_id] = row.line
    return errors


# Applying the rows to the page --------------------------------------------------


def _apply(locked: ShopPage, page: ShopPage, rows, errors, by) -> ImportResult:
    result = ImportResult()
    current = _in_display_order(page.products.all())
    by_id = {product.pk: product for product in current if product.pk}
    # Products deleted in a pending draft still exist on the live page; naming
    # them in the file brings them back rather than refusing a number the
    # merchant saw on their page.
    wanted = {row.product_id for row in rows if row.product_id is not None}
    by_id.update(
        (product.pk, product)
        for product in Product.objects.filter(shop=locked, pk__in=wanted - set(by_id))
    )
    final, reordered = [], False
    for position, row in enumerate(rows):
        if row.product_id is not None and row.product_id not in by_id:
            errors.append(_foreign_product(row))
            continue
        product = by_id.get(row.product_id) or Product(shop=page)
        before = _snapshot(product) if product.pk else None
        for name, value in row.values.items():
            setattr(product, name, value)
        reordered = reordered or product.sort_order != position
        product.sort_order = position
        if not row.errors:  # else the model would repeat what the cells said
            errors += _model_errors(product, row.line)
        if before is None:
            result.created += 1
        elif before != _snapshot(product):
            result.updated += 1
        else:
            result.unchanged += 1
        final.append(product)
    if errors:
        return ImportResult(errors=sorted(errors, key=_error_order))
    for product in current:
        if product.pk and product.pk not in wanted:
            if product.active:
                product.active = False
                result.deactivated += 1
            reordered = reordered or product.sort_order != len(final)
            product.sort_order = len(final)
            final.append(product)
    # Id-less products of a never-published draft are replaced by the file's rows.
    replaced = any(product.pk is None for product in current)
    changed = result.created or result.updated or result.deactivated
    if not (changed or reordered or replaced):
        return result
    page.products = final
    try:
        result.revision = page.save_revision(user=by, log_action=True)
    except ValidationError:
        # The page itself (not the catalogue) fails its checks, e.g. a draft saved
        # before a new rule: the editor shows which field, this screen cannot.
        return ImportResult(
            errors=[
                RowError(
                    None,
                    "",
                    _(
                        "Your page has an error outside the catalogue. Open it in "
                        "the editor, correct and save it, then import again."
                    ),
                )
            ]
        )
    if locked.live and locked.permissions_for_user(by).can_publish():
        # Wagtail re-indexes the page's references once per saved child, each time
        # reading every child: quadratic, minutes for a large catalogue. Once at
        # the end gives the same index.
        with disable_reference_index_auto_update():
            result.revision.publish(user=by)
        ReferenceIndex.create_or_update_for_object(ShopPage.objects.get(pk=locked.pk))
        result.published = True
    return result


def _foreign_product(row: _Row) -> RowError:
    # Unknown and other shops' numbers get the same answer, so a merchant cannot
    # probe which products exist elsewhere.
    return RowError(
        row.line,
        "id",
        _(
            "Product %(id)s does not belong to your shop. Leave the id cell empty to "
            "add it as a new product."
        )
        % {"id": row.product_id},
    )


def _model_errors(product: Product, line: int) -> list[RowError]:
    # The cells are already checked above; this catches whatever the model adds
    # later, so a new rule on Product cannot be bypassed by a CSV file.
    try:
        product.full_clean(
            exclude=["shop", "image", "sort_order"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as problem:
        return [
            RowError(line, _FIELD_COLUMNS.get(name, ""), message)
            for name, messages in problem.message_dict.items()
            for message in messages
        ]
    return []


def _snapshot(product: Product) -> tuple:
    return tuple(getattr(product, name) for name in _COMPARED_FIELDS)


def _error_order(error: RowError) -> tuple:
    column = error.column if error.column in CATALOGUE_COLUMNS else "id"
    return (error.line or 0, CATALOGUE_COLUMNS.index(column))


# Writing cells ------------------------------------------------------------------


def _in_display_order(products) -> list[Product]:
    products = list(products)
    return sorted(
        products,
        key=lambda p: (p.sort_order is None, p.sort_order or 0, p.pk or 0),
    )


def _euros(cents: int) -> str:
    return f"{cents // 100},{cents % 100:02d}"


def _yes_no(value: bool) -> str:
    return "oui" if value else "non"


def _neutralise(value) -> str:
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _restore(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:2] in FORMULA_STARTS else cell
