"""Wording shared by the web pages, the PDF and the search index: one function per fact."""

from __future__ import annotations

import datetime as dt

from .model import Item, Problem, Status


def cn_date(value: dt.date | None) -> str:
    """2019-03-15 → 2019年3月15日 (GB/T 9704 writes dates in Arabic numerals, without zeros)."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def format_size(size: int) -> str:
    """Bytes in the units a reader expects: 356 KB, 1.2 MB."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def status_words(finding: Problem | Item) -> str:
    """The rectification state of a problem or item in words, e.g. 正在推进中，计划3月底前整改完成。"""
    parts = []
    if finding.status is not None:
        parts.append(Status(finding.status).value)
    if finding.deadline is not None:
        parts.append(finding.deadline.text.rstrip("。"))
    return "，".join(parts) + "。" if parts else "本通报未逐项说明整改状态。"
