"""Who inspected whom and when, read from the opening paragraphs.

Sentence by sentence: the inspection sentence (对X进行了巡察 / 开展了专项巡视) gives the group,
the target and the period; the sentence that says 反馈 gives the feedback date, whose year,
when the text omits it, is the inspection's (or the next, when the month comes before the
inspection's end). The group is found by its core (第三巡察组, 巡视五组, 4个巡察组, 机动巡察组)
and extended backwards over the committee that sent it (市委, 省委, 一届某区委第九轮);
a verb between them (区委组建4个巡察组) is left out. With no group named, the committee that
inspected is the body, marked. A round told clause by clause is read for the clause naming the
title's unit, else the first; a 回头看 told as an aside (同时，……) gives way to the inspection before
it unless the title names it; each choice is marked. A unit called ours (我县) that neither title nor
signature names is proposed from the body where a group gives it feedback.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any

from .doubts import Doubt
from .fold import fold
from .frame import arabic_dates
from .rules import rx



@dataclass(frozen=True)
class Opening:
    """巡察情况 as the opening states it, and what was guessed."""

    inspection: dict[str, Any]
    doubts: tuple[Doubt, ...] = field(default=())
    line: int | None = None  # the source line of the sentence the inspection was read from


@dataclass(frozen=True)
class _Sentence:
    text: str
    view: str
    line: int
    dated: str  # the view with dates in Chinese numerals written in Arabic ones, for the dates
    mended: tuple[tuple[str, str], ...] = ()  # dates a bad copy stripped of 年 and 月, as read

    def quote(self, start: int, end: int) -> str:
        """The text at a span of `dated`: the source's own characters when the dates were Arabic."""
        return self.text[start:end] if self.dated == self.view else self.dated[start:end]


# The sentence naming the target, most usual wording first: 对X进行了巡察 / 进驻X开展巡察 / X接受了…的巡察 /
# 巡察对象：X.
_TARGET_RULES = ("target", "target_stationed", "target_passive", "target_labelled")


def _target_match(view: str) -> re.Match | None:
    return next((m for name in _TARGET_RULES if (m := rx("opening", name).search(view))), None) \
        or _target_list(view)


def _target_list(view: str, start: int = 0) -> re.Match | None:
    """对某局等3个部门党组，某乡党委及所辖6个党支部开展巡察: a list with a comma in it, where every piece
    ends as a unit's name does."""
    m = rx("opening", "target_list").search(view, start)
    if m and all(rx("opening", "unit_end").search(piece.strip()) for piece in m.group("target").split("，")):
        return m
    return None


def _clauses(sentence: _Sentence) -> list[re.Match]:
    """Every 对X…巡察 clause of a sentence, in order."""
    out, at = [], 0
    while at < len(sentence.view):
        m = rx("opening", "target").search(sentence.view, at)
        listed = _target_list(sentence.view, at)
        if listed and (m is None or listed.start() <= m.start()):
            m = listed
        if m is None:
            break
        out.append(m)
        at = m.end()
    return out


