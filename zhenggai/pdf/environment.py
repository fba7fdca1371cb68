"""What every PDF depends on besides its document, in one place: for cache keys and cluster checks.

`pdf_environment()` digests it for the cache key (`archive.cache_key`). `fingerprint()` lists
it as a machine has it, so that the client of a cluster build and each of its workers can be
compared field by field before any job runs (`cluster.py`): a worker with other code, other
fonts or other library versions would write other bytes under the same cache key.
"""

from __future__ import annotations

import hashlib
import platform
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

from ..fs import code_digest
from .fonts import FontMissingError, check_fonts, harfbuzz_subsetting

# What a PDF's bytes depend on besides its document: the renderer, the fonts' handling, the
# print templates and the shared models, numbering and wording (digested whole, see fs.py).
CODE = (
    "zhenggai.model", "zhenggai.numbering", "zhenggai.text", "zhenggai.templating", "zhenggai.overdue",
    "zhenggai.pdf.render", "zhenggai.pdf.printhtml", "zhenggai.pdf.fonts", "zhenggai.pdf.templates",
)


def renderer_versions() -> list[str]:
    """The versions a PDF's bytes depend on (in the cache key: changing the list re-renders every PDF)."""
    return [
        f"zhenggai {version('zhenggai')}",
        f"weasyprint {version('weasyprint')}",
        f"pydyf {version('pydyf')}",
        f"fonttools {version('fonttools')}",
        f"harfbuzz-subset {harfbuzz_subsetting()}",
    ]


def environment_digest(code: bytes, fonts: Iterable[Path], versions: Iterable[str]) -> str:
    """Digest of what every PDF depends on: the `code` digest, `fonts`, `versions`."""
    digest = hashlib.sha256(b"code " + code)
    for path in sorted(fonts):
        # Fonts are 20–30 MB each: their identity is where they are, their size and their mtime.
        stat = path.stat()
        digest.update(f"font {path} {stat.st_size} {stat.st_mtime_ns}".encode())
    for text in versions:
        digest.update(f"version {text}".encode())
    return digest.hexdigest()


def pdf_environment(fonts: Iterable[Path]) -> str:
    """Digest of what every PDF depends on besides its document: code and templates, `fonts`, versions."""
    return environment_digest(code_digest(*CODE), fonts, renderer_versions())


@dataclass(frozen=True)
class Fingerprint:
    """What one machine would render with: compared between a cluster's client and each worker.

    Fonts are compared by path and size, not mtime: the same Debian package installed on two
    machines at different times is the same font.
    """

    package: str
    libraries: tuple[str, ...]
    fonts: tuple[tuple[str, int], ...] | str  # (file, size) of each font, or why there are none
    code: str

    def differences(self, other: Fingerprint) -> list[str]:
        """What `other` (a worker's) has that this (the client's) has not, in Chinese."""
        found = []
        if other.package != self.package:
            found.append(f"软件包版本为 {other.package}，本机为 {self.package}")
        libraries = [f"{theirs}（本机 {ours}）" for ours, theirs in zip(self.libraries, other.libraries) if ours != theirs]
        if libraries or len(other.libraries) != len(self.libraries):
            found.append("依赖库版本不同：" + ("、".join(libraries) or "、".join(other.libraries)))
        if other.fonts != self.fonts:
            found.append("字体不同：" + _fonts_difference(self.fonts, other.fonts))
        if other.code != self.code:
            found.append(f"PDF 模板和代码的摘要为 {other.code[:12]}，本机为 {self.code[:12]}（代码或模板被修改过）")
        return found


def _fonts_difference(ours: tuple | str, theirs: tuple | str) -> str:
    if isinstance(theirs, str):
        return theirs
    if isinstance(ours, str):
        return f"本机缺少字体，该节点有 {'、'.join(path for path, _ in theirs)}"
    mine, other = dict(ours), dict(theirs)
    parts = [f"缺少 {path}" for path in sorted(mine.keys() - other.keys())]
    parts += [f"多出 {path}" for path in sorted(other.keys() - mine.keys())]
    parts += [f"{path} 大小为 {other[path]} 字节（本机 {mine[path]}）"
              for path in sorted(mine.keys() & other.keys()) if mine[path] != other[path]]
    return "、".join(parts)


@cache
def fingerprint() -> Fingerprint:
    """This machine's fingerprint (once per process: code and fonts do not change under a running build)."""
    try:
        fonts: tuple[tuple[str, int], ...] | str = tuple((str(p), p.stat().st_size) for p in check_fonts())
    except FontMissingError as exc:
        fonts = str(exc)
    package, *libraries = renderer_versions()
    libraries += [f"python {platform.python_version()}", f"pydantic {version('pydantic')}"]
    return Fingerprint(package, tuple(libraries), fonts, code_digest(*CODE).hex())
