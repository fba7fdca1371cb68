"""Phase two: the frame around the body — the page's head (catalogue metadata, dates, title)
and its tail (the contact block and the signature). What lies between is the body.

The head is read line by line until the opening starts: catalogue lines (索引号：…), a
portal's bare values (an index number, a date, 来源), the title (also over two lines), page
chrome. The tail is read from the end: the signature's date and organisation, a list of
attachments (附件：1.X清单, set aside and reported, never read as the body), then the run of
lines about supervision before it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .doubts import Doubt
from .labels import chinese_value, label_alone, match_label
from .lines import Para
from .rules import rules, rx, table

DATE = re.compile(r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
ISO = re.compile(r"(?P<y>\d{4})[-年./](?P<m>\d{1,2})[-月./](?P<d>\d{1,2})日?")
HEAD_MAX = 16  # lines of a page before its opening


@dataclass(frozen=True)
class Frame:
    """通报的框架 — what stands around the body, the body itself, and what the reading doubts."""

    metadata: dict[str, Any]
    title: str | None
    body: tuple[Para, ...]
    contact: dict[str, Any] | None
    signature: dict[str, Any] | None
    used: frozenset[int]
    doubts: tuple[Doubt, ...] = field(default=())


_YEAR_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "Ｏ": "0"}
_CN_DATE = re.compile(r"(?:(?P<y>[〇零○Ｏ一二三四五六七八九]{4})年)?(?P<m>[一二三四五六七八九十]{1,2})月"
                      r"(?:(?P<d>[一二三四五六七八九十]{1,3})(?P<dw>日|号))?")


_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{4})([./])(\d{1,2})\2(\d{1,2})(?![\d.])")


def arabic_dates(text: str) -> str:
    """二〇二三年三月十三日 → 2023年3月13日: dates written in Chinese numerals (as formal documents
    date their signatures, ○ often standing for 〇) or as 2023.3.1 / 2023/3/1, for reading; a
    month alone (三月份) is left."""
    text = _NUMERIC_DATE.sub(lambda m: f"{m.group(1)}年{int(m.group(3))}月{int(m.group(4))}日", text)
    # 2023.4.10—6.12: the end of a range written without its year, after a start that has one
    text = re.sub(r"(\d{4}年\d{1,2}月\d{1,2}日\s*(?:至|到|——|—|－|-|~|～)\s*)(\d{1,2})[.．/](\d{1,2})(?![\d.．/])",
                  lambda m: f"{m.group(1)}{int(m.group(2))}月{int(m.group(3))}日", text)
    text = re.sub(r"元月(?=\d{1,2}[日号])", "1月", text)  # 元月9日 is January
    text = re.sub(r"元月(?=[一二三四五六七八九十]{1,3}[日号])", "一月", text)
    def one(m: re.Match) -> str:
        month = chinese_value(m.group("m"))
        day = chinese_value(m.group("d")) if m.group("d") else None
        if not (m.group("y") or day) or not month or month > 12 or (m.group("d") and not (day and day <= 31)):
            return m.group(0)
        year = "".join(_YEAR_DIGITS[c] for c in m.group("y")) + "年" if m.group("y") else ""
        return f"{year}{month}月" + (f"{day}{m.group('dw')}" if day else "")
    return _CN_DATE.sub(one, text)


def to_date(text: str, year: int | None = None) -> dt.date | None:
    """A date written 2019-03-18, 2019年3月18日, 二〇一九年三月十八日 or (with `year`) 3月18日; None if
    none can be read."""
    text = arabic_dates(text)
    match = ISO.search(text) or DATE.search(text)
    if not match:
        return None
    y = match.group("y") or year
    try:
        return dt.date(int(y), int(match.group("m")), int(match.group("d"))) if y else None
    except ValueError:
        return None


def read_frame(paras: tuple[Para, ...], page_metadata: dict[str, str]) -> Frame:
    """Phase two: the head and tail of the notice, and the body between them."""
    head = _read_head(paras, page_metadata)
    rest = paras[head.end:]
    junk = _trailing_junk(rest)  # a page's script or toolbar text after the notice: reported, never read
    rest = rest[: len(rest) - junk]
    signature, sig_used, tail = _read_signature(rest)
    # 发布日期：2025年02月17日 阅读：566 after the signature: the page's catalogue line, read as at the top
    late: dict[str, Any] = {}
    after = [p for p in rest[len(rest) - tail:] if p.number not in sig_used and _catalogue(p, late)] if tail else []
    for key, value in _metadata(late).items():
        head.metadata.setdefault(key, value)
    sig_used = sig_used | {p.number for p in after}
    rest = rest[: len(rest) - tail]
    # 附件：1.X清单 / 2.Y台账 before the signature: no part of the notice's text, nor of its contact
    # block. Left out of the draft (the report lists its lines), it no longer ends the contact block.
    aside = rest[len(rest) - _attachments(rest):]
    rest = rest[: len(rest) - len(aside)]
    start = contact_start(rest)
    rest, start = _lead_apart(rest, start)
    contact = read_contact(rest[start:])
    body = rest[:start] if contact else rest
    if contact and (above := _attachments(body)):  # 附件 listed above the contact block
        aside, body = body[len(body) - above:], body[: len(body) - above]
    used = set(head.used) | sig_used
    doubts = list(head.doubts)
    if aside:
        lines = f"第 {aside[0].number} 行" if len(aside) == 1 else f"第 {aside[0].number}—{aside[-1].number} 行"
        doubts.append(Doubt(f"原文{lines}是附件清单，不属于通报正文，也不是联系方式，没有放入草稿；附件另有内容的，请与原件核对",
                            aside[0].number, code="import.attachments_left_out"))
    if contact:
        used |= {p.number for p in rest[start:]}
        if unheld := _unheld(rest[start:], contact):
            # 可拨打电话…、来信寄…，或到一楼接待室当面反映。 — words no field holds: the sentence stays whole
            contact["intro"] = " ".join(p.text.strip() for p in rest[start:])
            doubts.append(Doubt(f"联系方式写在句子里，“{unheld}”等内容没有对应的字段：草稿把原句整段放作联系方式的引导语，"
                                "并读出了电话、邮箱、地址等各项；请删去引导语中与各项重复的部分", rest[start].number,
                                path=("contact", "intro"), code="import.contact_sentence"))
    if not contact and not signature and body and _unfinished(body[-1]):
        tail = body[-1].text[-14:]
        doubts.append(Doubt(f"原文到“{tail}”就结束了：最后一段没有写完，后面也没有联系方式和落款，可能只复制了通报的一部分，"
                            "请与原件核对", body[-1].number, structural=True, code="import.text_cut"))
        if label_alone(body[-1].view):
            body = body[:-1]  # a copy cut right after a label (1.): nothing to read, and it must not reshape what is above
    if contact and contact.get("area_code"):
        doubts.append(Doubt(f"有的电话号码没有写区号，草稿按同一段中其他号码的区号 {contact['area_code']} 填写 area_code"
                            "（网页上点按拨号时补全），请核对", rest[start].number if start < len(rest) else None,
                            path=("contact", "area_code"), code="import.area_code_shared"))
    if signature and not signature.get("organisation"):
        doubts.append(Doubt("通报落款只有日期，没有署名单位", path=("signature", "organisation"), fill=True,
                            code="import.signature_missing"))
    return Frame(head.metadata, head.title, tuple(body), contact, signature, frozenset(used), tuple(doubts))


def _attachments(paras: tuple[Para, ...]) -> int:
    """How many lines at the end are a list of attachments: 附件：1.X清单 (or 附件：X, 附件1：X, 附件：
    alone), then its further items (2.Y台账, 附件2：Y)."""
    line, item = rx("attachment_line"), rx("attachment_item")
    first = None
    for index in range(len(paras) - 1, max(len(paras) - 12, -1), -1):
        view = paras[index].view
        if line.match(view):
            first = index
        elif not item.match(view):
            break
    return len(paras) - first if first is not None else 0


def _unfinished(para: Para) -> bool:
    """A last paragraph that stops mid-sentence or is a heading with nothing under it (a copy cut short);
    not an organisation's name standing as the signature, nor a signature's date run on after the
    last sentence."""
    view = para.view.rstrip()
    return not re.search(r"[。！？!?…；;][”’）)」』】]*$", view) and not rx("signature_organisation").match(view) \
        and not re.search(r"[。！？\d]\D{0,40}?\d{4}年\d{1,2}月\d{1,2}日$", view)  # a signature run on after the last sentence


@dataclass
class _Head:
    metadata: dict[str, Any]
    title: str | None
    end: int
    used: set[int]
    doubts: list[Doubt]


# A date standing on its own in a catalogue line: no label (发布时间：, 成文日期：) before it.
_BARE_DATE = re.compile(r"(?:^|(?<=[\s\u3000]))(\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)(?=[\s\u3000]|$)")


def _read_head(paras: tuple[Para, ...], page_metadata: dict[str, str]) -> _Head:
    found: dict[str, Any] = dict(page_metadata)
    title, end, used, doubts = None, 0, set(), []
    index = 0
    while index < min(len(paras), HEAD_MAX):
        para = paras[index]
        if opening_starts(para):
            break
        nxt = paras[index + 1] if index + 1 < len(paras) else None
        if _label_alone(para, nxt) and _catalogue(_as_catalogue(para, nxt), found):
            used |= {para.number, nxt.number}
            index += 2
            end = index
            continue
        if _catalogue(para, found):
            used.add(para.number)
            bare = [m for m in _BARE_DATE.finditer(para.view) if not para.view[:m.start()].rstrip().endswith(("：", ":"))]
            if "published" not in found and bare:
                # 2024年10月24日 来源：县住建局 — the date no label names is the page's
                found["published"] = bare[0].group(1)
                doubts.append(Doubt(f"发布日期按网页上的日期“{bare[0].group(1)}”读出", para.number,
                                    path=("metadata", "published"), code="import.published_from_page"))
        elif m := rx("bare_index_no").match(para.view):
            found.setdefault("index_no", para.text[m.start("v"):m.end("v")])
            used.add(para.number)
        elif m := rx("bare_doc_no").match(para.view):  # a red header's 文号 line
            found.setdefault("doc_no", para.text[m.start("v"):m.end("v")])
            used.add(para.number)
        elif m := rx("dated_line").match(para.view):
            found.setdefault("published", m.group("v"))
            if m.group("post") and (source := re.search(r"来源：\s*(\S+)", m.group("post"))):
                found.setdefault("source", para.text[m.start("post") + source.start(1):m.start("post") + source.end(1)])
            used.add(para.number)
            doubts.append(Doubt(f"发布日期按网页上的日期“{m.group('v')}”读出", para.number, path=("metadata", "published"),
                                code="import.published_from_page"))
        elif title is None and (joined := _title_at(paras, index, found.get("title"))):
            title, taken = joined
            used |= {p.number for p in paras[index:index + taken]}
            if taken > 1:
                doubts.append(Doubt("标题在原文中分成两行，已合成一行", para.number, path=("title",), code="import.title_joined"))
            index += taken
            end = index
            continue
        elif title is not None and "publisher" not in found and rx("signature_organisation").match(para.view):
            found["publisher"] = para.text
            used.add(para.number)
            doubts.append(Doubt("发布机构按标题下的单位名称读出", para.number, path=("metadata", "publisher"),
                                code="import.publisher_read"))
        else:
            index += 1
            continue  # not part of the head: left for the report, unless the body takes it
        index += 1
        end = index
    return _Head(_metadata(found), title or found.get("title"), end, used, doubts)


# A count of the page's views: chrome at the foot of a page even on a line with its catalogue (来源：X
# 浏览次数：N), which the head reads.
_VIEWS = re.compile(r"(?:浏览次数|阅读次数|访问量)：")


def _trailing_junk(paras: tuple[Para, ...]) -> int:
    """How many lines at the end are code (a page's script: mostly Latin letters and symbols) or chrome:
    also a 相关文章 list (its heading, then short titles of other pages) closing the page."""
    for index in range(len(paras) - 1, max(len(paras) - 12, -1), -1):
        if rx("related_heading").match(paras[index].view):
            after = paras[index + 1:]
            if all(len(p.view) <= 60 and not rx("contact_field").search(p.view) for p in after):
                return len(paras) - index + _trailing_junk(paras[:index])
            break
    count = 0
    for para in reversed(paras):
        letters = sum(1 for c in para.view if c.isascii() and (c.isalpha() or c in "=;{}()[]|&_"))
        if letters * 2 > len(para.view) or any(p.search(para.view) for p, _ in table("chrome")) \
                or rx("article_tail").match(para.view) or _VIEWS.search(para.view):
            count += 1
        else:
            break
    return count


def opening_starts(para: Para) -> bool:
    """Whether the opening (or the body) starts at this paragraph."""
    if para.heading or match_label(para.view):
        return True
    start = rx("opening", "start").search(para.view)
    if start and start.start() <= 20 and len(para.view) > 30:
        return True
    return len(para.view) > 60 and ("。" in para.view or "，" in para.view) and not rx("title").match(para.view)


# A catalogue line as portals type it: a list bullet, and a label padded to the width of the
# longest (索 引 号：, 名　　称：).
_BULLET = re.compile(r"^[ \t\u3000]*[-•·●▪◦◆■][ \t\u3000]*")
_PADDED_LABEL = re.compile(r"^([\u3400-\u9fff](?:[ \t\u3000\u00a0]+[\u3400-\u9fff]){1,5})(?=[ \t\u3000]*[：:])")


def _tidy_label(text: str) -> str:
    text = _BULLET.sub("", text)
    return _PADDED_LABEL.sub(lambda m: re.sub(r"[ \t\u3000\u00a0]+", "", m.group(1)), text)


def _as_catalogue(para: Para, value: Para | None = None) -> Para:
    """The line with its bullet and its label's padding taken out (the value from the next line, if
    given), text and view alike."""
    text, view = _tidy_label(para.text), _tidy_label(para.view)
    if value is not None:
        text, view = text + value.text, view + value.view
    return Para(para.number, text, view, seq=para.seq) if len(text) == len(view) else para


def _label_alone(para: Para, nxt: Para | None) -> bool:
    """索引号： with its value on the next line (a portal's list of label and value blocks)."""
    view = _tidy_label(para.view).rstrip()
    label = rx("catalogue_label").match(view)
    if nxt is None or not label or label.end() != len(view):  # the label alone, nothing after it
        return False
    # an empty 主题词： before the title: the title is no value of it
    titled = re.match(r"(?:文件)?名称|标题", view) or not rx("title").match(nxt.view)
    return bool(titled and len(nxt.view) <= 90 and "：" not in nxt.view and not opening_starts(nxt))


def _catalogue(para: Para, found: dict[str, Any]) -> bool:
    """Read a catalogue line (索引号：… 发布日期：…) into `found`; whether it was one."""
    para = _as_catalogue(para)
    hits = {}
    for key, rule in rules()["metadata"].items():
        if m := re.search(rule["re"], para.view):
            group = "v" if m.group("v") is not None else "v2"
            hits[key] = para.text[m.start(group):m.end(group)]
    labelled = rx("catalogue_label").match(para.view)
    if not (hits or labelled) or len(para.view) > 120 or para.view.endswith("。"):
        return False
    for key, value in hits.items():
        found.setdefault(key, value)
    return True


def _title_at(paras: tuple[Para, ...], index: int, known: str | None) -> tuple[str, int] | None:
    """(title, lines it takes) at `index`: one line, or two when only together they read as one."""
    para = paras[index]
    if known and para.text == known:
        return known, 1
    title = rx("title")
    if index + 1 < len(paras):
        nxt = paras[index + 1]
        joined = para.view + nxt.view
        whole_next = title.match(nxt.view) and nxt.view.endswith(("通报", "情况", "报告", "公告")) \
            and re.match(r"^(?:中共|中国共产党)", nxt.view)  # the next line is the whole title: this one is a page's
        if (not title.match(para.view) or not para.view.endswith(("通报", "情况", "报告", "公告"))) and not whole_next \
                and 4 <= len(para.view) <= 40 and title.match(joined) and not opening_starts(nxt) \
                and joined.endswith(("通报", "情况", "报告", "公告")):
            return _tidy_title(para.text + nxt.text), 2
    if title.match(para.view):
        return _tidy_title(para.text), 1
    return None


def _tidy_title(text: str) -> str:
    # A space between two Chinese characters is a line-break artefact of the page; a list bullet
    # before it is the portal's (the title as the last item of its catalogue list).
    return re.sub(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])", "", _BULLET.sub("", text))


