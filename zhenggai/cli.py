"""`zhenggai` command line. Exit codes: 0 fine, 1 the data is wrong, 2 the command was used wrongly."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .data import ConfigError, cluster_address_problem, load_all, load_settings, pdf_cluster, summarize
from .data.cluster_settings import TLS_OPTIONS, TLS_WORDS
from .data.schema import ROUND_SCHEMA_PATH, SCHEMA_PATH, render_schema, write_schema

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True)
class Command:
    """One subcommand: its name, one line of help, its arguments and what it does."""

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def _configure_validate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="要校验的文件或目录（默认：zhenggai.yml 中的 data_dir）"
    )
    parser.add_argument("--explain", metavar="代码",
                        help="不校验，只说明一个错误或警告代码（如 date.invalid）的含义和处理办法；"
                        "all 输出全部代码（即 data/ERRORS.md）")


def run_explain(code: str) -> int:
    """Print the catalogue's entry of `code` (all: the whole catalogue as Markdown)."""
    from .errors import CATALOGUE_PAGE, catalogue, catalogue_markdown, near_codes

    if code == "all":
        sys.stdout.write(catalogue_markdown())
        return EXIT_OK
    entry = catalogue().get(code.strip())
    if entry:
        print(entry.explained())
        return EXIT_OK
    near = near_codes(code.strip())
    hint = f"相近的代码：{'、'.join(near)}" if near else "没有相近的代码"
    print(f"没有“{code}”这个代码。{hint}（全部代码见 {CATALOGUE_PAGE}，"
          "或运行 zhenggai validate --explain all）", file=sys.stderr)
    return EXIT_USAGE


def run_validate(args: argparse.Namespace) -> int:
    """Load and check every data file and the published archive, print each problem, then a summary."""
    if args.explain is not None:
        if args.paths:
            print("--explain 只说明代码，不校验文件：请去掉要校验的路径", file=sys.stderr)
            return EXIT_USAGE
        return run_explain(args.explain)
    from .pdf import check_archive  # the build's own archive checks (it does not load WeasyPrint)

    from .clock import read_clock

    settings = load_settings(Path())
    # The build's day, as the build and the preview of this tree take it (zhenggai/clock.py).
    result = load_all(args.paths or None, settings, clock=read_clock(Path()))
    # Only when the whole data folder was read is a published document missing from it an error.
    diagnostics = result.diagnostics + check_archive(Path(), result, complete=not args.paths)
    for diagnostic in diagnostics:
        print(diagnostic)
    if codes := list(dict.fromkeys(d.code for d in diagnostics)):  # the codes met, for --explain
        print(f"各项的原因和改法：zhenggai validate --explain 代码（这次出现的代码：{'、'.join(codes)}）")
    print(summarize(len(result.files) + len(result.round_files), diagnostics))
    return EXIT_DATA if any(d.is_error for d in diagnostics) else EXIT_OK


def _configure_schema(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--round", action="store_true", help="轮次文件（data/rounds/）的 Schema，而不是通报数据文件的")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--out", type=Path, help="写入的文件（默认：包内的 document.schema.json，或 round.schema.json）")
    where.add_argument("--stdout", action="store_true", help="输出到屏幕，不写文件")


def run_schema(args: argparse.Namespace) -> int:
    """Write (or print) the JSON Schema of a data file, or with --round of a round file."""
    kind = "round" if args.round else "document"
    if args.stdout:
        sys.stdout.write(render_schema(kind))
    else:
        out = args.out or (ROUND_SCHEMA_PATH if args.round else SCHEMA_PATH)
        print(f"已写入 {write_schema(out, kind)}")
    return EXIT_OK


def _positive_int(text: str) -> int:
    if not re.fullmatch(r"\d+", text) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"“{text}” 不是正整数")
    return int(text)


def _configure_generate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("n", type=_positive_int, metavar="N", help="生成的文件份数")
    parser.add_argument("--seed", type=int, default=0, help="随机种子，相同种子生成相同数据（默认：0）")
    parser.add_argument("--out", type=Path, required=True, help="输出目录")
    parser.add_argument(
        "--published", choices=("txt", "docx", "html"), default=None,  # zhenggai.synth.FORMS (not imported here)
        help="写出发布形式（纯文本、Word 或网页），旁边是与之对照的真值 .yml，供导入测试使用",
    )