def read_inspection(paras, reference_year: int | None, title: str | None = None,
                    signer: str | None = None, later=()) -> Opening:
    """Inspection facts from the opening paragraphs (`paras`: Para values); `later`, the body's
    paragraphs, only to find the name of a unit the opening calls ours (我县)."""
    sentences = _sentences(paras)
    found: dict[str, Any] = {}
    doubts: list[Doubt] = []
    inspection = next((s for name in _TARGET_RULES for s in sentences if rx("opening", name).search(s.view)), None) \
        or next((s for s in sentences if _target_list(s.view)), None)
    clause = None
    # 2022年……开展了常规巡察。……2024年……开展了巡察“回头看”: a notice on the 回头看 is about the second,
    # unless it is told as an aside (同时，……) and the title does not name it
    # (对已经完成的事项开展“回头看” names no group and no date: a plan, no inspection)
    again = [s for s in sentences if "回头看" in s.view and _target_match(s.view)
             and re.search(r"巡[察视]组|\d{4}年|\d{1,2}月", s.view)]
    if inspection is not None and again and inspection is not again[0]:
        if (title and "回头看" in fold(title)) or not rx("opening", "aside").search(again[0].view):
            inspection = again[0]
            doubts.append(Doubt("开头写了不止一次巡察，按“回头看”那一次读出巡察组和日期", inspection.line,
                                path=("inspection", "body"), code="import.inspection_read"))
        else:
            doubts.append(Doubt("开头写了不止一次巡察，后一次“回头看”是以“同时”带出的，按前一次读出巡察组和日期；"
                                "本通报若是“回头看”的整改情况，请改填", inspection.line,
                                path=("inspection", "body"), code="import.inspection_read"))
    elif inspection is not None:
        inspection, clause = _own_clause(inspection, sentences, title, signer, doubts)
    body = _body(inspection, sentences, doubts, clause)
    if body:
        found["body"] = body
    target = _target(inspection, sentences, title, signer, found, doubts, clause, later)
    if target:
        found["target"] = target
    period_sentence = inspection if inspection and _period_match(inspection.dated) else \
        next((s for s in sentences if _period_match(s.dated) and not _feedback_days(s)), None)
    # 2022年，根据……于4月11日至5月27日……: a year said once before the dates is theirs
    # (在2023年市委第一轮巡察中，…于4月10日至6月12日…: the round's year is theirs too)
    stated = next((int(m.group(1)) for s in sentences if (m := re.search(
        r"(?<!\d)(\d{4})年(?:[，,]|度?(?=[省市州县区旗]委|第[一二三四五六七八九十]+轮|(?:巡察|巡视)(?!组)))", s.dated))), None)
    # 关于2024年县委第二轮巡察整改…: a year the title names alone is the inspection's, over the signature's
    titled = {int(y) for y in re.findall(r"(?<!\d)(\d{4})年", fold(title or ""))}
    assumed = stated or (titled.pop() if len(titled) == 1 else None)
    said = len(doubts)
    year = _period(period_sentence, assumed or reference_year, found, doubts)
    if "start" not in found:
        year = _end_only(sentences, assumed or reference_year, found, doubts) or year
    if "start" not in found and "end" not in found:
        year = _start_said(sentences, inspection, assumed or reference_year, found, doubts) or year
    if assumed and not stated:
        doubts[said:] = [replace(d, message=f"开头的日期没有写年份，按标题写的 {assumed} 年读出")
                         if d.code == "import.year_assumed" and d.message.startswith("通报未写巡察年份") else d
                         for d in doubts[said:]]
    if "start" not in found and "end" not in found:
        _unread_period(sentences, doubts)
    _feedback(sentences, found.get("end"), year or reference_year, found, doubts, period_sentence)
    if inspection and (m := rx("opening", "round").search(found.get("body", ""))):
        found["round"] = m.group(0)
    elif where := _round_named(title, sentences, found.get("body")):
        found["round"], line, place = where
        doubts.append(Doubt(f"巡察轮次由{place}读出", line, path=("inspection", "round"), code="import.inspection_read"))
    _say_mended(sentences, doubts)
    extended = _extended(sentences)
    if extended:
        found["extended_targets"] = extended
    return Opening(found, tuple(doubts), inspection.line if inspection else None)


def _own_clause(inspection: _Sentence, sentences: list[_Sentence], title, signer,
                doubts: list[Doubt]) -> tuple[_Sentence, re.Match | None]:
    """A round told clause by clause (其中第一、二巡察组……对A、B开展了联动巡察，第三巡察组同步对C开展了
    巡察；第四巡察组……对D开展了巡察): the clause naming the unit the title or signature names, else the
    first, the choice marked. A clause past the first counts only with a group of its own."""
    found: list[tuple[_Sentence, re.Match]] = []
    for s in sentences[sentences.index(inspection):]:
        at = 0
        for m in _clauses(s):
            if (s is inspection and not found) or _group(s, at, m.start()):
                found.append((s, m))
            at = m.end()
    targets = {fold(m.group("target")) for _, m in found}
    if len(targets) < 2:
        return inspection, None
    own = _own_organisation(title, signer)
    for s, m in found:
        pieces = [p for p in re.split(r"[、，]", s.text[m.start("target"):m.end("target")]) if p.strip()]
        if own and any(fold(p.strip()) in fold(own) for p in pieces):
            doubts.append(Doubt(f"开头写了{len(found)}处巡察，按{'标题' if title else '落款'}读作“{'、'.join(pieces)}”那一处",
                                s.line, path=("inspection", "target"), code="import.targets_several"))
            return s, m
    s, m = found[0]
    doubts.append(Doubt(f"开头写了{len(found)}处巡察（各有巡察组和被巡察单位），按第一处读出；"
                        "请核对并只保留本通报的巡察组和单位", s.line, path=("inspection", "target"),
                        code="import.targets_several"))
    return s, m


