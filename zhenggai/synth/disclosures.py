"""Government information-disclosure pages (政府信息公开): a year's work and next year's plans."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..numbering import point_label
from .documents import DocumentBuilder
from .grammar import domains


class DisclosureBuilder(DocumentBuilder):
    """A page reporting an organisation's year: highlights, weaknesses and the plan for the next."""

    def dates(self) -> tuple[int, tuple[dt.date, dt.date]]:
        year = self.published.year - 1 if self.published.month <= 6 else self.published.year
        return year, (dt.date(year, 1, 1), min(dt.date(year, 12, 31), self.signed))

    def build(self) -> dict[str, Any]:
        rng, w, org, year = self.rng, self.w, self.org, self.year
        w.use(domains()[org.domain])
        title = rng.choice((f"{org.local}{year}年工作亮点及{year + 1}年工作思路",
                            f"{org.name}{year}年工作总结和{year + 1}年工作计划",
                            f"{org.local}关于{year}年工作总结及{year + 1}年工作安排的报告",
                            f"{org.name}{year}年度工作情况报告"))
        words = rng.choice(([], [], ["工作总结", "工作计划"], ["年度报告"], [w.say("task").strip("“”"), "工作总结"]))
        metadata = self.metadata(rng.choice(("", "工作总结", "计划总结", "规划计划", "工作动态")), words)
        if rng.random() < 0.3:
            abbreviation = (org.district or org.city.name)[0]
            metadata["doc_no"] = f"{abbreviation}{org.unit_char}〔{self.signed.year}〕{rng.randint(1, 150)}号"
        highlights = [self.work_section(h, "work_s") for h in w.several("work_heading", rng.randint(4, 6))]
        weaknesses = [{"heading": h, "paragraphs": [self.paragraph("weak_s", 3, 4)]}
                      for h in w.several("weak_heading", rng.randint(2, 3))]
        plans = [self.work_section(h, "plan_s") for h in w.several("plan_heading", rng.randint(3, 4))]
        plan: dict[str, Any] = {"heading": rng.choice((f"{year + 1}年工作思路与举措", f"{year + 1}年工作计划",
                                                        f"{year + 1}年工作安排"))}
        if rng.random() < 0.5:
            plan["role"] = "next_steps"
        plan.update(paragraphs=[w.say("plan_intro")], sections=plans)
        data: dict[str, Any] = {
            "kind": self.kind,
            "title": title,
            "metadata": metadata,
            "opening": [w.say("d_opening")],
            "sections": [
                {"heading": rng.choice((f"{year}年工作亮点", f"{year}年主要工作成效", f"{year}年工作开展情况")),
                 "sections": highlights},
                {"heading": rng.choice(("存在的问题与挑战", "存在的困难和不足")), "paragraphs": [w.say("weak_intro")],
                 "sections": weaknesses},
                plan,
            ],
        }
        if rng.random() < 0.2:
            data["contact"] = self.contact()
        if rng.random() < 0.3:
            data["signature"] = {"organisation": org.name, "date": self.signed}
        return data

    def work_section(self, heading: str, symbol: str) -> dict[str, Any]:
        rng, w = self.rng, self.w
        titles = w.several("point_title", rng.randint(3, 5))
        texts = [self.paragraph(symbol, 3, 5) for _ in titles]
        if rng.random() < 0.5:
            return {"heading": heading, "points": [{"title": t, "text": x} for t, x in zip(titles, texts)]}
        # As on many pages (seed 002), the 一是…二是… run on inside one paragraph.
        run_on = "".join(f"{point_label(i)}{t}{x}" for i, (t, x) in enumerate(zip(titles, texts), 1))
        return {"heading": heading, "paragraphs": [run_on]}