def run_generate(args: argparse.Namespace) -> int:
    """Write N synthetic documents for benchmarks (and, with --published, each as published)."""
    if args.published:
        from .synth import write_published  # heavy and only needed here

        paths = write_published(args.n, args.seed, args.out, args.published)
        print(f"已生成 {len(paths)} 份 {args.published} 文件及其真值 .yml，写入 {args.out}")
        return EXIT_OK
    from .synth import write_documents

    paths = write_documents(args.n, args.seed, args.out)
    print(f"已生成 {len(paths)} 份文件，写入 {args.out}")
    return EXIT_OK


def _cluster_address(text: str) -> str:
    problem = cluster_address_problem(text.strip())
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return text.strip()


BUILD_HELP = """\
发布还是预览：
  只有已提交的内容才会发布。项目是 git 仓库、没有未提交的改动、生成全部 PDF 时，这次构建是发布：
  新网站替换发布目录，新的 PDF 版本在网站替换之后记入 archive/（请随后提交 archive/）。
  其他情况（有未提交的改动、不在 git 仓库中、用了 --no-pdf）都只是预览：不记入 archive/，
  也不会替换已发布的网站。

影响构建的环境变量：
  SOURCE_DATE_EPOCH      构建日期（秒）；默认取所构建提交的时间，有未提交的改动时取当前时间。
                         与所构建提交的时间不同时，这次构建只是预览
  ZHENGGAI_PDF_CLUSTER   同 --pdf-cluster（命令行优先）
  ZHENGGAI_PDF_CLUSTER_CA、ZHENGGAI_PDF_CLUSTER_CERT、ZHENGGAI_PDF_CLUSTER_KEY
                         同 --pdf-cluster-ca、--pdf-cluster-cert、--pdf-cluster-key（命令行优先）
"""


