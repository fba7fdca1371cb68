"""The structured form of a published disclosure document. No I/O here.

Keys are English so they stay stable in code; enumerated values a member of staff
types (document kind, problem status) are the Chinese words printed in the notices.
Numbers (一、（一）1.（1）一是) are never typed into the text: they come from position, in
the scheme the document uses (`numbering`: label style per level, continuous or restarting).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
# [0-9], not \d: \d also matches the digits of other scripts (٠١٢, ०१२), which no phone dials.
PHONE_PATTERN = (
    r"^(?:0[0-9]{2,3}-[0-9]{7,8}(?:-[0-9]{1,6})?"  # landline with area code, optional extension
    r"|[0-9]{7,8}"  # local number without area code
    r"|1[3-9][0-9]{9}"  # mobile
    r"|1[0-9]{2,4})$"  # service numbers such as 12345 or 12388
)
POSTCODE_PATTERN = r"^[0-9]{6}$"
EMAIL_PATTERN = r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
# 机构代码/年份-流水号 as portals print it: the code may hold hyphens (00956234-5) or be a unit's own
# letters (MMDX-2023-000318); the year and the serial number are what a typo usually breaks.
DEFAULT_INDEX_NO_PATTERN = r"^[0-9A-Z]+(?:-[0-9A-Z]+)*[/-][0-9]{4}-[0-9]{3,8}$"
# Full-width forms (０-９, Ａ-Ｚ, －, ／) as a Chinese input method types them, to ASCII: a phone
# number, postcode or 索引号 is the same identifier however it was typed (its tel: link, the
# duplicate check), and the page shows it one way.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def half_width(value: Any) -> Any:
    """A text's full-width ASCII forms as ASCII (０７５５－８８１２７２８９ → 0755-88127289); other values as given."""
    return value.translate(_HALF_WIDTH) if isinstance(value, str) else value

def name_key(name: str) -> str:
    """A name (a unit, an inspection group) as names are compared across files: width variants
    folded (NFKC: ３ as 3, Ａ as A, the ideographic space as a space) and without the spaces staff
    may type inside it. Round files, series and the duplicate check all compare by it."""
    return "".join(unicodedata.normalize("NFKC", name).split())


Text = Annotated[str, Field(min_length=1)]


def _typed_code(value: Any) -> Any:
    # A number YAML read as an integer (postcode: 518000) is the text typed; full-width digits as ASCII.
    return str(value) if isinstance(value, int) else half_width(value)


def code(pattern: str) -> Any:
    """A code staff type as digits — phone number, postcode, area code, e-mail — read as half-width
    text (`_typed_code`), then matched against `pattern`."""
    return Annotated[str, Field(pattern=pattern), BeforeValidator(_typed_code)]


def rule(code: str, message: str) -> PydanticCustomError:
    """A broken rule of the model: `code` (e.g. `date.order`) becomes the diagnostic's code."""
    return PydanticCustomError(code, message)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    # The key a plain value stands for (`- 一是…` for `- text: 一是…`), or None: the one
    # list of models with a shorthand, read by the validator's messages and the schema.
    shorthand: ClassVar[str | None] = None
    shorthand_types: ClassVar[tuple[type, ...]] = (str,)

    @model_validator(mode="before")
    @classmethod
    def _expand_shorthand(cls, value: Any) -> Any:
        if cls.shorthand and isinstance(value, cls.shorthand_types) and not isinstance(value, bool):
            return {cls.shorthand: value}
        return value


def shorthand_models() -> dict[str, tuple[type, ...]]:
    """Name of every model that accepts a plain value → the types such a value may have."""
    found: dict[str, tuple[type, ...]] = {}
    pending: list[type[_Model]] = [_Model]
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        if model.shorthand:
            found[model.__name__] = model.shorthand_types
    return dict(sorted(found.items()))


