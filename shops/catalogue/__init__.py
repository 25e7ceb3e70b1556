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

import csv
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.models import ReferenceIndex, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update

from shops.catalogue.reading import (
    _COMPARED_FIELDS,
    _FIELD_COLUMNS,
    CATALOGUE_COLUMNS,
    EXPORT_DELIMITER,
    FORMULA_STARTS,
    MAX_BYTES,
    MAX_ROWS,
    RowError,
    _duplicate_id_errors,
    _euros,
    _FileRefused,
    _parse,
    _read_text,
    _Row,
)
from shops.models import Product, ShopPage
from shops.stock import product_stock_set

__all__ = [
    "CATALOGUE_COLUMNS",
    "MAX_BYTES",
    "MAX_ROWS",
    "ImportResult",
    "RowError",
    "catalogue_export_csv",
    "catalogue_import_csv",
]


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
    # Counts are live facts, kept out of revisions (shops.stock): they apply now.
    for row in rows:
        if row.product_id is not None and "stock" in row.values:
            product_stock_set(product_id=row.product_id, stock=row.values["stock"])
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


def _yes_no(value: bool) -> str:
    return "oui" if value else "non"


def _neutralise(value) -> str:
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
