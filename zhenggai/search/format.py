"""The one definition of the search index's file format, shared by the writer, the patcher,
the Python reader and (mirrored in JavaScript) the browser client `client/search.js`.

Every file is a script calling `__zgs(name, data)` with JSON data, so the index also works
from `file://`. Numbers are varints in 5-bit groups over a 64-character alphabet; keys are
hashed (FNV-1a, 32 bits) into shard files `g/<2 hex>/<rest>`; chunk files are `t/<n//100>/<n>-<k>`.
"""

from __future__ import annotations

import json
import re

FORMAT_VERSION = 1
INDEX_DIR = "idx"
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
_SMALL = [None] * 4096


# One encode_uint value: "more" digits (upper half of the alphabet), then a last one.
TOKEN = re.compile(r"[W-Za-z_\-]*[0-9A-V]")


def encode_uint(value: int) -> str:
    """Varint in 5-bit groups, low first: a character from the upper half means "more follows"."""
    if value < 4096 and _SMALL[value] is not None:
        return _SMALL[value]
    out = []
    v = value
    while v >= 32:
        out.append(_ALPHABET[32 + (v & 31)])
        v >>= 5
    out.append(_ALPHABET[v])
    text = "".join(out)
    if value < 4096:
        _SMALL[value] = text
    return text


def decode_uints(text: str) -> list[int]:
    """Inverse of a run of `encode_uint`."""
    values, value, shift = [], 0, 0
    for char in text:
        digit = _ALPHABET.index(char)
        if digit >= 32:
            value |= (digit - 32) << shift
            shift += 5
        else:
            values.append(value | (digit << shift))
            value, shift = 0, 0
    return values


def key_hash(key: str) -> int:
    """FNV-1a over code points, 32 bits: the client computes the same."""
    h = 0x811C9DC5
    for char in key:
        h = ((h ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return h


def shard_name(key: str, hex_digits: int) -> str:
    """The shard file holding `key`'s postings: g/<2 hex>/<rest of the hex digits>."""
    return shard_name_from_number(key_hash(key) & ((1 << (4 * hex_digits)) - 1), hex_digits)


def shard_name_from_number(n: int, hex_digits: int) -> str:
    name = f"{n:0{hex_digits}x}"
    return f"g/{name[:2]}/{name[2:] or '_'}"


def chunk_name(doc_no: int, chunk: int) -> str:
    return f"t/{doc_no // 100}/{doc_no}-{chunk}"


def script(name: str, body: str) -> bytes:
    """An index file: a script handing `body` (JSON) to the client under `name`."""
    return f'__zgs("{name}",{body});\n'.encode("utf-8")


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def index_path(name: str) -> str:
    """Where the index file `name` is, relative to the search folder."""
    return f"{INDEX_DIR}/{name}.js"


def script_body(data: bytes, name: str) -> str:
    """The JSON an index file hands the client (inverse of `script`)."""
    head = f'__zgs("{name}",'.encode()
    if not data.startswith(head) or not data.endswith(b");\n"):
        raise ValueError(f"{name}: not an index script")
    return data[len(head):-3].decode("utf-8")


def read_script(data: bytes, name: str):
    """The data an index file hands the client, decoded."""
    return json.loads(script_body(data, name))