class DocumentKind(str, enum.Enum):
    """文件类型 — what kind of document this is, as its title names it.

    A short typed catalogue: by who inspected (巡察 by a Party committee, 巡视 at provincial
    level) and how far the rectification is (整改情况 final, 进展情况 interim), plus the
    information-disclosure page. A notice titled 落实……反馈意见整改情况的通报 is a 整改情况通报.
    """

    NOTICE = "巡察整改情况通报"
    PROGRESS = "阶段性进展情况通报"
    PROGRESS_REPORT = "巡察整改进展情况通报"
    TOUR_NOTICE = "巡视整改情况通报"
    TOUR_PROGRESS = "巡视整改进展情况通报"
    DISCLOSURE = "政府信息公开"

    @property
    def is_rectification(self) -> bool:
        return self is not DocumentKind.DISCLOSURE

    @property
    def is_interim(self) -> bool:
        return self in (DocumentKind.PROGRESS, DocumentKind.PROGRESS_REPORT, DocumentKind.TOUR_PROGRESS)


class Status(str, enum.Enum):
    """整改状态 — rectification status of a problem, as the notices word it."""

    COMPLETED = "已完成"
    BASICALLY_COMPLETED = "基本完成"
    IN_PROGRESS = "正在推进中"
    LONG_TERM = "阶段性完成并需长期坚持"

    @classmethod
    def _missing_(cls, value: object) -> Status | None:
        aliases = {"正在推进": cls.IN_PROGRESS, "长期坚持": cls.LONG_TERM, "阶段性完成": cls.LONG_TERM}
        return aliases.get(value) if isinstance(value, str) else None


# A label style is a template with one counter: {n} 1 2 3, {cn} 一 二 三, {circled} ① ② ③,
# optionally after its parent's number: {p}.{n} gives 1.1 1.2 under 1. and 2.1 under 2.
# An empty label means the level is not numbered (its headings may carry the number instead).
LABEL_PATTERN = r"^(?:[^{}]{0,6}(?:\{p\}[.．])?\{(?:n|cn|circled)\}[^{}]{0,6})?$"
# A heading template holds the title and may hold the counter: 第{cn}方面问题,{title}.
HEADING_PATTERN = r"^[^{}]{0,20}(?:\{(?:n|cn)\}[^{}]{0,20})?\{title\}[^{}]{0,20}$"


class Level(_Model):
    """一级编号 — how one level of the document is numbered and introduced, as published."""

    label: Annotated[str, Field(pattern=LABEL_PATTERN)] | None = Field(
        None, title="编号样式", description="如 （{cn}）1. 写作 {n}. ，一是 写作 {cn}是，1.1 写作 {p}.{n}；不填则用通常的样式"
    )
    continuous: bool = Field(False, title="全文连续编号", description="true：不在上一级下重新编号，如（一）…（二十五）")
    heading: Annotated[str, Field(pattern=HEADING_PATTERN)] | None = Field(
        None, title="标题写法", description="如 针对“{title}”的问题 或 第{cn}方面问题，{title}；不填则用通常的写法"
    )


class NumberingScheme(_Model):
    """编号方式 — the numbering of each level, a fact of the document to be reproduced."""

    categories: Level = Field(Level(), title="问题方面", description="通常 （一），标题写作 “……”方面")
    problems: Level = Field(Level(), title="问题", description="通常 1. 2.，每个方面重新编号")
    items: Level = Field(Level(), title="问题表现", description="通常 （1）（2）")
    measures: Level = Field(Level(), title="整改措施", description="通常 一是、二是，只有一条时不编号")
    points: Level = Field(Level(), title="措施细项", description="通常 （1）（2）")
    subpoints: Level = Field(Level(), title="细项下的要点", description="通常 一是、二是")

    @model_validator(mode="before")
    @classmethod
    def _legacy_words(cls, value: Any) -> Any:
        # Files written before the scheme said only `numbering: restart` or `continuous`
        # (problems and items numbered through the whole notice).
        if value == "restart":
            return {}
        if value == "continuous":
            return {"problems": {"continuous": True}, "items": {"continuous": True}}
        return value


class Metadata(_Model):
    """政府信息公开目录 — the disclosure catalogue metadata block."""

    index_no: str | None = Field(None, title="索引号", description="如 114403006955506492/2019-00001")
    category: str | None = Field(None, title="分类")
    publisher: str | None = Field(None, title="发布机构")
    written: dt.date | None = Field(None, title="成文日期")
    doc_no: str | None = Field(None, title="文号", description="如 深府办〔2019〕1号")
    published: dt.date = Field(title="发布日期")
    subject_words: tuple[Text, ...] = Field((), title="主题词")
    source: str | None = Field(None, title="来源", description="转载来源，如 廉洁深圳")

    @field_validator("index_no", mode="before")
    @classmethod
    def _index_no_half_width(cls, value: Any) -> Any:
        return half_width(value)