def _metadata(found: dict[str, Any]) -> dict[str, Any]:
    metadata: dict[str, Any] = {}
    if not found.get("published") and found.get("issued"):
        found["published"] = found["issued"]  # 发文日期 alone: the nearest date the page gives
    for key in ("index_no", "category", "publisher", "written", "doc_no", "published", "source"):
        value = found.get(key)
        if not value:
            continue
        if key in ("written", "published"):
            value = to_date(value)
        if value:
            metadata[key] = value
    if found.get("subject_words"):
        words = [w for w in re.split(r"[\s、,，;；]+", found["subject_words"]) if w]
        if words:
            metadata["subject_words"] = words
    return metadata


def _read_signature(paras: tuple[Para, ...]) -> tuple[dict[str, Any] | None, set[int], int]:
    """The organisation and date closing the notice, the lines they take, and how many lines
    from the end they and anything after them take (what follows a signature is reported)."""
    end = len(paras)
    dates = [i for i in range(max(end - 5, 0), end) if rx("date_line").match(arabic_dates(paras[i].view))]
    organisation, date, used = None, None, set()
    if dates:
        end = dates[-1]
        date = to_date(paras[end].view)
        used.add(paras[end].number)
    else:
        orgs = [i for i in range(max(end - 3, 0), end) if rx("signature_organisation").match(paras[i].view)]
        end = orgs[-1] + 1 if orgs else end
    signers: list[str] = []  # 中共某局党组 above 某局: a notice signed by both, one line each
    while end and len(signers) < 2 and rx("signature_organisation").match(paras[end - 1].view) \
            and not match_label(paras[end - 1].view):
        signers.insert(0, paras[end - 1].text.strip())
        used.add(paras[end - 1].number)
        end -= 1
    organisation = " ".join(signers) or None
    if not organisation and not date:
        return None, set(), 0
    return {"organisation": organisation, "date": date}, used, len(paras) - end


