"""The structured form of a round of inspections (巡察轮次), as its announcement gives it. No I/O.

A 巡察办 announces each round (巡察公告: which groups inspect which units, when) and gives
each unit its feedback. Staff record a round as one file under `data/rounds/`; the site then
says, for every unit inspected, whether its rectification notice is on the site.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, model_validator

from .model import ID_PATTERN, Document, Text, _Model, name_key, rule


class RoundTarget(_Model):
    """巡察对象 — one unit a round inspects: by which group, when, and the feedback date."""

    target: Text = Field(title="被巡察党组织", description="与通报 inspection.target 的写法相同，如 区政务服务数据管理局党组")
    group: Text = Field(title="巡察组", description="与通报 inspection.body 的写法相同，如 一届坪山区委第九轮第二巡察组")
    start: dt.date | None = Field(None, title="巡察开始日期")
    end: dt.date | None = Field(None, title="巡察结束日期")
    feedback: dt.date | None = Field(None, title="反馈日期", description="尚未反馈时不填")

    @model_validator(mode="after")
    def _dates_in_order(self) -> RoundTarget:
        if self.start and self.end and self.end < self.start:
            raise rule("date.order", f"巡察结束日期 {self.end} 早于开始日期 {self.start}")
        if self.end and self.feedback and self.feedback < self.end:
            raise rule("date.order", f"反馈日期 {self.feedback} 早于巡察结束日期 {self.end}")
        return self

    def names(self, doc: Document) -> bool:
        """Whether `doc` is a rectification notice naming this unit and this group."""
        ins = doc.inspection
        if ins is None or not doc.kind.is_rectification:
            return False
        return name_key(ins.target) == name_key(self.target) and name_key(ins.body) == name_key(self.group)

    def reports_on(self, doc: Document) -> bool:
        """Whether `doc` is a notice about this target: same unit, same group, and the same
        feedback date where both give one."""
        if not self.names(doc):
            return False
        feedback = doc.inspection.feedback
        return feedback is None or self.feedback is None or feedback == self.feedback


class Round(_Model):
    """巡察轮次 — one round of inspections: its name, who organised it, every unit inspected."""

    id: Annotated[str, Field(pattern=ID_PATTERN)] = Field(
        title="编号", description="取自文件名，用于网址；不要在文件中填写"
    )
    name: Text = Field(title="轮次名称", description="如 一届坪山区委第九轮巡察")
    body: Text = Field(title="组织巡察的党组织", description="如 中共深圳市坪山区委")
    announced: dt.date | None = Field(None, title="巡察公告日期")
    targets: tuple[RoundTarget, ...] = Field(min_length=1, title="巡察对象")