class Inspection(_Model):
    """巡察 — who inspected whom, and when."""

    body: Text = Field(title="巡察组", description="如 市委第六巡察组、省委第十巡视组")
    target: Text = Field(title="被巡察党组织", description="如 市政府办公厅党组；巡视一个地区时写地区，如 深圳市罗湖区")
    round: str | None = Field(None, title="巡察轮次", description="如 一届区委第九轮")
    start: dt.date | None = Field(None, title="巡察开始日期", description="通报未写明时不填")
    end: dt.date | None = Field(None, title="巡察结束日期", description="通报未写明时不填")
    feedback: dt.date | None = Field(None, title="反馈日期", description="通报未写明时不填")
    extended_targets: tuple[Text, ...] = Field((), title="延伸巡察对象")

    @property
    def word(self) -> str:
        """巡视 for a provincial or central inspection, else 巡察 (as the body's name says)."""
        return "巡视" if "巡视" in self.body else "巡察"

    @model_validator(mode="after")
    def _dates_in_order(self) -> Inspection:
        if self.start and self.end and self.end < self.start:
            raise rule("date.order", f"巡察结束日期 {self.end} 早于开始日期 {self.start}")
        if self.end and self.feedback and self.feedback < self.end:
            raise rule("date.order", f"反馈日期 {self.feedback} 早于巡察结束日期 {self.end}")
        return self


class Point(_Model):
    """要点 — a point in a list the document numbers 一是、二是…, with optional sub-points."""

    title: str | None = Field(None, title="小标题", description="句首加粗的概括语，如 强化制度建设。")
    text: str = Field("", title="正文")
    points: tuple[Point, ...] = Field((), title="分项", description="编号 （1）（2）的细项，可再分一级")
    paragraphs: tuple[Text, ...] = Field((), title="后续段落", description="紧随这一条、不编号的段落")

    shorthand: ClassVar[str | None] = "text"

    @model_validator(mode="after")
    def _not_empty(self) -> Point:
        if not (self.title or self.text or self.points or self.paragraphs):
            raise rule("point.empty", "要点为空：至少需要 title、text、points 或 paragraphs 之一")
        return self


class Measure(Point):
    """整改措施 — one measure taken against a problem."""


class Revision(_Model):
    """时限调整 — an earlier deadline, and when and why it was moved (a moved date is explained)."""

    text: Text = Field(title="原时限", description="调整前的时限原文，如 计划2019年6月底前完成")
    date: dt.date | None = Field(None, title="原时限日期", description="读不出日期时留空")
    revised: dt.date = Field(title="调整日期")
    reason: Text = Field(title="调整原因")


class Deadline(_Model):
    """整改时限 — a planned deadline as written, and as a date when one can be read."""

    text: Text = Field(title="原文", description="如 计划3月底前整改完成")
    date: dt.date | None = Field(None, title="日期", description="读不出日期时留空")
    revisions: tuple[Revision, ...] = Field(
        (), title="调整记录", description="时限每调整一次记一条：原时限、调整日期、原因（最早的在前）"
    )

    shorthand: ClassVar[str | None] = "text"

    @property
    def original(self) -> Revision | None:
        """The first deadline set, when it has been moved since."""
        return self.revisions[0] if self.revisions else None


class WithheldKind(str, enum.Enum):
    """不予公开的情形 — the five kinds of content the inspection rules allow to be withheld."""

    STATE_SECRET = "国家秘密"
    CASE = "正在审查或尚未公布的案件"
    HYPE = "可能引起炒作"
    PETITION = "可能引发群体性上访"
    SENSITIVE = "其他重大敏感事项"

    @classmethod
    def _missing_(cls, value: object) -> WithheldKind | None:
        aliases = {"涉密": cls.STATE_SECRET, "案件": cls.CASE, "炒作": cls.HYPE, "上访": cls.PETITION,
                   "敏感": cls.SENSITIVE}
        return aliases.get(value) if isinstance(value, str) else None


