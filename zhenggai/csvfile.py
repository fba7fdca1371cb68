"""CSV as spreadsheet programs open it: the one writer of every CSV the site publishes
(the open data's tables, the PDF archive's manifest)."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterable, Sequence

# Spreadsheets on Chinese Windows (Excel, WPS) read UTF-8 without a BOM as GBK.
ENCODING = "utf-8-sig"
# A cell starting with one of these is a formula to Excel and WPS (CSV injection): such text
# gets a leading apostrophe in the CSV, which spreadsheets hide; JSON keeps the text as it is.
FORMULA_START = frozenset("=+-@\t\r")


def csv_bytes(header: Sequence[str], rows: Iterable[list], texts: Collection[int] | None = None) -> bytes:
    """`header` and `rows` as CSV (Excel's dialect of RFC 4180, CRLF, UTF-8 with BOM), None written
    empty; text cells that a spreadsheet would run as formulas escaped. `texts` lists the
    positions that may hold text (default: every position); each row list is changed in place."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")
    writer.writerow(header)
    positions = range(len(header)) if texts is None else tuple(texts)

    # The hot loop of the open-data stage (one call per finding): kept to a check per text cell.
    def escaped(row: list) -> list:
        for i in positions:
            text = row[i]
            if text and isinstance(text, str) and text[0] in FORMULA_START:
                row[i] = "'" + text
        return row

    writer.writerows(map(escaped, rows))
    return buffer.getvalue().encode(ENCODING)
