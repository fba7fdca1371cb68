"""A renderer process for a batch of documents (`main`, run by `BatchRenderer`).

WeasyPrint's memory grows across a long loop of CJK documents (Pango's caches), so no process
renders more than `RECYCLE_AFTER` documents: `BatchRenderer` keeps one such child process,
feeds it one document at a time over its stdin/stdout, and starts a new one when the last has
rendered its share. A Dask worker renders through it (cluster.py): the worker process itself
never loads WeasyPrint, stays small, and a crash in the renderer takes down only the child.
(A worker process may not use multiprocessing: Dask starts it as a daemon process.)

The frames are pickles between two processes of the same machine and installation, both ours.
"""

from __future__ import annotations

import os
import pickle
import struct
import subprocess
import sys
import traceback
from pathlib import Path
from typing import BinaryIO

from ..errors import ZhenggaiError
from .fonts import GlyphMissingError, TextOverflowError

# Documents per renderer process. The growth measured here is small (RSS +19 MB from the
# 10th to the 200th synthetic document, scripts/bench.py `pdf_memory`), a new process costs
# about 0.4 s (the first document lays out slower while Pango loads the fonts): at 200 that
# is well under 1 % of the stage.
RECYCLE_AFTER = 200
_HEADER = struct.Struct(">Q")
# Not `-m zhenggai.pdf.batch`: runpy would import this module twice (the package imports it).
_CHILD = "import sys; from zhenggai.pdf.batch import main; sys.exit(main(sys.argv[1:]))"


class RendererCrashed(ZhenggaiError, RuntimeError):
    """The renderer process ended without answering (killed, out of memory, a crash in a library)."""

    code = "pdf.renderer_crashed"


def _write_frame(stream: BinaryIO, value) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read_frame(stream: BinaryIO):
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        return None
    return pickle.loads(data)


class BatchRenderer:
    """One renderer child process at a time, replaced after `limit` documents. Not thread-safe:
    one per thread."""

    def __init__(self, limit: int = RECYCLE_AFTER) -> None:
        self.limit = limit
        self._process: subprocess.Popen | None = None
        self._left = 0
        self.started = 0  # processes started, for tests and logs

    def render(self, doc, source: bytes, rendering) -> tuple[bytes, int]:
        """PDF bytes and page count of `doc`; GlyphMissingError as the renderer raised it."""
        if self._process is None or self._left == 0:
            self._start()
        assert self._process is not None and self._process.stdin and self._process.stdout
        self._left -= 1
        try:
            _write_frame(self._process.stdin, (doc, source, rendering))
            reply = _read_frame(self._process.stdout)
        except (BrokenPipeError, OSError):
            reply = None
        if self._left == 0 or reply is None:
            self._reap()
        if reply is None:
            raise RendererCrashed(f"{doc.id}: PDF 渲染进程意外退出")
        status, *rest = reply
        if status == "ok":
            return rest[0], rest[1]
        if status == "glyph":
            raise (TextOverflowError if rest[1:] == [TextOverflowError.code] else GlyphMissingError)(rest[0])
        raise RuntimeError(f"{doc.id}: 渲染 PDF 时出错：\n{rest[0]}")

    def close(self) -> None:
        """End the current child process (it would end by itself when this process does)."""
        self._reap()

    def _start(self) -> None:
        self._reap()
        # The child must render with the very package this process has (and was checked with):
        # its folder goes first on the child's path.
        package_root = str(Path(__file__).resolve().parents[2])
        path = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
        self._process = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(self.limit)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": path},
        )
        self._left = self.limit
        self.started += 1

    def _reap(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        for stream in (process.stdin, process.stdout):
            try:
                stream.close()  # EOF on its stdin: the child ends after its current document
            except OSError:
                pass
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main(argv: list[str] | None = None) -> int:
    """The child: render up to LIMIT documents read from stdin, answer each on stdout, then exit."""
    limit = int((sys.argv[1:] if argv is None else argv)[0])
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a stray print of a library must not corrupt the frames
    requests = sys.stdin.buffer
    from .render import render_pdf  # the heavy part

    for _ in range(limit):
        request = _read_frame(requests)
        if request is None:
            break
        doc, source, rendering = request
        try:
            result = render_pdf(doc, source, rendering)
            reply = ("ok", result.data, result.pages)
        except GlyphMissingError as exc:
            reply = ("glyph", str(exc), exc.code)
        except Exception:  # noqa: BLE001 — reported to the caller with the renderer's traceback
            reply = ("error", traceback.format_exc())
        try:
            _write_frame(replies, reply)
        except BrokenPipeError:
            break  # the worker went away
    return 0