def withheld_title(kind: WithheldKind) -> str:
    """The placeholder shown instead of a withheld finding, everywhere (page, PDF, search, data)."""
    return f"此项依规不予公开（涉及{kind.value}）"


# What a withheld finding keeps: its kind, its status (one of four fixed words, counted in the
# figures) and its stable key (an identifier staff chose, for the series). Its text, measures,
# deadline, responsible unit, leader and items are dropped before the model is made, so no output can
# carry them: the data file keeps them, as it keeps comments.
WITHHELD_KEEPS = ("withheld", "status", "key")


class _Finding(_Model):
    title: Text = Field(title="标题", description="引号内的问题原文")
    key: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")] | None = Field(
        None, title="稳定编号", description="同一次巡察的各份通报中同一个问题填相同的编号，如 2021-1-3；不填则按标题匹配"
    )
    similar: bool = Field(False, title="等问题", description="原文为“……”等问题时填 true")
    status: Status | None = Field(None, title="整改状态")
    deadline: Deadline | None = Field(None, title="整改时限")
    responsible: str | None = Field(None, title="责任单位", description="台账中写明的责任单位")
    leader: str | None = Field(None, title="责任领导", description="台账中写明的牵头或责任领导（责任人），如 分管副局长")
    measures: tuple[Measure, ...] = Field((), title="整改措施")
    withheld: WithheldKind | None = Field(
        None, title="依规不予公开",
        description="按巡察工作条例不予公开时填写情形：国家秘密、正在审查或尚未公布的案件、可能引起炒作、"
                    "可能引发群体性上访、其他重大敏感事项；网站、PDF、搜索和开放数据只显示“此项依规不予公开”",
    )

    @model_validator(mode="before")
    @classmethod
    def _withhold(cls, value: Any) -> Any:
        if not isinstance(value, dict) or value.get("withheld") is None:
            return value
        try:
            kind = WithheldKind(value["withheld"])
        except ValueError:
            return value  # pydantic names the field and the choices
        kept = {key: value[key] for key in WITHHELD_KEEPS if key in value}
        return {**kept, "withheld": kind, "title": withheld_title(kind)}


class Item(_Finding):
    """问题表现 — a sub-item of a problem, with its own status and measures."""


class Problem(_Finding):
    """问题 — one problem found by the inspection."""

    items: tuple[Item, ...] = Field((), title="问题表现")


class Category(_Model):
    """方面 — a group of problems, e.g. “党的领导和建设仍需加强”方面."""

    title: Text | None = Field(
        None, title="方面", description="不填：通报没有把问题分方面列出，问题直接列在这一部分之下")
    problems: tuple[Problem, ...] = Field(min_length=1, title="问题")


class SectionRole(str, enum.Enum):
    GENERAL = "general"
    RECTIFICATION = "rectification"
    NEXT_STEPS = "next_steps"


class Section(_Model):
    """章节 — a numbered section with paragraphs, points, subsections or problem categories."""

    heading: Text | None = Field(
        None, title="标题", description="不填：通报没有给这一部分标题，如把每个问题列为一级标题（一、关于……的整改情况）")
    role: SectionRole = Field(
        SectionRole.GENERAL,
        title="角色",
        description="general 一般章节；next_steps 下一步整改计划（有 categories 的章节自动为整改落实部分）",
    )
    paragraphs: tuple[Text, ...] = Field((), title="段落")
    points: tuple[Point, ...] = Field((), title="要点", description="以 一是、二是… 编号")
    sections: tuple[Section, ...] = Field((), title="下级章节")
    categories: tuple[Category, ...] = Field((), title="问题方面")

    @model_validator(mode="before")
    @classmethod
    def _role_from_content(cls, value: Any) -> Any:
        # A section listing problem categories is the rectification part unless it says otherwise.
        if isinstance(value, dict) and value.get("categories") and value.get("role") in (None, "general"):
            return {**value, "role": SectionRole.RECTIFICATION.value}
        return value