def _round_named(title: str | None, sentences: list[_Sentence],
                 body: str | None = None) -> tuple[str, int | None, str] | None:
    """(the round, its line, where) when the title or an opening sentence names it: 十四届县委第五轮巡察;
    of several (根据省委第二轮巡视部署，市委第四轮巡察……), the one of the committee that sent the group."""
    named = [(text[m.start():m.end()], line, place)
             for text, view, line, place in ([(title, fold(title), None, "标题")] if title else []) +
             [(s.text, s.view, s.line, "开头段落") for s in sentences]
             for m in rx("opening", "round_named").finditer(view)]
    committee = re.match(r"[省市州县区旗]委", fold(body or ""))
    return next((n for n in named if committee and committee.group(0) in fold(n[0])), named[0] if named else None)


def _sentences(paras) -> list[_Sentence]:
    out = []
    for para in paras:
        start = 0
        for m in re.finditer(r"[。；！？]|$", para.view):
            end = m.end()
            if end > start and para.view[start:end].strip():
                view = para.view[start:end]
                dated, mended = _mend_dates(arabic_dates(view))
                out.append(_Sentence(para.text[start:end], view, para.number, dated, mended))
            start = end
            if m.end() == len(para.view):
                break
    return out


# A date a bad copy stripped of its 年 and 月 (2024年4月2日 → 202442日, 9月14日 → 914日). Two digits
# alone up to 31 are a day of the month already named (至30日), never mended.
_STRIPPED_DATE = re.compile(r"(?<![\d.．年月/-])(?P<y>(?:19|20)\d{2})?(?P<md>\d{2,4})日")


