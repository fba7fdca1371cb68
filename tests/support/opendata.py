"""Readers for the open data as other programs read it: Excel's CSV rules, frictionless, feeds."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path


class NotExcelCsv(ValueError):
    """The bytes would not open as intended in Excel or WPS on a Chinese Windows machine."""


def excel_records(data: bytes) -> list[list[str]]:
    """Parse CSV bytes by the rules Excel and WPS apply when a file is double-clicked.

    Without a UTF-8 byte-order mark they decode the bytes in the machine's code page (GBK on a
    Chinese Windows), so the BOM is required. Records end with CRLF; a field is either bare
    (no quote, comma, CR or LF in it) or wholly in double quotes, a quote inside written twice,
    CR and LF allowed inside quotes. Anything else (a lone LF, a stray quote) is an error here,
    because the spreadsheet would split or merge the cells.
    """
    if not data.startswith(codecs.BOM_UTF8):
        raise NotExcelCsv("no UTF-8 byte-order mark: Excel on Chinese Windows would read GBK")
    text = data[len(codecs.BOM_UTF8):].decode("utf-8")
    records: list[list[str]] = []
    record: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == '"':
            i += 1
            value = []
            while True:
                j = text.find('"', i)
                if j < 0:
                    raise NotExcelCsv("unterminated quoted field")
                value.append(text[i:j])
                if text.startswith('""', j):
                    value.append('"')
                    i = j + 2
                    continue
                i = j + 1
                break
            field = "".join(value)
        else:
            j = i
            while j < n and text[j] not in ',\r\n"':
                j += 1
            if j < n and text[j] == '"':
                raise NotExcelCsv(f"a quote inside a bare field at character {j}")
            field, i = text[i:j], j
        record.append(field)
        if text.startswith(",", i):
            i += 1
            if i == n:
                raise NotExcelCsv("the file ends after a comma")
        elif text.startswith("\r\n", i):
            records.append(record)
            record = []
            i += 2
        elif i < n:
            raise NotExcelCsv(f"a line break other than CRLF at character {i}")
    if record:
        raise NotExcelCsv("the last record does not end with CRLF")
    return records


def python_records(data: bytes) -> list[list[str]]:
    """The same bytes through Python's csv module, as its documentation says to read such files."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def validate_package(descriptor: Path) -> list[str]:
    """Every error frictionless finds in a data package, as `type: note` lines (empty: valid)."""
    import frictionless

    report = frictionless.validate(str(descriptor))
    errors = [f"{e.type}: {e.note}" for e in report.errors]
    for task in report.tasks:
        errors += [f"{task.name}: {e.type}: {e.note}" for e in task.errors]
    return errors