def contact_start(paras: tuple[Para, ...] | list[Para]) -> int:
    """Where the contact block begins: the last run of lines, near the end, about supervision
    (a numbered line, such as 五是……加强监督检查, is never part of it)."""
    fields, weak = rx("contact_field"), rx("contact_weak")
    start = len(paras)
    for index in range(len(paras) - 1, max(len(paras) - 10, -1), -1):
        view = paras[index].view
        strong = fields.search(view) or rx("contact_start").search(view)
        joins = strong or (weak.search(view) and len(view) < 80 and start < len(paras))
        if joins and len(view) < 400 and match_label(view) is None:
            start = index
        else:
            break
    while start < len(paras) and not (rx("contact_start").search(paras[start].view) or fields.search(paras[start].view)):
        start += 1
    return start


_INVITING = re.compile(r"监督|反映|联系|举报|欢迎|意见|建议|反馈|来信|来电|来访")


def _lead_apart(paras: tuple[Para, ...], start: int) -> tuple[tuple[Para, ...], int]:
    """The paragraphs and where the contact block starts, its first paragraph cut in two when it
    opens with sentences of the notice's own (局党组将持续巩固整改成果。欢迎广大干部群众监督。联系电话：…):
    those stay at the end of the body."""
    if start >= len(paras):
        return paras, start
    para, cut = paras[start], 0
    for m in re.finditer(r"[^。！？]*[。！？]", para.view):
        if _INVITING.search(m.group(0)) or rx("contact_field").search(m.group(0)):
            break
        cut = m.end()
    else:
        return paras, start
    if not cut:
        return paras, start
    return paras[:start] + (para.cut(0, cut), para.cut(cut)) + paras[start + 1:], start + 1


