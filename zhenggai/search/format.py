"""The one definition of the search index's file format, shared by the writer, the patcher,
the Python reader and (mirrored in JavaScript) the browser client `client/search.js`.

Every file is a script calling `__zgs(name, data)` with JSON data, so the index also works
from `file://`. Documents are numbered oldest first (publishing a newer one appends).

- `meta`: format version, number of documents, bucket bits, base URL.
- `g/<hex>/<hex>`: one bucket of keys, hashed (FNV-1a, 32 bits, low `b` bits): per key its
  postings, a bit stream in base 64 (`encode_postings`): per document holding the key, the
  gap from the previous one (Rice code) and the set of its chunks holding the key.
- `t/<n//100>/<n>`: document n's text, `[ends, data]`: `data` is one raw-DEFLATE stream in
  base 64, flushed to a byte boundary after each segment (segment 0: a line of head fields and
  chunk 0's blocks; segment k: chunk k's blocks, one JSON line each); `ends` lists where each
  segment ends in the compressed bytes, so a reader over HTTP fetches only the prefix holding
  the chunks it needs (a Range request), and one from `file://` reads the whole file.
- `filters`, `facets`: the filter values and each document's values.
- `fold`: the traditional → simplified characters search folds (variants.py), `[keys,
  values]`: the keys' code points ascending, each as its step from the previous one; each
  value's code point as its signed difference from its key's (zigzag: 2d, or -2d - 1).

Numbers outside bit streams are varints in 5-bit groups over a 64-character alphabet.
"""

from __future__ import annotations

import base64
import json
import operator
import re
import zlib
from array import array
from collections.abc import Sequence

FORMAT_VERSION = 3
INDEX_DIR = "idx"
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
_SMALL = [None] * 4096

# A chunk set meaning "every chunk of the document": bits 0-30, more than any document has.
FULL = (1 << 31) - 1

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


def bucket_of(key: str, bits: int) -> int:
    return key_hash(key) & ((1 << bits) - 1)


def bucket_name(number: int, bits: int) -> str:
    """The file of bucket `number`: g/<first 2 hex digits>/<the others> (at most 256 per folder)."""
    name = f"{number:0{(bits + 3) // 4}x}"
    return f"g/{name[:2]}/{name[2:] or '_'}"


def text_name(doc_no: int) -> str:
    return f"t/{doc_no // 100}/{doc_no}"


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


def encode_fold(table: dict[str, str]) -> list[str]:
    """The data of the `fold` file: a table of single characters to single characters."""
    keys, values, at = [], [], 0
    for key in sorted(table):
        code, diff = ord(key), ord(table[key]) - ord(key)
        keys.append(encode_uint(code - at))
        values.append(encode_uint(2 * diff if diff >= 0 else -2 * diff - 1))
        at = code
    return ["".join(keys), "".join(values)]


def decode_fold(data: Sequence[str]) -> dict[str, str]:
    """Inverse of `encode_fold`."""
    table, at = {}, 0
    for step, zigzag in zip(decode_uints(data[0]), decode_uints(data[1]), strict=True):
        at += step
        table[chr(at)] = chr(at + (zigzag >> 1 if zigzag % 2 == 0 else -(zigzag + 1) // 2))
    return table


def to_base64(data: bytes) -> str:
    """Base 64 without padding: every 4 characters are 3 bytes, so any prefix of whole groups decodes."""
    return base64.b64encode(data).rstrip(b"=").decode("ascii")


def from_base64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4))


# ---- postings: a bit stream per key ----
#
# 4 bits: the Rice parameter k; then per document: its gap g (its number minus the previous
# one's minus 1; the first: its number) as g >> k in unary (ones, then a zero) and g's low k
# bits; then its chunk set: "1" every chunk (FULL), "01" + gamma(j + 1) chunk j alone, else
# "00" + gamma(L - 1) + the low L - 1 bits (L: the set's bit length, its top bit implied).
# Padded with ones to a whole byte (a unary run that never ends: the reader stops there),
# then base 64 without its padding (what browsers' atob reads natively; Python's base 85 is
# slower to write by far and saves only 6%).

_GAP_TABLES: dict[int, list[str]] = {}
_K_HEADS = [format(k, "04b") for k in range(16)]


class _MaskCodes(dict):
    """Chunk set → its code, made on first use (so `map(codes.__getitem__, ...)` runs in C)."""

    def __missing__(self, mask: int) -> str:
        code = self[mask] = _mask_code(mask)
        return code


def _gamma(x: int) -> str:
    """Elias gamma code of x >= 1: bit_length - 1 zeros, then x in binary."""
    return "0" * (x.bit_length() - 1) + format(x, "b")