def _mend_dates(dated: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """`dated` with each stripped date written out, where its digits split only one way into a real
    month and day (820 → 8月20日; 111 could be 1月11日 or 11月1日 and stays); and what was mended."""
    mended: list[tuple[str, str]] = []

    def one(m: re.Match) -> str:
        year, digits = m.group("y"), m.group("md")
        if not year and len(digits) == 2 and int(digits) <= 31:
            return m.group(0)
        splits = {(int(digits[:k]), int(digits[k:])) for k in (1, 2) if k < len(digits) and digits[k] != "0"}
        real = [(month, day) for month, day in splits if _real_day(int(year or 2000), month, day)]
        if len(real) != 1:
            return m.group(0)
        month, day = real[0]
        out = f"{year + '年' if year else ''}{month}月{day}日"
        mended.append((m.group(0), out))
        return out

    return _STRIPPED_DATE.sub(one, dated), tuple(mended)


def _real_day(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _say_mended(sentences: list[_Sentence], doubts: list[Doubt]) -> None:
    for s in sentences:
        for was, read in s.mended:
            doubts.append(Doubt(f"原文日期“{was}”缺了“年”“月”字，按“{read}”读出，请与原件核对", s.line,
                                path=("inspection",), code="import.date_damaged"))


def _group(sentence: _Sentence, start: int = 0, end: int | None = None, last: bool = False) -> str | None:
    """The inspecting group named in a sentence (between `start` and `end`): its core widened to the
    committee before it; the first numbered one, or with `last` the one nearest `end`."""
    best = None
    for m in rx("opening", "body").finditer(sentence.view, start, len(sentence.view) if end is None else end):
        start, end = m.start("group"), m.end("group")
        clause_start = max(sentence.view.rfind(c, 0, start) for c in "，。、；：（）") + 1
        before = sentence.view[clause_start:start]
        owner = rx("group_owner").search(before)
        owner_start = start - len(owner.group(0)) if owner else start
        if not (owner and owner.group(0)) and m.group("group").startswith("专项") \
                and (theme := rx("group_theme").search(before)):
            owner, owner_start = None, start - len(theme.group(0))  # 市委粮食购销领域专项巡察组: the theme kept
        verb = owner.group("verb") if owner else None
        text = sentence.text[owner_start:end]
        if verb:
            at = owner.start("verb") - owner.start() + owner_start
            text = sentence.text[owner_start:at] + sentence.text[at + len(verb):end]
        text = rx("group_lead").sub("", text)
        numbered = bool(re.search(r"[一二三四五六七八九十\d]", m.group("group")))
        if best is None or (numbered and not best[1]) or (last and numbered == best[1]):
            best = (text, numbered)
        if numbered and not last:
            break
    return best[0] if best else None


def _body(inspection: _Sentence | None, sentences: list[_Sentence], doubts: list[Doubt],
          clause: re.Match | None = None) -> str | None:
    ordered = ([inspection] if inspection else []) + [s for s in sentences if s is not inspection]
    found = [(s, g) for s in ordered if (g := _group(s))]
    if inspection and clause and (g := _group(inspection, 0, clause.start(), last=True)):
        found.insert(0, (inspection, g))  # the group of the clause read, nearest before its 对
    if not found:
        return _committee(inspection, doubts)
    sentence, group = next(((s, g) for s, g in found if re.search(r"[一二三四五六七八九十\d]", g)), found[0])
    group = re.sub(r"^以[^，。；以]{1,12}?为组长的", "", group)  # 以王某为组长的县委第二巡察组: the group, not its leader
    if re.search(r"第[一二三四五六七八九十]+巡组$", group):
        word = "巡视" if "巡视" in "".join(s.view for s in sentences) else "巡察"
        group = group[:-2] + word + "组"
        doubts.append(Doubt(f"原文写作“{group.replace(word + '组', '巡组')}”，按“{group}”读出",
                            sentence.line, path=("inspection", "body"), code="import.body_normalised"))
    return group


def _committee(inspection: _Sentence | None, doubts: list[Doubt]) -> str | None:
    """九届某市委于……开展了第三轮巡察，分五组对……开展了巡察: no group named, the committee inspected."""
    if inspection is None or rx("opening", "target_passive").search(inspection.view) or \
            not (m := rx("opening", "committee").search(inspection.view)):
        return None  # 某局党委于……接受了市委的巡察: the unit inspected, never its body
    body = inspection.text[m.start("body"):m.end("body")]
    split = rx("opening", "committee_split").search(inspection.view)
    said = f"（原文写“{inspection.text[split.start():split.end()]}”）" if split else ""
    doubts.append(Doubt(f"开头没有写巡察组的名称，按开展巡察的“{body}”读出{said}，请按原件填写巡察组", inspection.line,
                        path=("inspection", "body"), code="import.inspection_read"))
    return body


def _target(inspection, sentences, title, signer, found, doubts, clause=None, later=()) -> str | None:
    target, line = None, None
    if inspection and (m := clause or _target_match(inspection.view)):
        target, line = inspection.text[m.start("target"):m.end("target")], inspection.line
        target_view = inspection.view[m.start("target"):m.end("target")]
        body = found.get("body")
        if body and target_view.startswith(body):  # 巡察组对…: the match began at the group
            target = target[len(body):]
    elif labelled := next(((s, m) for s in sentences if (m := rx("opening", "target_label").search(s.view))), None):
        s, m = labelled  # 被巡察党组织：X on a line of its own
        target, line = s.text[m.start("target"):m.end("target")], s.line
    else:
        for s in sentences:
            if m := rx("opening", "target_feedback").search(s.view):
                target, line = s.text[m.start("target"):m.end("target")], s.line
                doubts.append(Doubt("开头没有写被巡察的单位，按反馈对象读出", line, path=("inspection", "target"),
                                    code="import.target_from_feedback"))
                break
    if not target:
        return None
    target = re.sub(r"^(?:其|本级)?(?:下辖|所辖|下属|所属)的", "", target.strip())  # 对下辖的某镇党委: the unit
    if (m := rx("opening", "target_in_turn").search(target)) and m.start() >= 2:
        # 对A党组、4月14日至4月30日对B党支部: one group in turn; A's dates are the first read
        doubts.append(Doubt(f"开头写了巡察组先后巡察几个单位，各有起止日期，按第一个单位“{target[:m.start()]}”和它的日期读出；"
                            f"本通报若是“{m.group('next')}”的整改情况，请改填被巡察党组织和起止日期", line,
                            path=("inspection", "target"), code="import.targets_several"))
        target = target[: m.start()]
    if inspection and "分别" in inspection.view and "、" in target:
        target = _one_of_several(target, inspection, sentences, title, signer, found, doubts)
    elif "、" in target and (own := _own_organisation(title, signer)):
        several = [t.strip() for t in target.split("、") if t.strip()]
        named = [t for t in several if len(t) >= 3 and fold(t) in fold(own)]
        if len(several) >= 2 and len(named) == 1:  # 对A、B、C开展了巡察 in B's own notice: B
            doubts.append(Doubt(f"开头写了几个被巡察的单位（“{target}”），按{'标题' if title else '落款'}读作“{named[0]}”", line,
                                path=("inspection", "target"), code="import.targets_several"))
            target = named[0]
    if m := rx("opening", "included").search(target):
        found["extended_targets"] = [t for t in re.split(r"[、，和及]", m.group("targets") or m.group("along")) if t]
        target = target[: m.start()] + target[m.end():]
    if (m := rx("opening", "target_tail").search(target)) and m.start() >= 2:
        target = target[: m.start()]
    if "，" not in target and (m := rx("opening", "below_target").search(target)):  # 及所辖 of the last of a list
        found.setdefault("extended_targets", [target[m.start("targets"):m.end("targets")]])
        target = target[: m.start()]
    if m := rx("opening", "alias").search(target):
        target = target[: m.start()] + target[m.end():]
    if rx("opening", "self_reference").match(target):
        own = _in_its_words(_own_organisation(title, signer), target)
        if own:
            doubts.append(Doubt(f"原文写作“{target}”，按{'标题' if title else '落款'}读作“{own}”", line,
                                path=("inspection", "target"), code="import.target_renamed"))
            return own
        word = "巡视" if any("巡视" in s.view for s in sentences) else "巡察"
        for para in later:  # 省委第二巡视组向某县反馈巡视意见: the body names the unit
            if (m := rx("opening", "named_later").search(para.view)) and not rx("opening", "self_reference").match(
                    name := para.text[m.start("name"):m.end("name")]) and fold(name).endswith(fold(target)[1:]):
                doubts.append(Doubt(f"原文写作“{target}”，标题和落款都没有写出单位名称；正文（原文第 {para.number} 行）"
                                    f"写作“{name}”，按此读出，请核对被{word}党组织的全称", line,
                                    path=("inspection", "target"), code="import.target_renamed"))
                return name
        # Nothing names the unit: a placeholder, not 我局党组 as if it were a name
        doubts.append(Doubt(f"原文写作“{target}”，标题和落款都没有写出单位名称，请填写被{word}党组织的全称", line,
                            path=("inspection", "target"), fill=True, code="import.inspection_missing"))
        return None
    return target.strip()


def _one_of_several(target, inspection, sentences, title, signer, found, doubts) -> str:
    """第一巡察组、第二巡察组分别对A、B进行了巡察: this notice's unit is the one its title, signature or
    feedback sentence names; its group stands at the same place in the list of groups."""
    several = [t.strip() for t in target.split("、") if t.strip()]
    own = _own_organisation(title, signer)
    fed = next((s.text[m.start("target"):m.end("target")].strip() for s in sentences
                if (m := rx("opening", "target_feedback").search(s.view))), None)
    pick = next(((i, "标题" if title else "落款") for i, t in enumerate(several) if own and fold(t) in fold(own)), None) \
        or next(((i, "反馈对象") for i, t in enumerate(several) if fed and fold(t) == fold(fed)), None)
    if pick is None:
        doubts.append(Doubt(f"开头写了几个被巡察的单位（“{target}”），请只保留本通报的单位", inspection.line,
                            path=("inspection", "target"), code="import.targets_several"))
        return target
    index, place = pick
    groups = [g for g in re.split(r"[、和]", inspection.view[:inspection.view.find("分别")].split("，")[-1]) if g]
    body = found.get("body")
    if body and len(groups) == len(several) and index:
        owner = body[: len(body) - len(_group_core(body))]
        found["body"] = owner + _group_core(groups[index])
    doubts.append(Doubt(f"开头写了几个巡察组分别巡察几个单位，按{place}读作“{several[index]}”", inspection.line,
                        path=("inspection", "target"), code="import.targets_several"))
    return several[index]


def _group_core(text: str) -> str:
    """第二巡察组 from 市委第二巡察组: the group without the committee that sent it."""
    m = re.search(r"第[一二三四五六七八九十\d]+.*$|(?:巡察|巡视)[一二三四五六七八九十\d]+组$", text)
    return m.group(0) if m else text


# A party organ as a title names it in full and an opening names it short: (title's ending, opening's).
_ORGAN_WORDS = (("总支部委员会", "党总支"), ("支部委员会", "党支部"), ("工作委员会", "党工委"), ("委员会", "党委"))


def _in_its_words(own: str | None, said: str) -> str | None:
    """The unit the title names, its organ put as the opening put it: 青山镇委员会 and 我镇党委 give
    青山镇党委 (中共…委员会 is how a title names a 党委)."""
    if own is None:
        return None
    for full, short in _ORGAN_WORDS:
        if own.endswith(full) and said.endswith(short):
            return own[: -len(full)] + short
    return own


def _own_organisation(title: str | None, signer: str | None) -> str | None:
    if title and (m := rx("opening", "title_organisation").match(title)):
        return re.sub(r"^中共", "", m.group("org")).strip()
    return re.sub(r"^中共", "", signer).strip() if signer else None


def _period_match(view: str) -> re.Match | None:
    """The inspection's dates: a range (3月1日至4月2日), or the day the group came and the day it
    ended (于3月1日进驻……至4月2日结束)."""
    return rx("opening", "period").search(view) or rx("opening", "period_stationed").search(view)


def _end_only(sentences: list[_Sentence], reference_year: int | None, found: dict, doubts: list[Doubt]) -> int | None:
    """2023年9月上旬至10月27日: the start said to the month only, the end to the day — the end is read."""
    for s in sentences:
        if not (m := rx("opening", "period_vague_start").search(s.dated)):
            continue
        y1 = int(m.group("y1")) if m.group("y1") else reference_year
        if not y1:
            return None
        y2 = int(m.group("y2")) if m.group("y2") else y1 + (int(m.group("m2")) < int(m.group("m1")))
        try:
            found["end"] = dt.date(y2, int(m.group("m2")), int(m.group("d2")))
        except ValueError:
            return None
        doubts.append(Doubt(f"巡察开始时间只写到月（“{s.quote(m.start(), m.end())}”），只填写了结束日期", s.line,
                            path=("inspection", "end"), code="import.period_month_only"))
        return y1
    return None


def _start_said(sentences: list[_Sentence], inspection: _Sentence | None, reference_year: int | None,
                found: dict, doubts: list[Doubt]) -> int | None:
    """The start said otherwise than as a range, in the inspection's sentence or one of the
    inspection that says no feedback: the day of the mobilisation meeting, then the day the group
    left (9月5日…动员会召开，巡察组进驻至10月31日); or a start alone (4月1日起 / 自4月1日开始 /
    9月5日召开巡察动员会), the end left empty. Each marked: what the text says is read, nothing more."""
    for s in sentences:
        if s is not inspection and (rx("opening", "feedback_verb").search(s.dated)
                                    or not re.search("巡察|巡视", s.view)):
            continue
        both = rx("opening", "period_mobilised").search(s.dated)
        m = both or rx("opening", "period_from").search(s.dated)
        if not m:
            continue
        y1 = int(m.group("y1")) if m.group("y1") else reference_year
        if not y1:
            return None
        try:
            found["start"] = dt.date(y1, int(m.group("m1")), int(m.group("d1")))
            if both:
                y2 = int(m.group("y2")) if m.group("y2") else y1 + (int(m.group("m2")) < int(m.group("m1")))
                found["end"] = dt.date(y2, int(m.group("m2")), int(m.group("d2")))
        except ValueError:
            found.pop("start", None)
            return None
        said = s.quote(m.start(), m.end())
        if both:
            message = f"开头没有写巡察起止日期，开始日期按动员会召开的日期读出（“{said}”）：请核对"
        elif m.group("meeting"):
            message = f"开头只写了动员会召开的日期（“{said}”），按巡察开始日期读出；没有写结束日期，end 未填写：请核对"
        else:
            message = f"开头只写了巡察开始的日期（“{said}”），没有写结束日期，end 未填写：请核对"
        doubts.append(Doubt(message, s.line, path=("inspection", "start"), code="import.period_read"))
        if not m.group("y1"):
            doubts.append(Doubt(f"通报未写巡察年份，按 {y1} 年读出", s.line, path=("inspection", "start"),
                                code="import.year_assumed"))
        return y1
    return None


def _unread_period(sentences: list[_Sentence], doubts: list[Doubt]) -> None:
    """Say why the inspection's dates were left empty: written to the month only, or damaged."""
    for s in sentences:
        if m := rx("opening", "month_period").search(s.dated):
            doubts.append(Doubt(f"巡察时间只写到月（“{s.quote(m.start(), m.end())}”），未填写起止日期", s.line,
                                path=("inspection",), code="import.period_month_only"))
            return
        if m := rx("damaged_period").search(s.dated):
            doubts.append(Doubt(f"原文的日期“{s.quote(m.start(), m.end())}”可能缺了字，未能读出，请按原件填写", s.line,
                                path=("inspection",), code="import.date_damaged"))
            return
    if sentences:
        doubts.append(Doubt("开头没有读出巡察的起止日期；原文写了的话请补上 start 和 end", sentences[0].line,
                            path=("inspection",), code="import.period_missing"))


def _period(sentence: _Sentence | None, reference_year: int | None, found: dict, doubts: list[Doubt]) -> int | None:
    if sentence is None:
        return None
    m = _period_match(sentence.dated)
    y1 = int(m.group("y1")) if m.group("y1") else reference_year
    y2 = int(m.group("y2")) if m.group("y2") else y1
    if not y1:
        return None
    try:
        start = dt.date(y1, int(m.group("m1")), int(m.group("d1")))
        end = dt.date(y2, int(m.group("m2") or m.group("m1")), int(m.group("d2")))  # 4月2日至30日: the same month
    except ValueError:
        doubts.append(Doubt(f"巡察时间“{m.group(0)}”不是有效日期，未读出", sentence.line, path=("inspection",),
                            code="import.date_invalid"))
        return None
    if end < start and not m.group("y2"):
        end = end.replace(year=end.year + 1)  # 2023年12月1日至1月20日: the end is in the next year
    found["start"], found["end"] = start, end
    if not m.group("y1"):
        doubts.append(Doubt(f"通报未写巡察年份，按 {y1} 年读出", sentence.line, path=("inspection", "start"),
                            code="import.year_assumed"))
    return y1


def _feedback_days(sentence: _Sentence) -> bool:
    """3月6日至24日，各巡察组分别反馈了巡察情况: a range before 反馈 in a sentence naming no unit inspected
    is the days of the feedback, not the inspection's."""
    period = _period_match(sentence.dated)
    verb = rx("opening", "feedback_verb").search(sentence.dated)
    return bool(period and verb and period.start() < verb.start() and not _target_match(sentence.view))


def _feedback(sentences, end: dt.date | None, year: int | None, found: dict, doubts: list[Doubt],
              inspected: _Sentence | None = None) -> None:
    """The date of the sentence that says the group gave feedback (反馈了巡察意见, 进行了反馈), else of one
    that only says 反馈: nearest before 反馈, else just after it; of a range of days (3月6日至24日), its first."""
    given = [s for s in sentences if rx("opening", "feedback_given").search(s.dated)]
    for s in given + [s for s in sentences if s not in given]:
        verb = rx("opening", "feedback_given").search(s.dated) or rx("opening", "feedback_verb").search(s.dated)
        if not verb:
            continue
        period = _period_match(s.dated)
        ranged = period if s is not inspected and _feedback_days(s) else None
        skip = range(period.start(), period.end()) if period and not ranged else range(0)
        dates = [m for m in re.finditer(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日", s.dated) if m.start() not in skip]
        if ranged:  # 3月6日至3月24日，各巡察组分别反馈: the first day, said
            dates = [m for m in dates if not ranged.start() < m.start() < ranged.end()]
        before = [m for m in dates if m.start() < verb.start()]
        after = [m for m in dates if m.start() > verb.start()]
        m = before[-1] if before else (after[0] if after else None)
        if m is None and end and (nxt := re.search(r"次月(\d{1,2})日", s.dated)):
            # 并于次月15日反馈: the month after the inspection ended
            month, year_of = (1, end.year + 1) if end.month == 12 else (end.month + 1, end.year)
            try:
                found["feedback"] = dt.date(year_of, month, int(nxt.group(1)))
            except ValueError:
                continue
            doubts.append(Doubt(f"反馈日期写作“次月{nxt.group(1)}日”，按巡察结束的次月读作 {found['feedback']}", s.line,
                                path=("inspection", "feedback"), code="import.inspection_read"))
            return
        if m is None:
            continue
        if ranged and m.start() == ranged.start():
            doubts.append(Doubt(f"反馈写作一段日期（“{s.quote(ranged.start(), ranged.end())}”），按第一天读出", s.line,
                                path=("inspection", "feedback"), code="import.inspection_read"))
        base = int(m.group(1)) if m.group(1) else (end.year if end else year)
        if base is None:  # 2023年6月……为期两个月。9月5日反馈: the year the opening said last before it
            said = [int(y.group(1)) for t in sentences[: sentences.index(s) + 1]
                    for y in re.finditer(r"(?<!\d)(\d{4})年", t.dated[: m.start()] if t is s else t.dated)]
            if not said:
                doubts.append(Doubt("反馈日期没有写年份，开头也没有写明巡察的年份，未填写反馈日期", s.line,
                                    path=("inspection",), code="import.feedback_missing"))
                return
            base = said[-1]
            doubts.append(Doubt(f"反馈日期没有写年份，按开头写的 {base} 年读出", s.line,
                                path=("inspection", "feedback"), code="import.year_assumed"))
        try:
            date = dt.date(base, int(m.group(2)), int(m.group(3)))
        except ValueError:
            return
        if not m.group(1) and end and date < end:
            date = date.replace(year=date.year + 1)  # 12月巡察, 1月反馈: feedback in the next year
            doubts.append(Doubt(f"反馈日期未写年份，在巡察结束之后，按 {date.year} 年读出", s.line,
                                path=("inspection", "feedback"), code="import.year_assumed"))
        found["feedback"] = date
        return
    _unread_feedback(sentences, doubts)


_MONTH_ONLY = re.compile(r"(?:\d{4}年)?\d{1,2}月(?:上旬|中旬|下旬|初|底|末|份)?(?!\d)")


def _unread_feedback(sentences, doubts: list[Doubt]) -> None:
    """Say why the feedback date was left empty: written to the month only, or not at all."""
    for s in sentences:
        if not rx("opening", "feedback_said").search(s.dated) or rx("opening", "publication").search(s.dated):
            continue  # 现将巡察反馈意见整改情况予以公布 dates nothing
        period = rx("opening", "period").search(s.dated) or rx("opening", "month_period").search(s.dated)
        view = s.dated[:period.start()] + " " * (period.end() - period.start()) + s.dated[period.end():] if period else s.dated
        if m := _MONTH_ONLY.search(view):
            doubts.append(Doubt(f"反馈日期只写到月（“{s.quote(m.start(), m.end())}”），未填写", s.line,
                                path=("inspection",), code="import.feedback_month_only"))
        elif m := re.search(r"\d+日", view):  # 当月30日: a date is there, unread
            doubts.append(Doubt(f"开头写了反馈巡察意见，日期写作“{s.quote(m.start(), m.end())}”，未能读出，请按原件填写 feedback",
                                s.line, path=("inspection",), code="import.feedback_missing"))
        else:
            doubts.append(Doubt("开头写了反馈巡察意见，但没有写日期，未填写反馈日期；原文别处写了的话请补上 feedback", s.line,
                                path=("inspection",), code="import.feedback_missing"))
        return


def _extended(sentences) -> list[str]:
    """延伸巡察了A、B / 并对A、B进行了延伸巡察 / 巡乡带村对A村、B村开展巡察 / 同时对某镇所辖的20个村级党组织
    开展巡察（……），对C（……）开展直接巡察: each unit, or each group of units named with 所辖."""
    for s in sentences:
        if m := rx("opening", "extended").search(s.view):
            group = next(g for g in ("targets", "before", "villages", "also") if m.group(g))
            parts = [s.text[m.start(group):m.end(group)]]
            if group == "also":  # 同时对A开展巡察（其中……），对B（……）开展直接巡察
                rest = re.sub(r"^（[^）]*）", lambda p: " " * len(p.group(0)), s.view[m.end():])
                more = re.match(r"\s*，对(?P<t>[^。；]{2,200}?)(?:开展|进行)了?[^，。；]{0,6}?(?:巡察|巡视)", rest)
                if more:
                    at = m.end() + more.start("t")
                    parts.append(re.sub(r"（[^）]*）", "", s.text[at:at + len(more.group("t"))]))
            out: list[str] = []
            for part in parts:
                words = "[、和及]" if group in ("targets", "before") else "、"  # 保和镇 is a name
                # 公司所属A、B: the units, without whose they are; 某镇所辖的20个村级党组织 stays one group
                named = re.match(r"(?:[^、，\d]{0,6}?)(?:所属|下属|所辖)的?(?P<units>(?:(?![个家所]).)+、.+)$", part)
                if named and not re.search(r"[\d一二三四五六七八九十两]+[个家所]", named.group("units")):
                    part = named.group("units")
                out += [part] if re.search("所辖|所属|下属", part) else [t for t in re.split(words, part) if t]
            # 该镇青石村: the unit, not the words pointing back at the target
            out = [re.sub(r"^(?:该|其)(?:镇|乡|县|区|市|局|单位|公司|街道)?", "", t) for t in out]
            # 东社区、西社区、南社区党委: the Party body named once, after the last, is each unit's
            if len(out) > 1 and (body := re.search(r"(?:党委|党组|党工委|党总支|党支部)$", out[-1])) \
                    and not any(re.search(r"(?:党委|党组|党工委|党总支|党支部|党组织)$", t) for t in out[:-1]) \
                    and not any(re.search(r"所辖|所属|下属|\d", t) for t in out):
                out = [t + body.group(0) for t in out[:-1]] + [out[-1]]
            return [t for t in out if not re.fullmatch(r"\s*(?:工作|情况|巡察|巡视|有关单位)?\s*", t)]
    return []
