"""Reading a catalogue CSV: the encoding, the delimiter, the header and each cell.

Every problem becomes a ``RowError`` naming the row as a spreadsheet numbers it;
nothing here touches the database. ``shops.catalogue`` applies what was read.
"""

import codecs
import csv
import io
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from shops.models import Product
from shops.money import MINUS_SIGNS, SPACES, price_parse

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


class _FileRefused(Exception):
    def __init__(self, message: str, line: int | None = None, column: str = ""):
        super().__init__(message)
        self.error = RowError(line, column, message)


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
            self.values["price_cents"] = price_parse(cell)
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


def _parse_stock(cell: str) -> int | None:
    text = SPACES.sub("", cell)
    if not text:
        return None
    if text.startswith(MINUS_SIGNS) and text[1:].isdigit():
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


def _restore(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:2] in FORMULA_STARTS else cell


def _euros(cents: int) -> str:
    return f"{cents // 100},{cents % 100:02d}"
