"""Where built search indexes are kept between builds, and how they get into the site.

Layout of the cache folder (the project's `.cache/search/`):

    objects/ab/<30 hex>    one file of an index, named by a digest of its bytes; or the
                           decoded postings of one bucket (a pickle), for patching it later
    indexes/<key>.json     one built index: its files (site path → object, size), its buckets'
                           decoded postings (site path → object), documents, counts
    records/<digest>       one document's record (records.py)
    recent                 the keys of the indexes kept, most recently used first

An index's key digests everything its bytes depend on, so a rebuild with nothing changed
finds its index and only hard-links the objects into the site. An object is written under a
temporary name and renamed into place, and is never written into afterwards: published
sites share its inode. Only the KEEP most recently used indexes are kept, and the objects
and records no kept index uses are deleted. One build at a time per cache folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import zlib
from pathlib import Path

from .records import RecordCache

KEEP = 2


class ObjectWriter:
    """Writes an index's files as objects of `store`, starting from `files` (site path → [object,
    size]) and `lists` (bucket path → object of its decoded postings)."""

    def __init__(self, store: IndexStore, files: dict[str, list] | None = None, lists: dict[str, str] | None = None):
        self.store = store
        self.files = dict(files or {})
        self.lists = dict(lists or {})

    def put(self, rel: str, data: bytes) -> None:
        self.files[rel] = [self.store.put_object(data), len(data)]

    def keep_lists(self, rel: str, lists: dict) -> None:
        data = zlib.compress(pickle.dumps(lists, protocol=pickle.HIGHEST_PROTOCOL), 1)
        self.lists[rel] = self.store.put_object(data)


class IndexStore:
    """The cache folder of built search indexes, laid out as above."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.records = RecordCache(self.folder / "records")
        self._dirs: set[str] = set()

    def _object_path(self, name: str) -> str:
        return f"{self.folder}/objects/{name[:2]}/{name[2:]}"  # a string: pathlib costs show at this scale

    def put_object(self, data: bytes) -> str:
        name = hashlib.blake2b(data, digest_size=16).hexdigest()
        path = self._object_path(name)
        if not os.path.exists(path):
            if name[:2] not in self._dirs:
                os.makedirs(path.rpartition("/")[0], exist_ok=True)
                self._dirs.add(name[:2])
            temporary = f"{path}.{os.getpid()}.tmp"
            with open(temporary, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
        return name

    def read_object(self, name: str) -> bytes:
        with open(self._object_path(name), "rb") as file:
            return file.read()

    def read_lists(self, name: str) -> dict:
        """The decoded postings of a bucket kept by `ObjectWriter.keep_lists`."""
        lists = pickle.loads(zlib.decompress(self.read_object(name)))
        if not isinstance(lists, dict):
            raise ValueError(f"search index cache: object {name} is not a bucket's postings")
        return lists

    def manifest(self, key: str) -> dict | None:
        try:
            manifest = json.loads((self.folder / "indexes" / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return manifest if isinstance(manifest, dict) and manifest.get("key") == key else None

    def latest(self) -> dict | None:
        """The index most recently built or used: what a rebuild starts from."""
        for key in self._recent():
            manifest = self.manifest(key)
            if manifest is not None:
                return manifest
        return None

    def save(self, manifest: dict) -> None:
        folder = self.folder / "indexes"
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{manifest['key']}.{os.getpid()}.tmp"
        temporary.write_text(json.dumps(manifest, separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, folder / f"{manifest['key']}.json")

    def place(self, manifest: dict, out_dir: Path) -> bool:
        """Hard-link (or copy) the index's files into `out_dir`; False if an object is missing."""
        # Strings, not Path objects: at tens of thousands of files pathlib costs more than the links.
        objects, out, made = f"{self.folder}/objects/", f"{out_dir}/", set()
        link = os.link
        for rel, (name, _) in manifest["files"].items():
            folder = rel.rpartition("/")[0]
            if folder not in made:
                os.makedirs(out + folder, exist_ok=True)
                made.add(folder)
            source = objects + name[:2] + "/" + name[2:]
            try:
                link(source, out + rel)
            except FileNotFoundError:
                if not os.path.exists(source):
                    return False
                raise
            except OSError:  # another file system, or one without hard links
                shutil.copyfile(source, out + rel)
        return True

    def _recent(self) -> list[str]:
        try:
            return (self.folder / "recent").read_text(encoding="ascii").split()
        except OSError:
            return []

    def keep(self, key: str) -> None:
        """Mark `key` the most recent index; delete what only the indexes beyond KEEP used."""
        recent = self._recent()
        kept = [key] + [k for k in recent if k != key][:KEEP - 1]
        if kept != recent:
            temporary = self.folder / f".recent.{os.getpid()}.tmp"
            temporary.write_text("\n".join(kept) + "\n", encoding="ascii")
            os.replace(temporary, self.folder / "recent")
        if set(recent) - set(kept):
            self._collect(kept)

    def _collect(self, kept: list[str]) -> None:
        manifests = [m for m in map(self.manifest, kept) if m is not None]
        objects = {name for m in manifests for name, _ in m["files"].values()}
        objects.update(name for m in manifests for name in m.get("lists", {}).values())
        for folder in (self.folder / "objects").glob("??"):
            for entry in os.scandir(folder):
                if folder.name + entry.name not in objects:
                    os.unlink(entry.path)
        for entry in os.scandir(self.folder / "indexes"):
            if entry.name.removesuffix(".json") not in kept:
                os.unlink(entry.path)
        self.records.keep_only({digest for m in manifests for digest, _ in m["docs"]})
