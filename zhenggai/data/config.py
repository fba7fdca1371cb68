"""Data settings from `zhenggai.yml`, shared by `zhenggai validate` and the site build."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..disclosure import DEFAULT_DISCLOSURE_MONTHS, DEFAULT_FOLLOW_UP_WAIT_DAYS, Rules
from ..errors import ZhenggaiError
from ..model import DEFAULT_INDEX_NO_PATTERN
from ..options import Options
from . import cluster_settings
from .cluster_settings import LOCAL, Cluster, ClusterTls, cluster_address_problem  # noqa: F401
from . import diagnostics as diag
from .diagnostics import Diagnostic
from .source import Loc, parse
from .table import read_table

CONFIG_FILE = "zhenggai.yml"
DEFAULT_DATA_DIR = "data"
KEYS = ("data_dir", "index_no_pattern", "pdf_cluster", cluster_settings.TLS_KEY, "as_of", "disclosure_months",
        "follow_up_wait_days")


class ConfigError(ZhenggaiError):
    """`zhenggai.yml` cannot be used; the message is for staff, in Chinese, naming the file."""

    code = "config.invalid"


@dataclass(frozen=True)
class Settings:
    """Where the data lives, the 索引号 format this publisher uses, the Dask scheduler for PDFs (or None)."""

    data_dir: Path = Path(DEFAULT_DATA_DIR)
    index_no_pattern: str = DEFAULT_INDEX_NO_PATTERN
    pdf_cluster: str | None = None
    pdf_cluster_tls: ClusterTls | None = None  # its mutual TLS files (cluster_settings.py)
    as_of: dt.date | None = None  # the day overdue is judged on (default: the commit's date)
    disclosure_months: int = DEFAULT_DISCLOSURE_MONTHS  # feedback → the usual notice of rectification
    follow_up_wait_days: int = DEFAULT_FOLLOW_UP_WAIT_DAYS  # deadline → "时限已过,尚无后续通报" shown
    as_of_at: tuple[Path, int | None] | None = None  # where `as_of` is set: the file and its line

    def as_of_diagnostics(self, newest: dt.date | None, newest_path: Path | None) -> list[Diagnostic]:
        """A warning when `as_of` is before the newest notice's publication (`newest`, in
        `newest_path`): the home page would say 截至 that day above notices published after it."""
        if self.as_of is None or newest is None or newest <= self.as_of:
            return []
        path, line = self.as_of_at or (Path(CONFIG_FILE), None)
        message = (f"判断日期 {self.as_of} 早于最新一份通报的发布日期 {newest}（{newest_path}）：首页写着“截至”这一天，"
                   "下面却列着此后发布的通报，逾期也按这一天判断：请改为不早于最新通报发布日期的日期，"
                   "或删去这一行（按所构建提交的日期判断）")
        return [diag.warning(path, message, line, "as_of", code="config.as_of_early")]

    @property
    def rules(self) -> Rules:
        """The periods the record is judged by (see zhenggai.disclosure)."""
        return Rules(self.disclosure_months, self.follow_up_wait_days)


def pdf_cluster(settings: Settings, options: Options) -> Cluster | None:
    """The cluster the PDF stage uses, strongest first: the command line (`--pdf-cluster`, its
    certificates and `--pdf-cluster-insecure`) or the environment, both in `options`, then
    zhenggai.yml; None: the local process pool. ConfigError when it cannot be used as set
    (see cluster_settings.py)."""
    given_tls = {"ca": options.pdf_cluster_ca, "cert": options.pdf_cluster_cert, "key": options.pdf_cluster_key}
    try:
        return cluster_settings.pdf_cluster(settings.pdf_cluster, settings.pdf_cluster_tls, options.pdf_cluster,
                                            options.pdf_cluster_from, given_tls, options.pdf_cluster_insecure)
    except cluster_settings.ClusterSettingError as exc:
        raise ConfigError(str(exc), code=exc.code) from None


def load_settings(root: Path) -> Settings:
    """Read `root/zhenggai.yml`; defaults for what it does not set, or when it is missing."""
    path = root / CONFIG_FILE
    if not path.is_file():
        return Settings(data_dir=root / DEFAULT_DATA_DIR)
    raw, lines = _read(path)
    unknown = sorted(str(key) for key in raw if key not in KEYS)
    if unknown:
        raise ConfigError(f"{path}: 未知的配置项 {'、'.join(unknown)}（可用：{'、'.join(KEYS)}）")
    as_of = _as_of(raw.get("as_of"), _where(path, lines, "as_of"))
    data_dir = raw.get("data_dir") or DEFAULT_DATA_DIR
    pattern = raw.get("index_no_pattern") or DEFAULT_INDEX_NO_PATTERN
    if not isinstance(data_dir, str) or not isinstance(pattern, str):
        raise ConfigError(f"{path}: data_dir 和 index_no_pattern 应为文字")
    _check_data_dir(data_dir, root, _where(path, lines, "data_dir"))
    try:
        re.compile(pattern)
    except re.error as exc:
        where = f"（第 {exc.pos + 1} 个字符附近）" if exc.pos is not None else ""
        raise ConfigError(f"{path}: index_no_pattern: 不是有效的正则表达式{where}") from None
    cluster = raw.get("pdf_cluster")
    if cluster is not None:
        problem = "应为文字" if not isinstance(cluster, str) else cluster_address_problem(cluster.strip())
        if problem:
            raise ConfigError(f"{_where(path, lines, 'pdf_cluster')}: pdf_cluster: {problem}")
        cluster = None if cluster.strip() == LOCAL else cluster.strip()
    tls, problem = cluster_settings.read_tls(raw.get(cluster_settings.TLS_KEY), root)
    if problem:
        raise ConfigError(f"{_where(path, lines, cluster_settings.TLS_KEY)}: {cluster_settings.TLS_KEY}: {problem}")
    periods = {key: _count(raw, key, _where(path, lines, key), limit)
               for key, limit in PERIOD_LIMITS.items() if raw.get(key) is not None}
    return Settings(data_dir=root / data_dir, index_no_pattern=pattern, pdf_cluster=cluster, pdf_cluster_tls=tls,
                    as_of=as_of, as_of_at=(path, lines.get(("as_of",))) if as_of else None, **periods)


def _read(path: Path) -> tuple[dict, dict[Loc, int]]:
    """The settings and the line of each, read as data files are (source.parse): YAML 1.2
    scalars (a date stays text until checked here), duplicate keys refused, lines known."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: 无法读取配置文件（不是 UTF-8 编码）") from None
    found: list[Diagnostic] = []
    parsed = parse(text, path, found) if text.strip() else ({}, {})
    errors = [d for d in found if d.is_error]
    if any(d.code == "file.empty" for d in errors):  # only comments: every setting at its default
        return {}, {}
    if any(d.code == "yaml.top_level" for d in errors):
        raise ConfigError(f"{path}: 配置文件的最外层应为一组键值（如 data_dir: data）")
    if errors or parsed is None:
        shown = [f"{path}:{d.line}:" if d.line else f"{path}:" for d in errors]
        shown = [f"{where}{f' {d.field}:' if d.field else ''} {d.message}" for where, d in zip(shown, errors)]
        raise ConfigError("\n".join(shown) or f"{path}: 无法读取配置文件", code=errors[0].code if errors else None)
    return parsed