# Written-out channels (可拨打电话…、发送邮件至…、来信寄…) and the words of any contact block: what is
# left of a block without them and its fields' values is text no field holds.
_CHANNEL_WORDS = re.compile(
    r"欢迎|广大|干部|群众|社会各界|各界|人士|对|本单位|我单位|我局|我们|巡察|巡视|整改|落实|工作|情况|进行|予以|给予|监督|如有|"
    r"意见|建议|问题|线索|请|也可|还可|并可|可以|可|或者|或|及时|通过|以下|如下|方式|渠道|途径|反映|联系|拨打|电话|热线|发送|"
    r"邮件|电子|邮箱|信箱|寄至|来信|信件|信函|将|寄|地址|通信|通讯|邮寄|邮政|编码|邮编|联系人|受理|接待|接听|时间|举报|投诉|向|"
    r"提出|提供|和|及|与|等")


def _unheld(paras: tuple[Para, ...] | list[Para], contact: dict[str, Any]) -> str:
    """The longest run of words in a contact block that its fields do not hold: written as
    sentences (拨打, 寄至…), or a field the rules do not know (信件：某县府前路1号); "" for a block
    of fields read whole."""
    view = "".join(p.view for p in paras)
    held = [contact.get("intro") or "", contact.get("address") or "", contact.get("hours") or "",
            *[p["label"] for p in contact.get("phones", []) if isinstance(p, dict) and "label" in p]]
    for value in sorted(filter(None, held), key=len, reverse=True):
        view = view.replace(value, " ")
    view = _CHANNEL_WORDS.sub(" ", re.sub(r"[A-Za-z0-9@._%+\-]+", " ", view))
    runs = re.findall(r"[\u3400-\u9fff]+", view)
    longest = max(runs, key=len, default="")
    return longest if len(longest) >= 6 else ""


