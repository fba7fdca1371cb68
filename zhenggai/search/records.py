"""Each document's share of the search index, extracted once and cached by the document's content.

A `DocRecord` holds what indexing a document yields that does not depend on where the
document stands among the others: its chunk files' bodies and, per key, the bit set of its
chunks holding the key. Tokenising is most of the cost of indexing a document; a rebuild
tokenises only the documents whose content changed and takes the others' records from the cache.
(A record's text is compressed already: the pickle is stored as it is.)
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import unicodedata
import zlib
from collections.abc import Iterator
from functools import cache
from importlib.metadata import version
from pathlib import Path

from ..fs import code_digest as package_digest
from ..fs import write_atomic
from ..model import Document
from .index import DocRecord, extract_record

# What an index's bytes depend on besides the documents: this whole stage (its client files
# included), the models and the numbering the page text is made of.
CODE = ("zhenggai.search", "zhenggai.model", "zhenggai.numbering", "zhenggai.text")


@cache
def code_digest() -> bytes:
    """Digest of everything besides the documents that an index's bytes depend on."""
    digest = hashlib.blake2b(f"python {sys.version_info[:2]} unicode {unicodedata.unidata_version} "
                             f"pydantic {version('pydantic')} zlib {zlib.ZLIB_RUNTIME_VERSION} "
                             f"opencc {version('opencc')}".encode())
    digest.update(package_digest(*CODE))
    return digest.digest()


def doc_digest(doc: Document) -> str:
    """Key of `doc`'s record: its whole content (so also its id and date) and the indexing code."""
    digest = hashlib.blake2b(code_digest(), digest_size=16)
    digest.update(doc.model_dump_json().encode())
    return digest.hexdigest()


class RecordCache:
    """One compressed pickle per record under `folder`, named by the document's digest."""

    def __init__(self, folder: Path):
        self.folder = folder

    def get(self, digest: str) -> DocRecord | None:
        try:
            record = pickle.loads(zlib.decompress((self.folder / digest).read_bytes()))
        except (OSError, zlib.error, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        return record if isinstance(record, DocRecord) else None

    def put(self, digest: str, record: DocRecord) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomic(self.folder / digest, zlib.compress(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL), 1))

    def keep_only(self, digests: set[str]) -> None:
        """Delete the records of documents no kept index holds."""
        try:
            names = os.listdir(self.folder)
        except FileNotFoundError:
            return
        for name in names:
            if name not in digests and not name.startswith("."):
                (self.folder / name).unlink(missing_ok=True)


def index_key(digests: list[str], base_url: str) -> str:
    """Key of a whole index: its documents' digests in index order, and the base URL."""
    digest = hashlib.blake2b(code_digest(), digest_size=16)
    digest.update(base_url.encode() + b"\0" + " ".join(digests).encode())
    return digest.hexdigest()


def records_for(docs: list[Document], digests: list[str], records: RecordCache) -> Iterator[DocRecord]:
    """The record of each document, one at a time, in this process: from the cache when there,
    else extracted (for a few documents; gather.py does many across processes)."""
    for doc, digest in zip(docs, digests):
        record = records.get(digest)
        if record is None:
            record = extract_record(doc)
            records.put(digest, record)
        yield record