class Phone(_Model):
    """联系电话."""

    number: code(PHONE_PATTERN) = Field(title="号码")
    label: str | None = Field(None, title="说明", description="如 举报电话")

    shorthand: ClassVar[str | None] = "number"
    shorthand_types: ClassVar[tuple[type, ...]] = (str, int)


class OnlineChannel(_Model):
    """网上渠道 — a web form, WeChat account or similar."""

    name: Text = Field(title="名称")
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = Field(None, title="网址")


class Contact(_Model):
    """监督联系方式 — how the public reaches the unit to supervise the rectification."""

    intro: str | None = Field(None, title="引导语", description="如 欢迎广大干部群众…进行监督")
    area_code: code(r"^0\d{2,3}$") | None = Field(
        None, title="区号", description="本地号码拨号时补全用，如 0755"
    )
    phones: tuple[Phone, ...] = Field((), title="电话")
    address_label: str = Field("邮政地址", title="地址名称", description="如 邮政信箱")
    address: str | None = Field(None, title="地址")
    postcode: code(POSTCODE_PATTERN) | None = Field(None, title="邮编")
    email: code(EMAIL_PATTERN) | None = Field(None, title="电子邮箱")
    hours: str | None = Field(None, title="受理时间")
    online: tuple[OnlineChannel, ...] = Field((), title="网上渠道")


class Signature(_Model):
    """落款 — the signing organisation and date."""

    organisation: Text = Field(title="署名单位")
    date: dt.date = Field(title="落款日期")


class CountBasis(str, enum.Enum):
    """统计对象 — what the declared completion figures count."""

    PROBLEMS = "problems"
    TASKS = "tasks"
    MEASURES = "measures"


class Declared(_Model):
    """通报中声明的统计数 — totals the notice states in words."""

    categories: int | None = Field(None, ge=0, title="方面数")
    problems: int | None = Field(None, ge=0, title="问题数")
    tasks: int | None = Field(None, ge=0, title="问题表现/整改任务数")
    measures: int | None = Field(None, ge=0, title="整改措施数")
    completed: int | None = Field(None, ge=0, title="已完成数")
    basically_completed: int | None = Field(None, ge=0, title="基本完成数")
    long_term: int | None = Field(None, ge=0, title="阶段性完成并需长期坚持数")
    in_progress: int | None = Field(None, ge=0, title="正在推进数")
    basis: CountBasis | None = Field(
        None, title="完成数统计的对象",
        description="已完成、基本完成等数字统计的是 problems（问题）、tasks（整改任务）还是 measures（整改措施）",
    )
    rules_made: int | None = Field(None, ge=0, title="建立完善制度数")
    money_returned: int | None = Field(None, ge=0, title="退回资金（元）")
    people_disciplined: int | None = Field(
        None, ge=0, title="处理人次",
        description="通报声明的受到处理的人次合计：批评教育、谈话提醒、诫勉谈话、党纪政务处分、组织处理、问责等",
    )


class Change(_Model):
    """更正说明 — a dated note of what was corrected in a published document."""

    date: dt.date = Field(title="更正日期")
    note: Text = Field(title="更正内容")


class Withdrawal(_Model):
    """撤回 — a document withdrawn from publication: the page stays, with the date and reason."""

    date: dt.date = Field(title="撤回日期")
    reason: Text = Field(title="撤回原因")