# Words before a number that only say it is a phone: not kept as the phone's label.
GENERIC_PHONE_WORDS = {"电话", "联系电话", "联系方式", "监督电话", "电话号码"}


_SPACED_DIGITS = re.compile(r"(?<=[\d-])[ \u3000]+(?=[\d-])")
# A space between two whole numbers (0577-86235019 13905771234) parts two phones, not one number's digits
_WHOLE_BEFORE = re.compile(r"(?:(?<![\d-])0\d{2,3}-\d{7,8}|(?<![\d-])1[3-9]\d{9})$")
_WHOLE_AFTER = re.compile(r"(?:1[3-9]\d{9}|0\d{2,3}-\d{7,8})(?![\d-])")
_AREA_IN_BRACKETS = re.compile(r"[（(](0\d{2,3})[）)][ \u3000]*(?=\d{3})")
_AREA_DASH = re.compile(r"(?<=\d)[ \u3000]*[－—–‐―−﹣][ \u3000]*(?=\d)")
_AREA_SPACE = re.compile(r"(?<![\d-])(0\d{2,3})[ \u3000]+(?=\d{3,4}[ \u3000]?\d{3,4}(?![\d-]))")


def _phone_written_plainly(text: str) -> str:
    """Phone numbers in `text` written 0731-88456621, whatever dash, bracket or space the page used."""
    text = _AREA_IN_BRACKETS.sub(r"\1-", text)
    text = _AREA_DASH.sub("-", text)
    text = _AREA_SPACE.sub(r"\1-", text)
    return _SPACED_DIGITS.sub(lambda m: m.group(0) if _WHOLE_BEFORE.search(text, 0, m.start()) or _WHOLE_AFTER.match(text, m.end())
                              else "", text)