def _configure_build(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = _RawFormatter
    parser.epilog = BUILD_HELP
    parser.add_argument("--site-dir", type=Path, default=None,
                        help="发布目录（默认 site/）；只替换本系统生成的目录（其中有 .zhenggai-site 标记文件）")
    parser.add_argument("--no-pdf", dest="pdfs", action="store_false",
                        help="不生成 PDF（快速预览）：这次构建只是预览，不会发布")
    parser.add_argument("--publish", dest="require_publish", action="store_true",
                        help="只发布：这次构建只能是预览时报错退出，什么也不构建（供自动发布的流水线使用）")
    parser.add_argument(
        "--pdf-cluster", type=_cluster_address, default=None, metavar="tls://HOST:PORT",
        help="把 PDF 渲染任务发给这个 Dask 调度器（见 README）；local 表示本机进程池。"
        "默认取环境变量 ZHENGGAI_PDF_CLUSTER，再取 zhenggai.yml 的 pdf_cluster，都没有则用本机进程池",
    )
    for part, option in TLS_OPTIONS.items():
        parser.add_argument(option, type=Path, default=None, metavar="FILE",
                            help=f"连接 tls:// 集群时用的文件：{TLS_WORDS[part]}（PEM 格式；"
                            f"默认取 zhenggai.yml 的 pdf_cluster_tls.{part}）")
    parser.add_argument("--pdf-cluster-insecure", action="store_true",
                        help="允许用不加密、不验证身份的 tcp:// 连接其他机器上的集群（只在可信的内网中使用）")


def run_build(args: argparse.Namespace) -> int:
    from .build import build_site
    from .options import command_line_options

    tls = {part: str(path.resolve()) for part, option in TLS_OPTIONS.items()
           if (path := getattr(args, option.removeprefix("--").replace("-", "_"))) is not None}
    options = command_line_options(args.pdfs, args.pdf_cluster, args.require_publish, tls=tls,
                                   insecure=args.pdf_cluster_insecure)
    if args.pdf_cluster or tls or args.pdf_cluster_insecure:
        try:  # checked first: a wrong cluster setting stops the command before anything is built
            pdf_cluster(load_settings(Path()), options)
        except ConfigError as exc:
            print(exc, file=sys.stderr)
            return EXIT_USAGE
    return build_site(Path.cwd(), args.site_dir, options=options)


def _configure_archive(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="操作", parser_class=_Parser)
    actions.add_parser("status", help="列出每份文件已发布的 PDF 版本，以及下次发布将新增的版本")
    actions.add_parser("verify", help="逐个计算已发布 PDF 的 SHA-256，与 archive/versions.json 核对")
    rerender = actions.add_parser("rerender", help="用当前的字体和模板重新生成 PDF，作为新版本发布（旧版本保留）")
    rerender.add_argument("ids", nargs="+", metavar="编号", help="文件编号（数据文件名，不含 .yml）")
    rerender.add_argument("--reason", required=True, help="重新生成的原因，记入归档并在 PDF 归档页公开")
    discard = actions.add_parser("discard", help="撤销一份文件最新记入 archive/ 但从未推送（公开）的版本")
    discard.add_argument("id", metavar="编号", help="文件编号（数据文件名，不含 .yml）")
    discard.add_argument("--site-dir", type=Path, default=None, metavar="目录",
                         help="已发布网站所在的目录（默认为项目中的 site/）：其中已有这一版的 PDF 时拒绝撤销")
    discard.add_argument("--never-deployed", action="store_true",
                         help="确认已发布的网站从未上传到服务器：仍然撤销，并从网站目录中删去这一版的 PDF")


def run_archive(args: argparse.Namespace) -> int:
    """The published PDF versions: list, verify, render some again as new versions, or discard one never published."""
    from .build import archive

    if args.action == "status":
        return archive.status(Path.cwd())
    if args.action == "verify":
        return archive.verify(Path.cwd())
    if args.action == "rerender":
        return archive.rerender(Path.cwd(), args.ids, args.reason)
    if args.action == "discard":
        return archive.discard(Path.cwd(), args.id, site_dir=args.site_dir, never_deployed=args.never_deployed)
    print("请指定操作：status、verify、rerender 或 discard（见 zhenggai archive --help）", file=sys.stderr)
    return EXIT_USAGE


def _configure_import(parser: argparse.ArgumentParser) -> None:
    # Every type importer.sources.SUFFIXES accepts (held by tests/unit/test_import_formats.py; not
    # imported here, which would load the importer for every command's --help).
    parser.add_argument("source", type=Path, metavar="SOURCE",
                        help="已发布的通报：Word（.docx、.docm；旧版 .doc、WPS 的 .wps 和 .rtf 需要 LibreOffice 转换）、"
                             "文本（.txt）或从网站保存的网页（.html、.htm；“网页，单个文件” .mht、.mhtml）。"
                             "PDF、图片、压缩包和电子表格不能导入")
    parser.add_argument("--out", default=None, metavar="FILE",
                        help="草稿写到哪里（默认：数据目录下以源文件名命名的 .yml；- 表示输出到屏幕）")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的文件")


def run_import(args: argparse.Namespace) -> int:
    """Turn a published notice into a draft data file and print what to check."""
    from .data.raw_checks import id_problems
    from .importer import SourceError, import_notice

    try:
        draft = import_notice(args.source)
    except SourceError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    if args.out == "-":
        sys.stdout.write(draft.text)
        print(draft.report("（屏幕输出）"), file=sys.stderr)
        return EXIT_OK if draft.complete else EXIT_DATA
    out = Path(args.out) if args.out else load_settings(Path()).data_dir / f"{_draft_id(args.source)}.yml"
    if out.exists() and not args.force:
        print(f"{out} 已存在，未覆盖（确需覆盖请加 --force）", file=sys.stderr)
        return EXIT_USAGE
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(draft.text, encoding="utf-8")
    # The file's name is the document's id: one made up here (import-…) is an error of the draft
    # too, and a notice the data already holds is a warning of it (the report's verdict and the
    # exit code then say the draft is not finished).
    found = (*id_problems(out.stem, out), *_duplicates_of_draft(out, draft.data))
    draft = replace(draft, diagnostics=(*draft.diagnostics, *found))
    print(draft.report(str(out)))
    return EXIT_OK if draft.complete else EXIT_DATA


def _duplicates_of_draft(path: Path, data: dict) -> list:
    """Warnings when the data folder already holds the notice just imported (the draft may not be valid yet)."""
    from .data.duplicates import draft_fingerprint, duplicates_of

    settings = load_settings(Path())
    result = load_all(settings=settings, cache_dir=Path(".cache") / "load")
    documents = [(doc, result.collection.source(doc.id), result.texts.get(doc.id, ())) for doc in result.collection]
    return duplicates_of(draft_fingerprint(data, path), documents)


def _draft_id(source: Path) -> str:
    """The source's name when it can be a document id, else import-<digest> (to be renamed)."""
    import hashlib

    stem = source.stem.lower()
    if re.fullmatch(r"[a-z0-9][a-z0-9_-]*", stem):
        return stem
    return "import-" + hashlib.sha1(source.name.encode("utf-8")).hexdigest()[:8]


def _configure_punctuation(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="FILE", help="要改正的数据文件（.yml）")


def run_punctuation(args: argparse.Namespace) -> int:
    """Rewrite each data file with the half-width marks of its Chinese sentences full-width."""
    from .data.punctuation import PunctuationError, fix_data_text
    from .fs import describe_os_error

    failed = False
    for path in args.paths:
        try:
            with path.open(encoding="utf-8", newline="") as file:  # the file's own line ends stay
                text, count, radicals = fix_data_text(file.read())
        except (OSError, UnicodeDecodeError, PunctuationError) as exc:
            reason = (exc if isinstance(exc, PunctuationError)
                      else "无法读取（不是 UTF-8 编码，请将文件另存为 UTF-8）" if isinstance(exc, UnicodeDecodeError)
                      else f"无法读取（{describe_os_error(exc)}）")
            print(f"{path}：{reason}，未修改", file=sys.stderr)
            failed = True
            continue
        if not count and not radicals:
            print(f"{path}：没有需要改的半角标点")
            continue
        with path.open("w", encoding="utf-8", newline="") as file:
            file.write(text)
        done = [f"中文句子中的半角标点改为全角 {count} 个（GB/T 15834）"] if count else []
        done += [f"看起来像汉字的部首符号改为对应的汉字 {radicals} 个（如“⼯”改为“工”）"] if radicals else []
        note = "将中文句子中的半角标点改为全角" if count else "将部首符号改为对应的汉字"
        print(f"{path}：{'；'.join(done)}。"
              f"这份通报如已发布过 PDF，请在 changes: 中写一条更正说明（如“{note}”），"
              "提交后生成新版本；然后运行 make validate。")
    return EXIT_DATA if failed else EXIT_OK


COMMANDS: list[Command] = [
    Command("validate", "校验数据文件，列出所有错误和警告", _configure_validate, run_validate),
    Command("build", "校验数据并构建网站，全部成功后才替换 site/；只有已提交的内容才发布，其余都是预览", _configure_build, run_build),
    Command("schema", "生成数据文件的 JSON Schema（供编辑器补全和检查）", _configure_schema, run_schema),
    Command("import", "把已发布的通报（Word、WPS、文本或网页）转成数据文件草稿", _configure_import, run_import),
    Command("archive", "查看、核对已发布的 PDF 版本，按需重新生成新版本，或撤销从未公开的版本", _configure_archive, run_archive),
    Command("punctuation", "把数据文件中文句子里的半角标点（ , : ; ( ) ）改为全角（紧挨着的空格一并去掉）、部首符号（如“⼯”）改为对应的汉字，其余内容不变", _configure_punctuation,
            run_punctuation),
    Command("generate", "生成用于性能测试的模拟数据", _configure_generate, run_generate),
]


class _Formatter(argparse.HelpFormatter):
    """Help in Chinese: argparse's own words (usage:, options:) are English."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[override]
        return super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


class _RawFormatter(_Formatter, argparse.RawDescriptionHelpFormatter):
    """Help whose closing text keeps its lines."""


class _Parser(argparse.ArgumentParser):
    """argparse with its help and its usage errors said in Chinese."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    _MESSAGES = (
        (r"the following arguments are required: (.*)", r"缺少参数：\1"),
        (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
        (r"argument (--\S+): invalid choice: '([^']*)' \(choose from (.*)\)", r"参数 \1 不能取“\2”，可用：\3"),
        (r"argument (\S+): invalid choice: '([^']*)' \(choose from (.*)\)", r"没有“\2”这个命令，可用：\3"),
        (r"argument (\S+): invalid (\w+) value: '([^']*)'", r"参数 \1：“\3” 不是有效的值"),
        (r"argument (\S+): not allowed with argument (\S+)", r"参数 \1 和 \2 不能同时使用"),
        (r"argument (\S+): expected one argument", r"参数 \1 后面需要一个值"),
        (r"argument (\S+): (.*)", r"参数 \1：\2"),
    )

    def error(self, message: str) -> None:  # type: ignore[override]
        for pattern, replacement in self._MESSAGES:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, replacement, message).replace("', '", "、").replace("'", "")
                break
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: 用法有误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one subparser per entry of COMMANDS."""
    parser = _Parser(prog="zhenggai", description="整改公开：校验数据、生成网站和归档 PDF")
    subparsers = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    for command in COMMANDS:
        sub = subparsers.add_parser(command.name, help=command.help, description=command.help)
        command.configure(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help (0) and on wrong usage (2)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.run(args)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return EXIT_DATA


if __name__ == "__main__":
    sys.exit(main())
