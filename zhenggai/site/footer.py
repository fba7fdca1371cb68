"""The government-site footer (国办发〔2017〕47号) from `mkdocs.yml`'s `extra.footer`, checked.

Settings are input like data: every value is escaped where it is shown, links may only be
`https:`/`http:` addresses or addresses inside the site, and the 党政机关标识 only an image
file under `docs/`. A bad setting stops the build with a Chinese message naming the file,
the line, the key and the cause, as a bad data field does.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..data.raw_checks import refused_characters
from ..data.source import parse
from ..errors import ZhenggaiError

# Key → the name staff know it by; the order is the footer's.
FOOTER_ITEMS = {
    "sponsor": "网站主办单位",
    "contact": "联系方式",
    "site_code": "网站标识码",
    "icp": "ICP备案号",
    "police": "公安机关备案号",
    "party_gov_logo": "党政机关标识",
    "error_report_url": "我为政府网站找错链接",
}
# The site's own texts in mkdocs.yml that reach its pages, feeds and data catalogue.
SITE_TEXTS = ("site_name", "site_description", "site_author", "copyright")
LINK_KEYS = ("police_url", "party_gov_url", "error_report_url")
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
SITE_CODE = re.compile(r"[0-9A-Za-z]{10}")
_PHONE = re.compile(r"(?<![\d-])(?:0\d{2,3}-\d{7,8}|1[3-9]\d{9}|\d{7,8}|12\d{3})(?![\d-])")
_UNSAFE = re.compile(r"[\s\"'<>\\`\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Footer:
    """页脚 — the footer items, each checked; None where unset."""

    sponsor: str | None = None
    contact: str | None = None
    site_code: str | None = None
    icp: str | None = None
    police: str | None = None
    police_url: str | None = None
    party_gov_logo: str | None = None
    party_gov_url: str | None = None
    error_report_url: str | None = None

    def gaps(self) -> list[str]:
        """The footer items left unset, by their Chinese names."""
        return [name for key, name in FOOTER_ITEMS.items() if not getattr(self, key)]

    @property
    def contact_tel(self) -> str | None:
        """A tel: link for 联系方式 when it holds a phone number, so a phone dials it with one tap."""
        match = _PHONE.search(self.contact or "")
        return f"tel:{match.group(0)}" if match else None

    def as_dict(self) -> dict[str, str | None]:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        return {**values, "contact_tel": self.contact_tel}


class FooterInvalid(ZhenggaiError, ValueError):
    """One or more footer settings cannot be used; the message lists each, in Chinese."""

    code = "footer.invalid"


def read_footer(raw: Any, config_file: Path, docs_dir: Path) -> Footer:
    """Check `extra.footer` as read from `config_file`; raise FooterInvalid naming every bad setting."""
    if raw is None:
        return Footer()
    lines = _lines(config_file)
    where = f"{config_file.name}:{lines.get(('extra', 'footer'), '')}".rstrip(":")
    if not isinstance(raw, dict):
        raise FooterInvalid(f"{where}: extra.footer: 应为一组键值（如 sponsor: 某某单位）")
    values: dict[str, str | None] = {}
    problems = []
    allowed = [f.name for f in fields(Footer)]
    for key, value in raw.items():
        line = lines.get(("extra", "footer", str(key)))
        at = f"{config_file.name}:{line}" if line else config_file.name
        try:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
                hint = f"（是否应为 {close[0]}？）" if close else f"；可用的键：{'、'.join(allowed)}"
                raise ValueError(f"未知的页脚设置{hint}")
            values[key] = _check(key, value, docs_dir)
        except ValueError as exc:
            problems.append(f"{at}: extra.footer.{key}: {exc}")
    if problems:
        raise FooterInvalid("页脚设置有误，网站未更新：\n" + "\n".join(problems))
    return Footer(**values)


def check_site_texts(config: Mapping[str, Any], config_file: Path) -> None:
    """Raise FooterInvalid naming each of the site's own texts (`SITE_TEXTS` of mkdocs.yml) that
    holds a character the data may not hold either (data.raw_checks): the site name titles every
    page, feed and the data catalogue, and XML cannot carry a control character."""
    lines = _lines(config_file)
    problems = []
    for key in SITE_TEXTS:
        value = config.get(key)
        if isinstance(value, str):
            line = lines.get((key,))
            at = f"{config_file.name}:{line}" if line else config_file.name
            problems += [f"{at}: {key}: {message}" for _, message in refused_characters(value, "")]
    if problems:
        raise FooterInvalid("网站设置有误，网站未更新：\n" + "\n".join(problems))


def _check(key: str, value: Any, docs_dir: Path) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError("应为一段文字")
    text = str(value).strip()
    refused = refused_characters(text, "")
    if refused:
        raise ValueError(refused[0][1])
    if key in LINK_KEYS:
        return _link(text)
    if key == "party_gov_logo":
        return _logo(text, docs_dir)
    if key == "site_code" and not SITE_CODE.fullmatch(text):
        raise ValueError(f"“{text}” 不是有效的网站标识码：应为 10 位字母或数字，如 1200000052、bm01000001")
    return text


def _link(text: str) -> str:
    parts = urlsplit(text)
    safe = not _UNSAFE.search(text)
    absolute = parts.scheme in ("http", "https") and bool(parts.netloc)
    relative = not parts.scheme and not parts.netloc and not text.startswith("//")
    if not (safe and (absolute or relative)):
        raise ValueError(
            f"“{_short(text)}” 不是允许的链接：只能是 https:// 或 http:// 开头的完整网址，"
            "或本站内的相对地址（如 about/），且不能含空格、引号或尖括号"
        )
    return text


def _logo(text: str, docs_dir: Path) -> str:
    parts = urlsplit(text)
    if parts.scheme or parts.netloc or text.startswith(("/", "\\")) or _UNSAFE.search(text):
        raise ValueError(f"“{_short(text)}” 不是允许的图片：只能是 docs/ 下的图片文件（如 images/dzjg.png），不能引用其他网站")
    path = (docs_dir / text).resolve()
    if docs_dir.resolve() not in path.parents:
        raise ValueError(f"“{_short(text)}” 不在 docs/ 目录内")
    if path.suffix.lower() not in LOGO_SUFFIXES:
        raise ValueError(f"“{_short(text)}” 不是图片文件（可用：{'、'.join(LOGO_SUFFIXES)}）")
    if not path.is_file():
        raise ValueError(f"找不到图片文件 docs/{text}")
    return text


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:60] + "…"


def _lines(config_file: Path) -> dict:
    """The line of every key of the configuration file (empty when it cannot be read)."""
    try:
        text = config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    parsed = parse(text, config_file, [])
    return parsed[1] if parsed else {}
