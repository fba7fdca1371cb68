"""A document's data as published: YAML serialised from the validated model.

This, never the staff's own file, is what leaves the project (the PDF attachment, open
data): comments and formatting stay in `data/`, keys come in the models' order, and the
same document always gives the same bytes. The result loads back into an equal document.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..model import Document


class _Dumper(yaml.SafeDumper):
    """SafeDumper that writes lists indented under their key, as staff write them by hand."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


def published_data(doc: Document) -> dict[str, Any]:
    """The document as plain data: what a data file holds, without defaults and without `id`."""
    return doc.model_dump(mode="json", exclude={"id"}, exclude_defaults=True)


def published_yaml(doc: Document) -> bytes:
    """The document as a YAML data file (UTF-8), serialised from the validated model."""
    text = yaml.dump(
        published_data(doc), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
        default_flow_style=False, width=100_000,
    )
    return text.encode("utf-8")
