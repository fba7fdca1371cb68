"""Rectification notices (巡察整改情况通报) and progress reports (阶段性进展情况通报)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..numbering import chinese_numeral
from .documents import DocumentBuilder
from .grammar import domains, themes
from .vocab import load_vocab

THEME_ORDER = ("politics", "integrity", "function", "organisation", "finance", "risk", "followup")


def _title(text: str) -> str:
    # The renderer puts titles in “”: quotes inside them become ‘’, as the notices print them.
    return text.replace("“", "‘").replace("”", "’")


class NoticeBuilder(DocumentBuilder):
    """A notice of how an inspection's findings were rectified, by category, problem and measure."""

    def dates(self) -> tuple[int, tuple[dt.date, dt.date]]:
        self.feedback = self.published - dt.timedelta(days=self.rng.randint(50, 200))
        self.end = self.feedback - dt.timedelta(days=self.rng.randint(7, 50))
        self.start = self.end - dt.timedelta(days=self.rng.randint(25, 75))
        return self.feedback.year, (self.feedback, self.signed)

    def build(self) -> dict[str, Any]:
        rng, w, org = self.rng, self.w, self.org
        w.use(domains()[org.domain])
        progress = self.kind == "阶段性进展情况通报"
        inspection, opening = self.inspection()
        deadline_day = self.published + dt.timedelta(days=rng.randint(30, 200))
        w.set("deadline_month", f"{deadline_day.year}年{deadline_day.month}月底")
        if progress:
            mode = rng.choices(("plain", "status"), (60, 40))[0]
            titled = rng.random() < 0.25
        else:
            mode = rng.choices(("items", "status", "plain"), (45, 35, 20))[0]
            titled = rng.random() < (0.85 if mode == "items" else 0.6)
        categories = self.categories(mode, titled)
        declared = self.declared(categories, mode) if rng.random() < (0.95 if progress else 0.7) else None

        org_subsections = [{"heading": h, "paragraphs": [self.paragraph("org_s", 3, 6)]}
                           for h in w.several("org_heading", rng.randint(3, 4))]
        rect: dict[str, Any] = {"heading": w.say("rect_heading")}
        intro = w.say("rect_intro") + (self.totals_sentence(declared) if declared else "")
        if declared or rng.random() < 0.5:
            rect["paragraphs"] = [intro]
        rect["categories"] = categories
        next_points = [{"title": t, "text": self.paragraph("next_s", 2, 3)}
                       for t in w.several("next_title", rng.randint(3, 5))]
        data: dict[str, Any] = {
            "kind": self.kind,
            "title": self.notice_title(inspection["body"]),
            "metadata": self.metadata_for_notice(),
            "inspection": inspection,
        }
        if mode == "items" and rng.random() < 0.6:
            data["numbering"] = "continuous"
        data["opening"] = [opening]
        data["sections"] = [
            {"heading": w.say("org_section_heading"), "paragraphs": [w.say("org_intro")],
             "sections": org_subsections},
            rect,
            {"heading": w.say("next_heading"), "role": "next_steps", "paragraphs": [w.say("next_intro")],
             "points": next_points},
        ]
        if declared:
            data["declared"] = declared
        if rng.random() < 0.92:
            data["contact"] = self.contact()
        if rng.random() < 0.9:
            data["signature"] = self.signature()
        return data

    def inspection(self) -> tuple[dict[str, Any], str]:
        rng, org = self.rng, self.org
        group = chinese_numeral(rng.randint(1, 12))
        round_no = chinese_numeral(rng.randint(1, 12))
        term = rng.choice(load_vocab("party")["terms"])
        committee = f"{org.district or org.city.name}委"
        if rng.random() < 0.3:
            body = f"{term}届{committee}第{round_no}轮第{group}巡察组"
        else:
            body = f"{self.higher}第{group}巡察组"
        data: dict[str, Any] = {"body": body, "target": f"{org.short}{org.party_kind}"}
        if rng.random() < 0.5:
            data["round"] = rng.choice((f"第{round_no}轮", f"{term}届{committee}第{round_no}轮"))
        data.update(start=self.start, end=self.end, feedback=self.feedback)
        extended = []
        if rng.random() < 0.2:
            self.w.use(domains()[self.org.domain])
            extended = self.w.several("subunit", rng.randint(1, 2))
            data["extended_targets"] = extended
        self.w.set("body", body)
        self.w.set("target", data["target"])
        span = f"{self.start.year}年{self.start.month}月{self.start.day}日至"
        span += f"{self.end.month}月{self.end.day}日" if self.end.year == self.start.year else (
            f"{self.end.year}年{self.end.month}月{self.end.day}日")
        w = self.w
        opening = (f"{w.say('according')},{span},{body}对{data['target']}{w.say('inspect_verb')}"
                   + (f",并对{'、'.join(extended)}进行了延伸巡察" if extended else "") + "。"
                   + f"{self.feedback.year}年{self.feedback.month}月{self.feedback.day}日,"
                   + f"{rng.choice(('巡察组', body, self.higher + '巡察组'))}向{data['target']}反馈了巡察意见。")
        if rng.random() < 0.5:
            opening += w.say("opening_secretary")
        opening += w.say("announce_progress" if self.kind == "阶段性进展情况通报" else "announce_notice")
        return data, opening

    def notice_title(self, body: str) -> str:
        org, kind = self.org, self.org.party_kind
        if self.kind == "阶段性进展情况通报":
            return self.rng.choice((
                f"{org.short}{kind}关于巡察整改重点工作阶段性进展情况的通报",
                f"中共{org.name}{kind}关于巡察整改阶段性进展情况的通报",
                f"{org.local}{kind}关于{body}巡察反馈意见整改阶段性进展情况的通报",
            ))
        return self.rng.choice((
            f"中共{org.name}{kind}关于巡察整改情况的通报",
            f"中共{org.name}{kind}关于巡察整改情况的通报",
            f"{org.local}{kind}关于{body}巡察反馈意见整改落实情况的通报",
            f"关于{body}巡察{org.short}{kind}反馈意见整改情况的通报",
        ))

    def metadata_for_notice(self) -> dict[str, Any]:
        rng = self.rng
        words = rng.choice(([], [], ["巡察", "整改", "通报"], ["巡察整改"], ["党务公开", "巡察整改"]))
        meta = self.metadata(rng.choice(("", "巡察整改", "党务公开", "纪检监察")), words)
        if self.org.city.source and rng.random() < 0.4:
            meta["source"] = self.org.city.source
        return meta

    def declared(self, categories: list[dict[str, Any]], mode: str) -> dict[str, Any]:
        rng = self.rng
        problems = [p for c in categories for p in c["problems"]]
        findings = [f for p in problems for f in (p.get("items") or [p])]
        measures = sum(len(f["measures"]) for f in findings)
        declared: dict[str, Any] = {"categories": len(categories), "problems": len(problems)}
        if mode == "items":
            declared["tasks"] = len(findings)
        if mode == "plain" and rng.random() < 0.5:
            declared["tasks"] = len(findings) + rng.randint(len(problems), 3 * len(problems))
        if rng.random() < 0.7:
            # Ledgers count finer measures than the notice lists (seed 001: 113 declared, 65 listed).
            declared["measures"] = measures if rng.random() < 0.5 else measures + rng.randint(1, measures)
        if mode == "plain":
            done = rng.randint(declared.get("measures", measures) // 2, declared.get("measures", measures))
            declared["completed"] = done
            declared["basically_completed"] = declared.get("measures", measures) - done
        else:
            statuses = [f.get("status") for f in findings]
            declared["completed"] = statuses.count("已完成")
            if "基本完成" in statuses:
                declared["basically_completed"] = statuses.count("基本完成")
        if rng.random() < 0.45:
            declared["rules_made"] = rng.randint(3, 30)
            if rng.random() < 0.7:
                declared["money_returned"] = self.w.money()
            if rng.random() < 0.6:
                declared["people_disciplined"] = rng.randint(1, 12)
        if rng.random() < 0.2:
            # Real notices do not always add up (seed 001 declares 24 problems and lists 20).
            key = rng.choice(("problems", "problems", "categories", "tasks", "completed"))
            if key in declared:
                declared[key] += rng.randint(1, 4)
        return declared

    def totals_sentence(self, d: dict[str, Any]) -> str:
        text = f"目前,{d['categories']}个方面{d['problems']}个{self.rng.choice(('', '主要'))}问题"
        if "tasks" in d:
            text += f"{d['tasks']}个问题表现"
        text += "已全面启动整改"
        if "measures" in d:
            text += f",{d['measures']}条措施进展顺利"
        text += f",已完成{d['completed']}项"
        if d.get("basically_completed"):
            text += f",基本完成{d['basically_completed']}项"
        text += "。"
        if "rules_made" in d:
            parts = [f"建立和完善制度{d['rules_made']}项"]
            if "money_returned" in d:
                parts.append(f"责令退回资金共{d['money_returned']}元")
            if "people_disciplined" in d:
                parts.append(f"批评教育{d['people_disciplined']}人次")
            text += "整改期间," + ",".join(parts) + "。"
        return text

    def measures(self, count: int, titled: bool) -> list[Any]:
        w, rng = self.w, self.rng
        out: list[Any] = []
        titles = w.several("m_title", count) if titled else []
        for i in range(count):
            text = "".join(self.sentence() for _ in range(rng.choice((1, 2, 3, 4, 4, 5, 5, 6))))
            if i < len(titles):
                if rng.random() < 0.05:
                    out.append({"title": titles[i], "points": w.several("m_sentence", rng.randint(2, 3))})
                else:
                    out.append({"title": titles[i], "text": text})
            else:
                out.append(text)
        return out

    def sentence(self) -> str:
        text = self.w.say("m_sentence")
        if self.rng.random() < 0.3:
            text = f"{text[:-1]},{self.w.say('m_tail')}。"
        return text

    def status(self) -> tuple[str, str | None]:
        rng = self.rng
        status = rng.choices(("已完成", "基本完成", "正在推进中", "阶段性完成并需长期坚持"), (70, 8, 15, 7))[0]
        target = self.published + dt.timedelta(days=rng.randint(-40, 300))
        y, m = target.year, target.month
        if status == "正在推进中":
            task = self.w.say("task")
            deadline = rng.choice((f"计划{y}年{m}月底前完成", f"计划{y}年{m}月底前完成{task}",
                                   f"{y}年{m}月{rng.randint(1, 28)}日前完成", f"计划{m}月底前整改完成"
                                   if y == self.published.year else f"计划{y}年{m}月底前整改完成"))
            return status, deadline if rng.random() < 0.85 else None
        if status == "基本完成" and rng.random() < 0.4:
            return status, f"计划{y}年{m}月底前全面完成"
        if status == "阶段性完成并需长期坚持" and rng.random() < 0.3:
            return status, f"{y}年{m}月底前完成阶段性任务,并长期坚持"
        return status, None

    def finding(self, symbol: str, mode: str, titled: bool, measure_counts: tuple[int, ...]) -> dict[str, Any]:
        title = _title(self.w.say(symbol))
        data: dict[str, Any] = {"title": title}
        if self.rng.random() < 0.15:
            data["similar"] = True
        if mode != "plain":
            status, deadline = self.status()
            data["status"] = status
            if deadline:
                data["deadline"] = deadline
        data["measures"] = self.measures(self.rng.choice(measure_counts), titled)
        return data

    def problem(self, mode: str, titled: bool, seen: set[str]) -> dict[str, Any] | None:
        counts = (1, 2, 2, 3, 3, 4, 5, 6) if self.kind == "阶段性进展情况通报" else (1, 2, 3, 3, 4, 4)
        if mode == "items":
            title = _title(self.w.say("problem"))
            items = [self.finding("item", mode, titled, counts) for _ in range(self.rng.choice((1, 1, 2, 2, 3)))]
            problem = {"title": title, "items": items}
        else:
            problem = self.finding("problem", mode, titled, counts)
        if problem["title"] in seen:
            return None
        seen.add(problem["title"])
        return problem

    def categories(self, mode: str, titled: bool) -> list[dict[str, Any]]:
        rng, w = self.rng, self.w
        count = rng.choice((3, 4, 4, 5, 5, 6))
        # Some notices close with how earlier findings were followed up.
        followup = rng.random() < 0.15
        chosen = sorted(rng.sample(THEME_ORDER[:6], count - followup), key=THEME_ORDER.index)
        if followup:
            chosen.append("followup")
        domain = domains()[self.org.domain]
        categories, seen = [], set()
        for theme in chosen:
            w.use(themes()[theme], domain)
            wanted, problems = rng.randint(2, 5), []
            for _ in range(wanted * 3):
                problem = self.problem(mode, titled, seen)
                if problem:
                    problems.append(problem)
                    if len(problems) == wanted:
                        break
            if problems:
                categories.append({"title": _title(w.say("category")), "problems": problems})
        w.use(domain)
        return categories
