"""Where the package's own Chinese text lives, for the GB/T 15834 punctuation test
(tests/unit/test_punctuation.py): templates, messages in Python, the browser scripts' strings,
CSS `content`, YAML tables, the site's Markdown pages and mkdocs.yml's values.

`pieces(path)` gives (line, text) for every piece of text a reader or staff member may see;
`fix(path)` makes the half-width marks standing in Chinese sentences full-width, in place
(zhenggai.text.fullwidth_punctuation), touching nothing else. The importer's rules and the
benchmark's generator (synth/, which imitates published pages) are left out.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

import yaml

from zhenggai.text import HALFWIDTH_MARKS, fullwidth_punctuation, halfwidth_marks

ROOT = Path(__file__).resolve().parents[2]
# The importer's rules and the numbering patterns (regular expressions that match both widths)
# and the benchmark's generator (it imitates published pages, half-width marks included).
SKIPPED = ("zhenggai/importer/rules.yml", "zhenggai/synth/", "zhenggai/data/tables/numbering.yml")


def files() -> list[Path]:
    """Every file whose text the test holds to GB/T 15834."""
    package = [p for p in sorted((ROOT / "zhenggai").rglob("*"))
               if p.suffix in (".py", ".html", ".js", ".css", ".yml") and p.is_file()
               and not str(p.relative_to(ROOT)).startswith(SKIPPED)]
    theme = sorted((ROOT / "overrides").rglob("*.html")) + sorted((ROOT / "overrides").rglob("*.js"))
    pages = [p for p in sorted((ROOT / "docs").glob("*.md")) if p.name != "benchmarks.md"]  # not published
    guides = [ROOT / "README.md", ROOT / "data" / "README.md"]  # what staff read to set up and write data
    return package + theme + pages + guides + [ROOT / "mkdocs.yml"]


def pieces(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) of each piece of reader-facing text in `path`."""
    text = path.read_text(encoding="utf-8")
    for start, end in _spans(path, text):
        yield text.count("\n", 0, start) + 1, text[start:end]


def problems(path: Path) -> list[str]:
    """`file:line: text` for each piece holding a half-width mark in a Chinese sentence."""
    rel = path.relative_to(ROOT)
    found = [f"{rel}:{line}: {piece.strip()[:80]}" for line, piece in pieces(path) if halfwidth_marks(piece)]
    if path.suffix == ".html":
        text = path.read_text(encoding="utf-8")
        found += [f"{rel}:{text.count(chr(10), 0, at) + 1}: {text[max(0, at - 20):at + 20].strip()}"
                  for at in _template_marks(text)]
    return sorted(set(found))


def _template_marks(text: str) -> list[int]:
    """Marks of a template that stand in Chinese text once it is filled: a {{ value }} reads as
    a Chinese word, tags and {% … %} as nothing (`项（截至{{ date }})` has a half-width ")")."""
    hidden = r"\{#.*?#\}|<!--.*?-->|<script\b.*?</script>|<style\b.*?</style>|\{%.*?%\}|<[^>]*>"
    probe, where, at = [], [], 0
    for m in re.finditer(hidden + r"|\{\{.*?\}\}", text, re.S):
        probe += text[at:m.start()]
        where += range(at, m.start())
        if m.group().startswith("{{"):
            probe.append("字")
            where.append(-1)
        at = m.end()
    probe += text[at:]
    where += range(at, len(text))
    return [where[i] for i in halfwidth_marks("".join(probe)) if where[i] >= 0]


def fix(path: Path) -> int:
    """Make the half-width marks in `path`'s pieces full-width; how many were changed."""
    text = path.read_text(encoding="utf-8")
    changed = 0
    if path.suffix == ".html":
        marks = _template_marks(text)
        chars = list(text)
        for at in marks:
            chars[at] = HALFWIDTH_MARKS[chars[at]]
        text, changed = "".join(chars), len(marks)
    for start, end in sorted(_spans(path, text), reverse=True):
        new, n = fullwidth_punctuation(text[start:end])
        if n:
            new = re.sub(r"([，：；）]) (?=\S)", r"\1", new)  # no space after a full-width mark
            text = text[:start] + new + text[end:]
            changed += n
    if changed:
        path.write_text(text, encoding="utf-8")
    return changed


