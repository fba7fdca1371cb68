"""Data settings from `zhenggai.yml`, shared by `zhenggai validate` and the site build."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..disclosure import DEFAULT_DISCLOSURE_MONTHS, DEFAULT_FOLLOW_UP_WAIT_DAYS, Rules
from ..errors import ZhenggaiError
from ..model import DEFAULT_INDEX_NO_PATTERN
from ..options import Options
from . import cluster_settings
from .cluster_settings import LOCAL, Cluster, ClusterTls, cluster_address_problem  # noqa: F401

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
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: 无法读取配置文件（{_reason(exc)}）") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: 配置文件的最外层应为一组键值（如 data_dir: data）")
    unknown = sorted(str(key) for key in raw if key not in KEYS)
    if unknown:
        raise ConfigError(f"{path}: 未知的配置项 {'、'.join(unknown)}（可用：{'、'.join(KEYS)}）")
    as_of = _as_of(raw.get("as_of"), path)
    data_dir = raw.get("data_dir") or DEFAULT_DATA_DIR
    pattern = raw.get("index_no_pattern") or DEFAULT_INDEX_NO_PATTERN
    if not isinstance(data_dir, str) or not isinstance(pattern, str):
        raise ConfigError(f"{path}: data_dir 和 index_no_pattern 应为文字")
    try:
        re.compile(pattern)
    except re.error as exc:
        where = f"（第 {exc.pos + 1} 个字符附近）" if exc.pos is not None else ""
        raise ConfigError(f"{path}: index_no_pattern: 不是有效的正则表达式{where}") from None
    cluster = raw.get("pdf_cluster")
    if cluster is not None:
        problem = "应为文字" if not isinstance(cluster, str) else cluster_address_problem(cluster.strip())
        if problem:
            line = _line(path, "pdf_cluster")
            raise ConfigError(f"{path}:{line}: pdf_cluster: {problem}" if line else f"{path}: pdf_cluster: {problem}")
        cluster = None if cluster.strip() == LOCAL else cluster.strip()
    tls, problem = cluster_settings.read_tls(raw.get(cluster_settings.TLS_KEY), root)
    if problem:
        line = _line(path, cluster_settings.TLS_KEY)
        raise ConfigError(f"{path}:{line}: {cluster_settings.TLS_KEY}: {problem}" if line else f"{path}: {problem}")
    periods = {key: _count(raw, key, path, limit) for key, limit in PERIOD_LIMITS.items() if raw.get(key) is not None}
    return Settings(data_dir=root / data_dir, index_no_pattern=pattern, pdf_cluster=cluster, pdf_cluster_tls=tls,
                    as_of=as_of, **periods)


def _line(path: Path, key: str) -> int | None:
    """The line of a top-level `key` in `path`, for the message's file:line."""
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.match(rf"{key}\s*:", text):
            return number
    return None


# The largest sensible value of each period setting: 10 years, in its unit.
PERIOD_LIMITS = {"disclosure_months": 120, "follow_up_wait_days": 3660}
_PERIOD_WORDS = {"disclosure_months": "个月", "follow_up_wait_days": "天"}


def _count(raw: dict, key: str, path: Path, limit: int) -> int:
    """A period setting: a whole number from 0 to `limit`."""
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= limit:
        line = _line(path, key)
        where = f"{path}:{line}" if line else str(path)
        raise ConfigError(f"{where}: {key}：“{value}” 应为 0 到 {limit} 之间的整数（单位：{_PERIOD_WORDS[key]}）")
    return value


def _as_of(value, path: Path) -> dt.date | None:
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ConfigError(f"{path}: as_of: “{value}” 不是有效的日期，请写成 2026-12-02 这样的形式") from None


def _reason(exc: Exception) -> str:
    mark = getattr(exc, "problem_mark", None)
    if mark is not None:
        return f"第 {mark.line + 1} 行 YAML 语法错误"
    if isinstance(exc, UnicodeDecodeError):
        return "不是 UTF-8 编码"
    return "YAML 语法错误"
