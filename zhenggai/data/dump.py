"""A document's data as published: YAML serialised from the validated model.

This, never the staff's own file, is what leaves the project (the PDF attachment, open
data): comments and formatting stay in `data/`, keys come in the models' order, and the
same document always gives the same bytes. The result loads back into an equal document.
"""

from __future__ import annotations

from typing import Any

from ..model import Document
from ..yamlfile import dump_yaml


def published_data(doc: Document) -> dict[str, Any]:
    """The document as plain data: what a data file holds, without defaults and without `id`."""
    return doc.model_dump(mode="json", exclude={"id"}, exclude_defaults=True)


def published_yaml(doc: Document) -> bytes:
    """The document as a YAML data file (UTF-8), serialised from the validated model."""
    return dump_yaml(published_data(doc)).encode("utf-8")
