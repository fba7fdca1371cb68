"""Round files (`data/rounds/*.yml`, 巡察轮次): read and validated as notices are, then checked
against the notices: which notices report on which target of which round."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..model import ID_PATTERN, Document, name_key
from ..rounds import Round
from . import diagnostics as diag
from .diagnostics import Diagnostic
from .raw_checks import check_raw, id_problems
from .source import VALUE_REPORTED, Loc, dotted, line_of, parse

ROUNDS_DIR = "rounds"  # a folder of this name inside the data folder holds round files


def is_round_file(path: Path) -> bool:
    """Round files are the ones in a folder named `rounds` (data/rounds/x.yml)."""
    return path.parent.name == ROUNDS_DIR


def nested_round(path: Path, folder: Path) -> Diagnostic | None:
    """An error for a file found in `folder` (or named itself: `folder` is its parent) that lies
    in a sub-folder of a `rounds` folder (data/rounds/2021/r1.yml): neither a round file (they
    sit directly in rounds/) nor a notice; read as a notice it would only give misleading errors
    (缺少 kind, 未知的键 name)."""
    parts = (*_named_parts(folder), *path.relative_to(folder).parts)
    if ROUNDS_DIR not in parts[:-2]:
        return None
    message = (f"在 {ROUNDS_DIR} 目录的子目录中，没有读取：巡察轮次文件必须直接放在 {ROUNDS_DIR} 目录中"
               f"（如 data/{ROUNDS_DIR}/{path.name}），通报也不能放在 {ROUNDS_DIR} 目录下：请把文件移到相应的位置")
    return diag.error(path, message, code="round.nested")


def _named_parts(folder: Path) -> tuple[str, ...]:
    """The parts of `folder` as staff named it: relative to the working folder where it lies
    inside it, never the machine's folders above the project (one may be called rounds)."""
    if not folder.is_absolute():
        return folder.parts
    try:
        return folder.relative_to(Path.cwd()).parts
    except ValueError:
        return (folder.name,)


@dataclass
class RoundRecord:
    """What loading one round file gave: the round (None when it has errors), lines, diagnostics."""

    path: Path
    round: Round | None = None
    lines: dict[Loc, int] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def load_round(path: Path, text: str | None) -> RoundRecord:
    """The round of one file (`text` already read; None when unreadable), with its diagnostics."""
    record = RoundRecord(path)
    if text is not None:
        parsed = parse(text, path, record.diagnostics)
        if parsed is not None:
            record.lines = parsed[1]
            record.round = _validate(path, text, *parsed, record.diagnostics)
    return record


def _validate(path: Path, text: str, data: dict, lines: dict[Loc, int], diagnostics: list[Diagnostic]) -> Round | None:
    diagnostics.extend(check_raw(data, lines, text, path))
    stem = path.stem
    if "id" in data:
        diagnostics.append(diag.error(path, f"不要填写 id：编号取自文件名（{stem}）", lines.get(("id",)), "id",
                                      code="id.given"))
    if not re.match(ID_PATTERN, stem):
        diagnostics.append(diag.error(path, f"文件名“{stem}”不能用作编号：只能用小写字母、数字、“-”和“_”，"
                                      "且以字母或数字开头", code="id.filename"))
    else:
        diagnostics.extend(id_problems(stem, path))  # the round's page folder and feed are named by it
    try:
        found = Round.model_validate({**data, "id": stem})
    except ValidationError as exc:
        found = [e for e in exc.errors() if tuple(e["loc"]) != ("id",)]
        reported = {d.field for d in diagnostics if d.code in VALUE_REPORTED and d.field}
        for err in found:
            loc = tuple(err["loc"])
            if any(dotted(loc) == f or dotted(loc).startswith(f"{f}.") for f in reported):
                continue  # the reader already said what is wrong with this value
            if err["type"] == "too_short" and any(len(o["loc"]) > len(loc) and tuple(o["loc"][:len(loc)]) == loc
                                                  for o in found):
                continue  # the list is short only because an entry failed: say why that one failed
            diagnostics.append(diag.error(path, diag.explain(err, Round), line_of(loc, lines), dotted(loc) or None,
                                          code=diag.code_of(err)))
        return None
    diagnostics.extend(_duplicate_targets(found, lines, path))
    return None if any(d.is_error for d in diagnostics) else found


def _duplicate_targets(found: Round, lines, path: Path) -> list[Diagnostic]:
    seen: dict[tuple[str, str], int] = {}
    out = []
    for n, target in enumerate(found.targets):
        key = (name_key(target.target), name_key(target.group))
        if key in seen:
            message = (f"“{target.group}”巡察“{target.target}”在本文件中出现了两次"
                       f"（另见 targets.{seen[key]}）：每个巡察对象只写一次")
            out.append(diag.error(path, message, line_of(("targets", n), lines), f"targets.{n}",
                                  code="round.target_duplicate"))
        seen.setdefault(key, n)
    return out


def check_rounds(records: Iterable[RoundRecord], documents: Iterable[Document]) -> None:
    """Add to `records` an error for a round id used twice, and a warning for a notice whose group
    and unit match a target but whose feedback date does not (a typo in one of the two files)."""
    records = [r for r in records if r.round is not None]
    by_id: dict[str, list[Path]] = defaultdict(list)
    for record in records:
        by_id[record.round.id].append(record.path)
    documents = tuple(documents)
    for record in records:
        others = [str(p) for p in by_id[record.round.id] if p != record.path]
        if others:
            message = f"巡察轮次编号“{record.round.id}”重复：{'、'.join(others)} 也是这个文件名（编号取自文件名，请改名）"
            record.diagnostics.append(diag.error(record.path, message, code="id.duplicate"))
        for n, target in enumerate(record.round.targets):
            for doc in documents:
                if target.names(doc) and not target.reports_on(doc):
                    message = (f"通报 {doc.id} 的巡察组和被巡察党组织与这个巡察对象相同，但反馈日期不同"
                               f"（通报为 {doc.inspection.feedback}，本文件为 {target.feedback}）："
                               "请核对两者，日期不同的通报不归入本轮")
                    loc = ("targets", n, "feedback")
                    record.diagnostics.append(diag.warning(record.path, message, line_of(loc, record.lines),
                                                           dotted(loc), code="round.feedback_mismatch"))
