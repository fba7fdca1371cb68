"""Old Word and WPS files (.doc, .wps, .rtf) as .docx, converted by LibreOffice.

No pure-Python reader of Word 97-2003's binary format keeps what a notice needs (automatic
numbering, tables, the bold lead of a measure); LibreOffice (`soffice`, Debian's
libreoffice-writer-nogui) converts the file faithfully, and the .docx then goes through
docx.py with all its limits. Kingsoft WPS writes its .wps in Word's binary format.

LibreOffice is run as a child with everything of its own: a copy of the file under a plain name
(its output is named after its input), a private temporary folder and user profile (a desktop
LibreOffice already open would otherwise take the job, or lock the profile), its own process
group (`soffice` is a script that starts `soffice.bin`: a timeout ends both), a limit on the
size of any file it writes (RLIMIT_FSIZE), and a time limit. It dies with the import
(`process.child_setup`). The folder is removed whatever happens.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import CausedError
from ..process import child_setup
from .docx import MAX_FILE

# Seconds LibreOffice may take for one file: a long notice converts in a few seconds, the first
# run (making the private profile) in about ten on a slow machine.
TIMEOUT = 120
# The largest .docx the conversion may give, and so any file LibreOffice may write (as Word files).
MAX_OUTPUT = MAX_FILE
_SAVE_AS = "请在 Word 或 WPS 中打开它，“另存为” .docx 后导入"


class ConvertError(CausedError):
    """The file could not be converted: a stable code and the Chinese cause."""


def soffice() -> str | None:
    """LibreOffice's command on PATH (`soffice`, or `libreoffice` as some systems name it), else None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


@contextmanager
def converted(path: Path, kind: str) -> Iterator[Path]:
    """The file at `path` (a Word binary or RTF file: `kind` is .doc or .rtf) as a .docx in a
    temporary folder, removed on exit; raises ConvertError."""
    binary = soffice()
    if binary is None:
        said = path.suffix if path.suffix.lower() in (".doc", ".wps", ".rtf") else f"后缀是 {path.suffix}，内容是 {kind} 格式"
        raise ConvertError("convert.unavailable", f"这是旧版 Word 或 WPS 文件（{said}），需要 LibreOffice 转换，"
                                                  f"本机没有安装。{_SAVE_AS}（或安装 LibreOffice：libreoffice-writer-nogui）")
    with tempfile.TemporaryDirectory(prefix="zhenggai-convert-") as folder:
        work = Path(folder)
        source, out, profile = work / "in" / f"source{kind}", work / "out", work / "profile"
        source.parent.mkdir()
        out.mkdir()
        shutil.copyfile(path, source)
        _run([binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo",
              "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source)],
             {**os.environ, "HOME": str(profile)})
        result = out / source.with_suffix(".docx").name  # LibreOffice names its output after its input
        if not result.is_file():
            raise ConvertError("convert.failed", f"LibreOffice 没能转换这个文件（可能已损坏、设了打开密码，或不是 Word 文件）。{_SAVE_AS}")
        if result.stat().st_size > MAX_OUTPUT:
            raise ConvertError("convert.too_large", f"LibreOffice 转换出的 .docx 超过 {MAX_OUTPUT / 1024 / 1024:.0f} MB 的上限"
                                                    f"（与 .docx 文件相同）。{_SAVE_AS}")
        yield result


def _run(command: list[str], env: dict[str, str]) -> None:
    """Run LibreOffice in its own process group; end the whole group at TIMEOUT, and after."""
    try:
        process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, process_group=0, preexec_fn=_limits(os.getpid()))
    except OSError:  # not executable, or no such interpreter: an installation gone wrong
        raise ConvertError("convert.failed", f"无法运行 LibreOffice（{command[0]}），它的安装可能不完整。{_SAVE_AS}") from None
    try:
        process.wait(TIMEOUT)
    except subprocess.TimeoutExpired:
        raise ConvertError("convert.timeout", f"LibreOffice 在 {TIMEOUT} 秒内没有转换完这个旧版 Word 或 WPS 文件，已停止。"
                                              f"{_SAVE_AS}") from None
    finally:
        _end_group(process)


def _end_group(process: subprocess.Popen) -> None:
    """Kill what is left of the child's process group (soffice.bin outliving its script), and reap the child."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def _limits(parent: int) -> Callable[[], None]:
    """A `preexec_fn`: die with the import, and write no file larger than MAX_OUTPUT (and one byte,
    so a file cut at the limit is seen as too large, not read as a damaged .docx)."""
    setup, largest = child_setup(parent), MAX_OUTPUT + 1

    def run() -> None:
        setup()
        resource.setrlimit(resource.RLIMIT_FSIZE, (largest, largest))

    return run