def _spans(path: Path, text: str) -> list[tuple[int, int]]:
    if path.suffix == ".py":
        return _python(text)
    if path.suffix == ".html":
        return _template(text)
    if path.suffix == ".js":
        return _strings(_blank(text, r"(?<![:\\])//[^\n]*|/\*.*?\*/"))
    if path.suffix == ".css":
        return [m.span(1) for m in re.finditer(r"content:\s*\"([^\"]*)\"", _blank(text, r"/\*.*?\*/"))]
    if path.suffix == ".yml":
        return _yaml(text)
    return _markdown(text)


def _blank(text: str, pattern: str) -> str:
    """`text` with what `pattern` matches (comments) blanked out, offsets kept."""
    return re.sub(pattern, lambda m: re.sub(r"[^\n]", " ", m.group()), text, flags=re.S)


def _strings(scan: str) -> list[tuple[int, int]]:
    """The insides of "…" and '…' string literals of `scan` (comments already blanked)."""
    return [(m.start() + 1, m.end() - 1) for m in re.finditer(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', scan)]


def _python(text: str) -> list[tuple[int, int]]:
    """String literals that are messages: not docstrings, not raw (patterns), not bytes."""
    docstrings = set()
    for node in ast.walk(ast.parse(text)):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            docstrings.add(body[0].value.lineno)
    offsets = [0]
    for line in text.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line))
    spans = []
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type != tokenize.STRING or token.start[0] in docstrings:
            continue
        prefix = re.match(r"[A-Za-z]*", token.string).group().lower()
        if "r" in prefix or "b" in prefix:
            continue
        start = offsets[token.start[0] - 1] + token.start[1]
        end = offsets[token.end[0] - 1] + token.end[1]
        quote = 3 if token.string[len(prefix):].startswith(('"""', "'''")) else 1
        spans.append((start + len(prefix) + quote, end - quote))
    return spans


def _template(text: str) -> list[tuple[int, int]]:
    """A Jinja/HTML template: its text outside tags and comments, and the strings inside tags."""
    hidden = r"\{#.*?#\}|<!--.*?-->|<script\b.*?</script>|<style\b.*?</style>"
    scan = _blank(text, hidden)
    spans, at = [], 0
    for m in re.finditer(r"\{\{.*?\}\}|\{%.*?%\}", scan, re.S):
        spans.append((at, m.start()))
        spans += [(m.start() + a, m.start() + b) for a, b in _strings(scan[m.start():m.end()])]
        at = m.end()
    spans.append((at, len(text)))
    return _outside(spans, text, hidden)


def _outside(spans: list[tuple[int, int]], text: str, hidden: str) -> list[tuple[int, int]]:
    """`spans` less what `hidden` matches in `text` (comments, code)."""
    gaps = [m.span() for m in re.finditer(hidden, text, re.S)]
    out = []
    for a, b in spans:
        for g0, g1 in gaps:
            if g1 <= a or g0 >= b:
                continue
            if a < g0:
                out.append((a, g0))
            a = max(a, g1)
        if a < b:
            out.append((a, b))
    return out


def _yaml(text: str) -> list[tuple[int, int]]:
    """The values of a YAML file (not its comments, not its keys)."""
    spans = []
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.ScalarEvent) and event.start_mark.index != event.end_mark.index:
            value = text[event.start_mark.index:event.end_mark.index]
            if re.search(r"[\u3400-\u9fff]", value):
                spans.append((event.start_mark.index, event.end_mark.index))
    return spans


def _markdown(text: str) -> list[tuple[int, int]]:
    """A Markdown page: its text outside code blocks and inline code."""
    code = r"```.*?```|`[^`\n]*`|\]\([^)\n]*\)"  # code, and link targets
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    return _outside(lines, text, code)