class Document(_Model):
    """公开文件 — one published document: a rectification notice or a disclosure page."""

    id: Annotated[str, Field(pattern=ID_PATTERN)] = Field(
        title="编号", description="取自文件名，用于网址和 PDF 文件名；不要在文件中填写"
    )
    kind: DocumentKind = Field(title="文件类型")
    title: Text = Field(title="标题")
    metadata: Metadata = Field(title="公开目录信息")
    inspection: Inspection | None = Field(None, title="巡察情况")
    opening: tuple[Text, ...] = Field((), title="开头段落")
    sections: tuple[Section, ...] = Field((), title="正文章节")
    numbering: NumberingScheme = Field(
        NumberingScheme(),
        title="编号方式",
        description="各级编号的样式与是否全文连续，如原文；旧写法 restart / continuous 仍可用",
    )
    declared: Declared | None = Field(None, title="声明的统计数")
    contact: Contact | None = Field(None, title="监督联系方式")
    signature: Signature | None = Field(None, title="落款")
    series: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")] | None = Field(
        None, title="所属巡察", description="同一次巡察的各份通报（阶段性进展、整改情况）填相同的值；不填则按巡察组、对象和反馈日期归并"
    )
    changes: tuple[Change, ...] = Field((), title="更正记录", description="发布后每次更正记一条（最早的在前）")
    withdrawn: Withdrawal | None = Field(None, title="撤回", description="文件撤回时填写日期和原因；网页保留并注明已撤回")

    @model_validator(mode="after")
    def _rectification_has_inspection(self) -> Document:
        if self.kind.is_rectification and self.inspection is None:
            raise rule("inspection.missing", f"{self.kind.value}需要填写 inspection（巡察情况）")
        return self

    @model_validator(mode="before")
    @classmethod
    def _read_deadlines(cls, value: Any) -> Any:
        # Deadlines are often written without a year (计划3月底前): read them against the
        # publication date, before validation, so the frozen models are made complete.
        if not isinstance(value, dict):
            return value
        metadata = value.get("metadata")
        published = _raw_date(metadata.get("published") if isinstance(metadata, dict) else None)
        if published is None or not isinstance(value.get("sections"), list):
            return value
        return {**value, "sections": _with_deadline_dates(value["sections"], published)}

    @property
    def year(self) -> int:
        return self.metadata.published.year

    @property
    def publisher(self) -> str:
        if self.metadata.publisher:
            return self.metadata.publisher
        if self.signature:
            return self.signature.organisation
        return self.inspection.target if self.inspection else ""

    def categories(self) -> tuple[Category, ...]:
        """Every category in page order (`walk_categories`)."""
        return derived(self, "categories", lambda: tuple(c for _, c in walk_categories(self.sections)))

    def problems(self) -> tuple[Problem, ...]:
        return derived(self, "problems", lambda: tuple(p for c in self.categories() for p in c.problems))

    def findings(self) -> tuple[_Finding, ...]:
        """Every unit that can carry a status: the items where a problem has them, else the problem."""
        return derived(self, "findings", lambda: tuple(f for p in self.problems() for f in (p.items or (p,))))

    def tally(self) -> Tally:
        """What the structure of this document lists, counted once for every output."""
        problems = self.problems()
        statuses = [f.status for f in self.findings() if f.status is not None]
        return Tally(
            categories=sum(1 for c in self.categories() if c.title is not None),  # problems listed without: none
            problems=len(problems),
            items=sum(len(p.items) for p in problems),
            findings=len(self.findings()),
            with_status=len(statuses),
            by_status={s: statuses.count(s) for s in Status},
            withheld=sum(1 for f in self.findings() if f.withheld),
        )


@dataclass(frozen=True)
class Tally:
    """Counts of what a document lists: categories, problems, items, findings by status."""

    categories: int
    problems: int
    items: int
    findings: int  # units that can carry a status (see Document.findings)
    with_status: int
    by_status: dict[Status, int]
    withheld: int = 0  # findings withheld under the rules (shown as a placeholder)

    def count(self, status: Status) -> int:
        return self.by_status.get(status, 0)

    @property
    def statuses(self) -> frozenset[Status]:
        return frozenset(s for s, n in self.by_status.items() if n)


# What is worked out from a document again and again (its categories, problems, findings, its
# numbering: every check, page, figure and row asks), by the document's identity: a document is
# immutable (frozen), so each is worked out once. A document's entry goes with it (weakref.finalize).
_DERIVED: dict[int, dict[str, Any]] = {}


def derived(doc: Document, name: str, make: Callable[[], Any]) -> Any:
    """`make()`, worked out once per document for `name` (see _DERIVED)."""
    known = _DERIVED.get(id(doc))
    if known is None:
        known = _DERIVED[id(doc)] = {}
        weakref.finalize(doc, _DERIVED.pop, id(doc), None).atexit = False
    if name not in known:
        known[name] = make()
    return known[name]


def order_key(doc: Document) -> tuple[int, str]:
    """The one order of documents everywhere: newest 发布日期 first, then by id."""
    return -doc.metadata.published.toordinal(), doc.id


