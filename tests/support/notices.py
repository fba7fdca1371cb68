"""Invented one-problem notices for the tests of deadlines and series (no text of a real notice)."""

from __future__ import annotations


def notice(publisher: str, published: str, status: str, deadline: str | None, *, kind: str = "巡察整改情况通报",
           series: str | None = None) -> dict:
    problem = {"title": "台账登记不及时", "key": "A1", "status": status, "measures": ["补登台账。"]}
    if deadline:
        problem["deadline"] = deadline
    data = {
        "kind": kind,
        "title": f"中共{publisher}党组关于巡察整改{'进展' if '阶段' in kind else ''}情况的通报",
        "metadata": {"published": published, "publisher": publisher},
        "inspection": {"body": "区委第五巡察组", "target": f"{publisher}党组", "start": "2020-01-06",
                       "end": "2020-02-28", "feedback": "2021-03-01"},
        "opening": ["按照区委部署，现将整改进展公布如下。"],
        "sections": [{"heading": "反馈问题整改情况", "categories": [{"title": "制度执行不严", "problems": [problem]}]}],
        "contact": {"phones": ["0755-87654321"]},
    }
    if series:
        data["series"] = series
    return data
