"""How the open data describes itself: a Frictionless Data Package and a DCAT catalogue.

`datapackage.json` (Frictionless Data Package v1, tabular) lists every file with its size,
SHA-256, CSV dialect and Table Schema (field titles and descriptions in Chinese, from
`fields.yml`); the `frictionless` library validates it in the tests. `data.json` is a DCAT
catalogue in the Project Open Data (DCAT-US 1.1) layout that CKAN and JKAN harvest: one dataset
per table, one distribution per file. Neither refers to anything outside the site but the
identifiers of the standards they follow.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .datasets import CSV_FALSE, CSV_TRUE, Table

PACKAGE_NAME = "zhenggai-open-data"
DATA_DIR = "data"  # site folder of the open data and its page
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}
# DCAT-US 1.1: the identifiers a harvester reads the catalogue by (never fetched by the site).
DCAT_CONTEXT = "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld"
DCAT_SCHEMA = "https://project-open-data.cio.gov/v1.1/schema"


@dataclass(frozen=True)
class DataFile:
    """One file of the open data: its table, format, bytes and row count."""

    table: Table
    format: str  # csv or json
    content: bytes
    rows: int

    @property
    def name(self) -> str:
        return f"{self.table.key}.{self.format}"

    @property
    def path(self) -> str:
        return f"{DATA_DIR}/{self.name}"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def describe_as_of(text: str, as_of: dt.date | None) -> str:
    """A description of `fields.yml` with its `{as_of}` filled in."""
    return text.replace("{as_of}", as_of.isoformat() if as_of else "构建之日")


def table_schema(table: Table, as_of: dt.date | None, csv: bool) -> dict:
    """The Table Schema of `table` (booleans are 是/否 in the CSV, true/false in the JSON)."""
    fields = []
    for column in table.columns:
        spec = {"name": column.name, "type": column.type, "title": column.title,
                "description": describe_as_of(column.description, as_of)}
        if column.type == "date":
            spec["format"] = "default"  # ISO 8601, YYYY-MM-DD
        if column.type == "boolean" and csv:
            spec["trueValues"], spec["falseValues"] = [CSV_TRUE], [CSV_FALSE]
        constraints = {}
        if column.required:
            constraints["required"] = True
        if column.enum:
            constraints["enum"] = list(column.enum)
        if constraints:
            spec["constraints"] = constraints
        fields.append(spec)
    schema = {"fields": fields, "missingValues": [""], "primaryKey": list(table.primary_key)}
    if table.foreign_key:
        fk = table.foreign_key
        schema["foreignKeys"] = [{"fields": fk["fields"], "reference": {"resource": fk["resource"] + ("" if csv else "-json"), "fields": fk["reference"]}}]
    return schema


def datapackage(files: Sequence[DataFile], title: str, as_of: dt.date | None, description: str) -> bytes:
    """`datapackage.json` for `files` (all in `DATA_DIR`, beside it)."""
    resources = []
    for file in files:
        csv = file.format == "csv"
        resource = {
            "name": file.table.key if csv else f"{file.table.key}-json",
            "path": file.name,
            "profile": "tabular-data-resource",
            "title": f"{file.table.title}（{file.format.upper()}）",
            "description": file.table.description,
            "format": file.format,
            "mediatype": MEDIA_TYPES[file.format],
            "encoding": "utf-8",
            "bytes": len(file.content),
            "hash": f"sha256:{file.sha256}",
            "schema": table_schema(file.table, as_of, csv),
        }
        if not csv:
            # frictionless reads JSON tables through a parser that counts no bytes, so it would
            # report any `bytes` as wrong; the size is on the 开放数据 page and in data.json.
            del resource["bytes"]
        if csv:
            resource["dialect"] = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"',
                                   "doubleQuote": True, "header": True}
        resources.append(resource)
    package = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": title,
        "description": description,
        "language": "zh-CN",
        "keywords": ["巡察整改", "整改情况通报", "政府信息公开"],
        "asOf": as_of.isoformat() if as_of else None,
        "created": f"{as_of.isoformat()}T00:00:00+08:00" if as_of else None,
        "resources": resources,
    }
    return _json({k: v for k, v in package.items() if v is not None})


def catalogue(files: Sequence[DataFile], site_name: str, base: str, as_of: dt.date | None,
              temporal: tuple[dt.date, dt.date] | None, publisher: str | None = None) -> bytes:
    """`data.json`: a DCAT catalogue with one dataset per table and a distribution per file."""
    by_table: dict[str, list[DataFile]] = {}
    for file in files:
        by_table.setdefault(file.table.key, []).append(file)
    datasets = []
    for key, group in by_table.items():
        table = group[0].table
        dataset = {
            "@type": "dcat:Dataset",
            "identifier": f"{base}{DATA_DIR}/#{key}",
            "title": f"{site_name}：{table.title}",
            "description": table.description,
            "keyword": ["巡察整改", table.title],
            "modified": as_of.isoformat() if as_of else None,
            "publisher": {"@type": "org:Organization", "name": publisher or site_name},
            "accessLevel": "public",
            "language": ["zh-CN"],
            "landingPage": f"{base}{DATA_DIR}/",
            "describedBy": f"{base}{DATA_DIR}/datapackage.json",
            "describedByType": "application/json",
            "temporal": f"{temporal[0].isoformat()}/{temporal[1].isoformat()}" if temporal else None,
            "distribution": [
                {
                    "@type": "dcat:Distribution",
                    "title": f"{table.title}（{file.format.upper()}）",
                    "downloadURL": base + file.path,
                    "mediaType": MEDIA_TYPES[file.format],
                    "format": file.format.upper(),
                    "byteSize": len(file.content),
                }
                for file in group
            ],
        }
        datasets.append({k: v for k, v in dataset.items() if v is not None})
    return _json({
        "@context": DCAT_CONTEXT,
        "@type": "dcat:Catalog",
        "conformsTo": DCAT_SCHEMA,
        "dataset": datasets,
    })


def _json(value: Mapping) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