def newest_first(documents: Iterable[Document]) -> list[Document]:
    """`documents` in the site's order (see `order_key`)."""
    return sorted(documents, key=order_key)


def walk_categories(sections: Sequence[Any], at: tuple = ("sections",)) -> Iterator[tuple[tuple, Any]]:
    """Every category under `sections` with its path, in the one order every output uses.

    That is the page's order: a section's own text, then its sub-sections (and theirs), then its
    own categories — so `("sections", 1, "sections", 0, "categories", 0)` comes before
    `("sections", 1, "categories", 0)`. The pages, the PDF, the numbering, search, open data,
    tracking and the validator's messages all walk categories through this function; it takes
    model sections or numbered ones (`numbering.NumberedSection`), which have the same two fields.
    """
    for i, section in enumerate(sections):
        yield from walk_categories(section.sections, (*at, i, "sections"))
        for c, category in enumerate(section.categories):
            yield (*at, i, "categories", c), category


def _raw_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _with_deadline_dates(sections: Any, published: dt.date) -> Any:
    """Raw `sections` with each readable deadline given its date (see read_deadline)."""
    if not isinstance(sections, list):
        return sections
    out = []
    for section in sections:
        if isinstance(section, dict):
            section = dict(section)
            if isinstance(section.get("sections"), list):
                section["sections"] = _with_deadline_dates(section["sections"], published)
            if isinstance(section.get("categories"), list):
                section["categories"] = [_category_dates(c, published) for c in section["categories"]]
        out.append(section)
    return out


def _category_dates(category: Any, published: dt.date) -> Any:
    if not isinstance(category, dict) or not isinstance(category.get("problems"), list):
        return category
    problems = []
    for problem in category["problems"]:
        # As Document.findings(): the items where a problem has them, else the problem.
        if isinstance(problem, dict) and isinstance(problem.get("items"), list) and problem["items"]:
            problem = {**problem, "items": [_finding_date(i, published) for i in problem["items"]]}
        else:
            problem = _finding_date(problem, published)
        problems.append(problem)
    return {**category, "problems": problems}


def _finding_date(finding: Any, published: dt.date) -> Any:
    if not isinstance(finding, dict):
        return finding
    deadline = finding.get("deadline")
    if isinstance(deadline, str):
        deadline = {"text": deadline}
    if isinstance(deadline, dict) and deadline.get("date") is None and isinstance(deadline.get("text"), str):
        date = read_deadline(deadline["text"], published)
        if date is not None:
            return {**finding, "deadline": {**deadline, "date": date}}
    return finding


# 2019年6月底 / 3月15日 / 十二月底 (a month, to its day or its part), 上半年, 第三季度, 2025年底 / 年中 / 年内:
# each read as the end of the period it names.
DEADLINE_RE = re.compile(
    r"(?:(?P<year>\d{4})年)?(?:"
    r"(?P<month>\d{1,2}|十[一二]?|[一二三四五六七八九])月(?P<part>底|中旬|上旬|下旬|末|(?P<day>\d{1,2})日)?"
    r"|(?P<half>上|下)半年"
    r"|第?(?P<quarter>[一二三四1-4])季度"
    r"|(?(year)年?|(?<![半一二两三四五六七八九十几个多明次来])年)(?P<of_year>底|末|中|内))"
)
_CN_MONTHS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11,
              "十二": 12}
# A deadline that names a time (digits, 年, 月, 季度, 旬, 底): validation says so when none could be read.
DEADLINE_TIME_RE = re.compile(r"\d|[年月旬]|季度|[底末]前")


@dataclass(frozen=True)
class DeadlineReading:
    """The date a deadline's wording gives, and in words what was assumed to read it (None: nothing)."""

    date: dt.date | None
    assumed: str | None = None  # validation says it (deadline.guessed)
    guessed: bool = False  # the year was not written: no notice can be shown late by it
    yearless: bool = False  # the year was not written anywhere: the notice's year (or, guessed, the next)


