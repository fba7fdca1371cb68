"""Run MkDocs with its own lines in Chinese: `python -m zhenggai.build.engines.mkdocs_run build …`.

Staff read the build's output; MkDocs writes a few fixed English lines of its own on every
build and preview ("Cleaning site directory", "Documentation built in …", "Aborted with a
BuildError!"). This runner is MkDocs' command line with those lines translated, or left out
where they only name our staging folder. Lines we do not know pass through unchanged: a
plugin's or a new MkDocs version's message is never swallowed.

Only `zhenggai build` and `make serve` run it; the core never imports it (nor MkDocs).
"""

from __future__ import annotations

import logging
import re
import sys

# (pattern of the whole message, Chinese with {0}… for the groups, or None to leave it out)
LINES: tuple[tuple[re.Pattern[str], str | None], ...] = tuple(
    (re.compile(pattern), chinese)
    for pattern, chinese in (
        # The staging folder and the clean-up are ours to explain (`网站已发布到 …` follows).
        (r"Cleaning site directory", None),
        (r"Building documentation to directory: .*", None),
        (r"The directory contains stale files\. Use --clean to remove them\.", None),
        (r"Documentation built in ([\d.]+) seconds", "网站生成完毕，用时 {0} 秒"),
        (r"Building documentation\.\.\.", "正在生成网站……"),
        (r"Serving on (\S+)", "预览地址：{0}（数据或页面改动后自动重新生成并刷新浏览器）"),
        (r"Serving on (\S+) and opening it in a browser", "预览地址：{0}（已在浏览器中打开）"),
        (r"Watching paths for changes: (.*)", "正在监视这些位置的改动：{0}"),
        (r"Detected file changes", "发现文件改动，重新生成……"),
        (r"Reloading browsers", "刷新浏览器"),
        (r"Browser connected: (.*)", "浏览器已连接：{0}"),
        (r"Shutting down\.\.\.", "预览已停止"),
        (r"Template skipped: '(.*)' generated empty output\.", None),
    )
)
ENGINE_LOGGERS = ("mkdocs.commands.build", "mkdocs.commands.serve", "mkdocs.livereload")


_TIME = re.compile(r"\[\d\d:\d\d:\d\d\] ")  # the preview's lines start with the time


_BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")


def translate(message: str, kept: str | None = None) -> str | None:
    """The Chinese line for one of MkDocs' own messages, None to leave it out, or the message.

    `kept`: when the preview's build was blocked by errors in the data, what the browser still
    shows (zhenggai.build.preview); MkDocs then still says it built the site, we do not."""
    stamp = _TIME.match(message)
    prefix, text = (stamp.group(), message[stamp.end():]) if stamp else ("", message)
    built = _BUILT.fullmatch(text)
    if built and kept:
        from ..preview import failed_line

        return prefix + failed_line(kept, built.group(1))
    for pattern, chinese in LINES:
        match = pattern.fullmatch(text)
        if match:
            return None if chinese is None else prefix + chinese.format(*match.groups())
    return message


_KINDS = {"warning": "警告", "error": "错误"}


def translate_abort(message: str) -> str:
    """MkDocs' last line when it gives up ("Aborted with …"), in Chinese."""
    message = message.strip()
    if message == "Aborted with a BuildError!":
        return "构建中止：出现错误，原因见上方的错误信息。"
    if message == "Aborted with a configuration error!":
        return "构建中止：mkdocs.yml 的配置有误，原因见上方。"
    counts = re.findall(r"(\d+) (warning|error)s?", message)
    if message.startswith("Aborted with") and counts:
        listed = "、".join(f"{n} 个{_KINDS[kind]}" for n, kind in counts)
        return f"构建中止：严格模式下出现 {listed}，详见上方。"
    return message


_LEVEL_WORDS = {logging.WARNING: "警告", logging.ERROR: "错误", logging.CRITICAL: "错误"}


class LineFormatter(logging.Formatter):
    """Each line as staff read it: the message alone, not MkDocs' `INFO    -  ` before every
    Chinese line; a warning or error says so in Chinese (once, if the message does not already)."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        word = _LEVEL_WORDS.get(record.levelno)
        if word and not message.startswith(word):
            message = f"{word}：{message}"
        return message


class _LineHandler(logging.StreamHandler):
    """MkDocs' stream handler, always with `LineFormatter` (its --color option sets others)."""

    def __init__(self) -> None:
        super().__init__()
        super().setFormatter(LineFormatter())

    def setFormatter(self, fmt) -> None:  # noqa: N802 (logging's name)
        pass


class _Translate(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        from .mkdocs import blocked

        chinese = translate(record.getMessage(), blocked())
        if chinese is None:
            return False
        record.msg, record.args = chinese, ()
        return True


def install() -> None:
    """Translate MkDocs' own lines from now on in this process, and print them without its prefix."""
    import mkdocs.__main__
    from mkdocs import exceptions

    # MkDocs' command line makes its log handler when it starts (State) and gives it a
    # formatter with the level in English (coloured, or plain when piped): the one way in is
    # its State class, as Abort.show below is for its last line.
    class State(mkdocs.__main__.State):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.logger.removeHandler(self.stream)
            self.stream = _LineHandler()
            self.stream.name = "MkDocsStreamHandler"
            self.logger.addHandler(self.stream)

    mkdocs.__main__.State = State

    for name in ENGINE_LOGGERS:
        logging.getLogger(name).addFilter(_Translate())

    def show(self, *args, **kwargs) -> None:
        # Abort.show is where MkDocs' command line prints its last line (click calls it);
        # replacing it is the only hook MkDocs offers for that line.
        import click

        click.echo("\n" + translate_abort(self.format_message()), err=True)

    exceptions.Abort.show = show


def main(argv: list[str] | None = None) -> int:
    install()
    from mkdocs.__main__ import cli

    return cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="mkdocs")


if __name__ == "__main__":
    sys.exit(main())