def read_contact(paras: tuple[Para, ...] | list[Para]) -> dict[str, Any] | None:
    """Phones, address, postcode, e-mail and the sentence inviting supervision."""
    if not paras:
        return None
    text = "\n".join(p.text for p in paras)  # one field a line, as contact blocks are written
    view = "\n".join(p.view for p in paras)
    rule = rules()["contact"]
    contact: dict[str, Any] = {}
    cut = rx("contact_fields_start").search(view)
    intro = text[: cut.start()].strip().strip(r" ,，:：") if cut else ""
    # 欢迎……监督，如有意见建议，请通过以下方式反映：联系电话…… — one sentence, the fields after its colon
    if not intro and (said := re.match(r"[^。；\n]{6,80}?(?:反映|如下|方式|联系)：", view)) and "监督" in said.group(0):
        intro = text[: said.end() - 1].strip(r" ,，")
    if intro and "监督" in view[: cut.start() if cut else len(intro)]:  # the folded view: 監督 on a mirror site
        contact["intro"] = intro
    if m := re.search(rule["address"]["re"], view):
        said = m.group("label")
        contact["address_label"] = "邮政地址" if said == "地址" else "来信地址" \
            if said.endswith(("寄", "寄至")) or said in ("来信", "信件", "信函") else said
        contact["address"] = text[m.start("v"):m.end("v")].strip(r" ,，")
    rest = text.replace(contact.get("address", ""), "")
    rest_view = view.replace(view[m.start("v"):m.end("v")], "") if contact.get("address") and m else view
    emails = re.findall(rule["email"]["re"], rest)
    for email in emails:
        rest = rest.replace(email, "")
        rest_view = rest_view.replace(email, "")
    # 0731－8845 6621, （0818）5612012, 0818 5612012, 0795 - 7261 338: the area code and the number
    # as one (in both, so places agree)
    rest, rest_view = (_phone_written_plainly(t) for t in (rest, rest_view))
    phones = []
    for m in re.finditer(rule["phone"]["re"], rest_view):
        if any(p["number"] == m.group(0) for p in phones) or re.search(r"(?:邮编|邮政编码)：?\s*$", rest_view[: m.start()]):
            continue
        phone = {"number": m.group(0)}
        label = re.search(r"(?:^|[；。，\s])(?P<label>[^；。，：\s]{2,14})：\s*$", rest_view[: m.start()])
        if label and label.group("label") not in GENERIC_PHONE_WORDS:
            phone["label"] = rest[label.start("label"):label.end("label")]
        phones.append(phone)
    if phones:
        contact["phones"] = [p if "label" in p else p["number"] for p in phones]
        codes = {p["number"].split("-")[0] for p in phones if re.match(r"0\d{2,3}-", p["number"])}
        if len(codes) == 1 and any(re.fullmatch(r"\d{7,8}", p["number"]) for p in phones):
            contact["area_code"] = codes.pop()  # 0731-88912345、88912366: the second dialled with the first's code
    if m := re.search(rule["postcode"]["re"], view):
        contact["postcode"] = m.group("v")
    if emails:
        contact["email"] = emails[0]
    if m := re.search(rule["hours"]["re"], view) or re.search(rule["hours_bracketed"]["re"], view):
        contact["hours"] = text[m.start("v"):m.end("v")]  # 受理时间：… or （工作日9:00-17:00） after a phone
    return contact if set(contact) - {"intro", "hours"} else None
