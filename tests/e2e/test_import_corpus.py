"""The importer on real published fragments (../shared/corpus/, beside the repository; read at
test time, never copied in): the corpus score, a mark on every problem title it gets wrong,
and none of the corpus's sentences anywhere in the repository."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from zhenggai.importer import import_notice

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
GOAL = 90
# What the importer reaches today (2026-12-07: openings 100%, totals 100%, all 98%): a change that
# loses a fact the corpus had right fails here, though the goal still holds.
REACHED = {"opening": 100, "totals": 100, "all": 98}
# A plain opening of our own, for body fragments (they stand after one in their notices).
OPENING = ("某局党组关于巡察整改情况的通报\n根据市委统一部署，2024年3月1日至4月30日，市委第二巡察组对某局党组进行了巡察。"
           "2024年6月3日，市委第二巡察组向某局党组反馈了巡察意见。现将整改情况予以公布。\n")


def _cases() -> list[tuple[str, dict]]:
    return [(path.stem, yaml.safe_load(path.read_text(encoding="utf-8"))) for path in sorted(CORPUS.glob("*.yml"))]


def test_the_corpus_is_beside_the_repository():
    # It stands at ../shared/corpus in every checkout that runs the tests, CI's included.
    assert len(_cases()) >= 31, f"the corpus of real fragments is missing: {CORPUS}"


def test_the_corpus_scores_at_least_the_goal_in_each_kind():
    result = subprocess.run([sys.executable, str(CORPUS / "score.py")], cwd=ROOT, capture_output=True, text=True,
                            timeout=600)
    last = result.stdout.strip().splitlines()[-1]
    shares = {kind: int(share) for kind, share in re.findall(r"(\w+) \d+/\d+ = (\d+)%", last)}
    overall = int(re.search(r"all (\d+)%", last).group(1))
    print(last)
    assert overall >= GOAL, result.stdout
    assert {"opening", "totals"} <= set(shares) and min(shares["opening"], shares["totals"]) >= GOAL, last
    reached = {**shares, "all": overall}
    assert all(reached[kind] >= share for kind, share in REACHED.items()), result.stdout


def _plain(text: str) -> str:
    text = re.sub(r"\s", "", str(text or "")).translate(str.maketrans(",:;()", "，：；（）"))
    return text.strip("“”\"'。；，：")


def _problems(data: dict):
    def walk(sections):
        for section in sections or ():
            for category in section.get("categories", ()):
                yield from category.get("problems", ())
            yield from walk(section.get("sections"))
    yield from walk(data.get("sections"))


@pytest.mark.parametrize("name", [n for n, c in _cases() if c["kind"] == "structure"])
def test_no_problem_title_that_is_no_problem_of_the_text_goes_unmarked(name, tmp_path):
    case = dict(_cases())[name]
    truth = [_plain(u["title"]) for u in case["truth"].get("units", ()) if u.get("role") == "problem" and u.get("title")]
    source = tmp_path / "fragment.txt"
    source.write_text(OPENING + case["text"], encoding="utf-8")
    draft = import_notice(source)
    marked = {id(d.about) for d in draft.doubts if d.about is not None}
    for problem in _problems(draft.data):
        title = _plain(problem["title"])
        right = any(title == t or title in t or t in title for t in truth)
        assert right or id(problem) in marked, f"{name}: “{problem['title']}” is no problem of the text, and unmarked"


def _flat(text: str) -> str:
    return re.sub(r"\s", "", text).translate(str.maketrans("，：；（）", ",:;()"))


# Words of the set formulas and slogans every notice uses (现将……予以公布, 四个自信): shared, not copied.
FORMULAS = re.compile(r"现将|予以|有关|统一部署|统一安排|四个自信|两个维护|四个意识|党务公开")
WINDOW = 16  # characters: a run this long shared with a fragment is copied, not a coincidence


def test_no_text_of_the_corpus_is_in_the_repository():
    # Set formulas (按照党务公开原则和巡察工作有关要求……) are in every notice, our three seeds too.
    seeds = "".join(_flat(p.read_text(encoding="utf-8")) for p in (ROOT / "tests" / "seeds").glob("*.txt"))
    windows = set()
    for _, case in _cases():
        for sentence in re.split(r"[。；!?！？\n]", case["text"]):
            sentence = _flat(sentence)
            windows |= {sentence[i:i + WINDOW] for i in range(0, max(len(sentence) - WINDOW + 1, 0))}
    windows = {w for w in windows if w not in seeds and not FORMULAS.search(w)}
    assert len(windows) > 1000
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, files):
        path = ROOT / name.decode()
        if not path.is_file() or path.stat().st_size > 5_000_000:
            continue
        text = _flat(path.read_bytes().decode("utf-8", errors="ignore"))
        grams = {text[i:i + WINDOW] for i in range(0, max(len(text) - WINDOW + 1, 0))}
        found = sorted(grams & windows)
        assert not found, f"{name.decode()} holds corpus text: {found[:3]}"