# Right before a date: a stage already done (已于), a start (自), a recurring duty (每年): no plan's end.
_NOT_A_PLAN_BEFORE = re.compile(r"(?:已于?|已在|自|从|每(?:年|半年|季度?|月)?)$")
_NOT_A_PLAN_AFTER = re.compile(r"^(?:起|以来|开始|启动)")
# The date a plan names: after 计划/预计/力争… or followed by 前/之前/以前/内.
_PLAN_BEFORE = re.compile(r"(?:计划|预计|力争|争取|确保|拟|预期|要求|于)$")
_PLAN_AFTER = re.compile(r"^(?:底|末|中旬|上旬|下旬)?(?:前|之前|以前|内)")


def _ymd(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def read_deadline(text: str, reference: dt.date) -> dt.date | None:
    """The date of a deadline's wording (see `read_deadline_as`)."""
    return read_deadline_as(text, reference).date


def read_deadline_as(text: str, reference: dt.date) -> DeadlineReading:
    """Read the date a plan names out of wording such as 计划2019年6月底前完成 or 2025年底前, against
    `reference`, the notice's publication. A period (上半年, 第三季度, 年底) is read as its last day.

    Of several dates, the one the plan names (after 计划, before 前) and still to come, the last
    such: not a stage already done (已于2021年3月), a start (自…起) or a recurring duty (每年12月底).
    Without a year, the one said before it in the text, else the publication's, unless that
    falls before the publication's month: a plan written in December for 6月底 means next June.
    A year-less date earlier in the publication's own month cannot be decided: no date.
    """
    matches = list(DEADLINE_RE.finditer(text))
    if not matches:
        return DeadlineReading(None)
    plans = [m for m in matches
             if not _NOT_A_PLAN_BEFORE.search(text[:m.start()]) and not _NOT_A_PLAN_AFTER.match(text[m.end():])]
    if not plans:
        return DeadlineReading(None)
    named = [m for m in plans if _PLAN_BEFORE.search(text[:m.start()]) or _PLAN_AFTER.match(text[m.end():])
             or m.group(0).endswith(("前", "内"))]
    match = (named or plans)[-1]
    notes = []
    if len(matches) > 1:
        said = "、".join(f"“{m.group(0)}”" for m in matches)
        notes.append(f"写有多个日期（{said}），取计划完成的日期，按")
    year = int(match.group("year")) if match.group("year") else None
    guessed = False
    if year is None:
        earlier = [int(m.group("year")) for m in matches if m.start() < match.start() and m.group("year")]
        year = earlier[-1] if earlier else None
    if year is not None:
        date = _period_end(match, year)
    else:
        date = _period_end(match, reference.year)
        if date is not None and date < reference:
            if (date.year, date.month) < (reference.year, reference.month):
                date = _period_end(match, reference.year + 1)
                guessed = True
                notes = [f"未写年份，“{match.group(0)}”早于通报发布的{reference.month}月，取次年，按"]
            else:
                return DeadlineReading(None, f"未写年份，按发布当年读作{_ymd(date)}，早于通报发布日期"
                                             f"{_ymd(reference)}，未读出日期", True)
    if date is None:
        return DeadlineReading(None)
    return DeadlineReading(date, f"{notes[0]}{_ymd(date)}计" if notes else None, guessed, yearless=year is None)


def _period_end(match: re.Match, year: int) -> dt.date | None:
    """The last day of the period `match` names, in `year`; None when it names no real date."""
    if match.group("half"):
        return dt.date(year, 6, 30) if match.group("half") == "上" else dt.date(year, 12, 31)
    if quarter := match.group("quarter"):
        month = 3 * ("一二三四".index(quarter) + 1 if quarter in "一二三四" else int(quarter))
        return dt.date(year, month, 30 if month in (6, 9) else 31)
    if of_year := match.group("of_year"):
        return dt.date(year, 6, 30) if of_year == "中" else dt.date(year, 12, 31)
    said = match.group("month")
    month = int(said) if said.isdigit() else _CN_MONTHS[said]
    if not 1 <= month <= 12:
        return None
    part, day = match.group("part"), match.group("day")
    if day:
        try:
            return dt.date(year, month, int(day))
        except ValueError:
            return None
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, {"上旬": 10, "中旬": 20}.get(part or "", last))