def _where(path: Path, lines: dict[Loc, int], key: str) -> str:
    """`path:line` of a top-level `key`, for the message's file:line (the path alone when unknown)."""
    line = lines.get((key,))
    return f"{path}:{line}" if line else str(path)


def _check_data_dir(data_dir: str, root: Path, where: str) -> None:
    """The data folder is named without control characters, and is not the project itself or a
    folder holding it (`../../..`, `/`): the loader would read every .yml below it, the project's
    own files and other people's checkouts included. A folder elsewhere is allowed: its data is
    in no commit, so the build only previews it (build/release.py)."""
    for position, char in enumerate(data_dir, 1):
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            name = read_table("invisible")["control"].get(ord(char), "控制字符")
            raise ConfigError(f"{where}: data_dir: 第 {position} 个字符是控制字符 U+{ord(char):04X}（{name}）：请删除")
    if root.resolve().is_relative_to((root / data_dir).resolve()):
        raise ConfigError(f"{where}: data_dir: “{data_dir}” 是项目目录本身或它的上级目录，其下的所有 .yml 文件都会被当作数据读取："
                          f"数据目录应是单独的文件夹，如 {DEFAULT_DATA_DIR}")


# The largest sensible value of each period setting: 10 years, in its unit.
PERIOD_LIMITS = {"disclosure_months": 120, "follow_up_wait_days": 3660}
_PERIOD_WORDS = {"disclosure_months": "个月", "follow_up_wait_days": "天"}


def _count(raw: dict, key: str, where: str, limit: int) -> int:
    """A period setting: a whole number from 0 to `limit`."""
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= limit:
        written = str(value).lower() if isinstance(value, bool) else value  # as YAML has it: true, not True
        raise ConfigError(f"{where}: {key}: “{written}” 应为 0 到 {limit} 之间的整数（单位：{_PERIOD_WORDS[key]}）")
    return value


def _as_of(value, where: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        # As a data file's date is judged (diagnostics._date_message): a well-formed day that
        # does not exist, or a date not written the one way.
        how = "" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else "，请写成 2026-12-02 这样的形式"
        raise ConfigError(f"{where}: as_of: “{value}” 不是有效的日期{how}") from None