def _rice(g: int, k: int) -> str:
    return "1" * (g >> k) + "0" + (format(g & ((1 << k) - 1), f"0{k}b") if k else "")


def _step_table(k: int) -> list[str]:
    """Codes by step between document numbers (the gap plus 1): index 0 is never used."""
    table = _GAP_TABLES.get(k)
    if table is None:
        table = _GAP_TABLES[k] = ["", *(_rice(g, k) for g in range(min(4096, 64 << k)))]
    return table


def _mask_code(mask: int) -> str:
    if mask == FULL:
        return "1"
    if mask & (mask - 1) == 0:
        return "01" + _gamma(mask.bit_length())
    return "00" + _gamma(mask.bit_length() - 1) + format(mask, "b")[1:]


_MASK_CODES = _MaskCodes()


def rice_parameter(gap_sum: int, count: int) -> int:
    """Rice parameter for gaps of this mean: about log2(mean × ln 2), the optimum for geometric gaps."""
    x = gap_sum * 69 // (100 * count)
    return min(15, max(0, x.bit_length() - 1))


def encode_postings(docs: Sequence[int], masks: Sequence[int]) -> str:
    """The bit stream of one key's postings: ascending document numbers and their chunk sets."""
    count = len(docs)
    k = rice_parameter(docs[-1] - (count - 1), count)  # the sum of the gaps
    table = _step_table(k)
    steps = list(map(operator.sub, docs[1:], docs[:-1]))
    # Every per-entry step runs in C (map, join): common keys list most documents.
    if not steps or max(steps) < len(table):
        codes = [_rice(docs[0], k), *map(table.__getitem__, steps)]
    else:
        codes = [_rice(docs[0], k), *(table[d] if d < len(table) else _rice(d - 1, k) for d in steps)]
    parts = [""] * (2 * count)
    parts[0::2] = codes
    parts[1::2] = map(_MASK_CODES.__getitem__, masks)
    bits = _K_HEADS[k] + "".join(parts)
    bits += "1" * (-len(bits) % 8)
    return to_base64(int(bits, 2).to_bytes(len(bits) // 8, "big"))


def decode_postings(text: str) -> tuple[array, array]:
    """Inverse of `encode_postings`: (document numbers, chunk sets), as arrays."""
    data = from_base64(text)
    bits = format(int.from_bytes(data, "big"), f"0{8 * len(data)}b")
    k = int(bits[:4], 2)
    at, end = 4, len(bits)
    docs, masks = array("I"), array("I")
    doc = -1
    while True:
        ones = bits.find("0", at)
        if ones < 0 or ones + 1 + k > end:
            break
        g = ((ones - at) << k) | (int(bits[ones + 1:ones + 1 + k], 2) if k else 0)
        at = ones + 1 + k
        doc += g + 1
        if bits[at] == "1":
            mask, at = FULL, at + 1
        else:
            single = bits[at + 1] == "1"
            zeros = bits.find("1", at + 2) - (at + 2)
            value = int(bits[at + 2 + zeros:at + 3 + 2 * zeros], 2)
            at += 3 + 2 * zeros
            if single:
                mask = 1 << (value - 1)
            else:
                mask = int("1" + bits[at:at + value], 2)
                at += value
        docs.append(doc)
        masks.append(mask)
    return docs, masks


# ---- document texts ----

def encode_text(head: dict, chunks: Sequence[list]) -> str:
    """The body of a document's text file: `[ends, data]` (see the module docstring)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    data = bytearray()
    ends = []
    for k, rows in enumerate(chunks):
        line = (dumps(head) + "\n" if k == 0 else "") + dumps(rows) + "\n"
        data += compressor.compress(line.encode("utf-8"))
        data += compressor.flush(zlib.Z_SYNC_FLUSH if k + 1 < len(chunks) else zlib.Z_FINISH)
        ends.append(len(data))
    steps = "".join(encode_uint(e - s) for s, e in zip([0, *ends], ends))
    return dumps([steps, to_base64(data)])


def decode_text(body) -> tuple[dict, list[list]]:
    """Inverse of `encode_text` (given its JSON, decoded): (head fields, each chunk's blocks)."""
    _, data = body
    lines = zlib.decompress(from_base64(data), -15).decode("utf-8").split("\n")
    return json.loads(lines[0]), [json.loads(line) for line in lines[1:-1]]


def text_ends(body) -> list[int]:
    """Where each segment of a text file's data ends, in compressed bytes."""
    out, at = [], 0
    for step in decode_uints(body[0]):
        at += step
        out.append(at)
    return out
