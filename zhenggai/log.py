"""Logging: one logger tree (`zhenggai.<stage>`), what each level means, and progress.

Levels, in one place:

- ERROR   — the build cannot go on (data errors, a missing font, a bad setting); nothing is
            published. Data diagnostics of this level also make `zhenggai validate` exit 1.
- WARNING — suspicious data or settings that do not block publishing (declared totals that
            differ from what a notice lists, unset footer items).
- INFO    — what a stage did (`PDF:渲染 3 个,复用缓存 0 个`) and progress of long stages.
- DEBUG   — timings and cache decisions, for developers.

The stages log through `logger("pdf")` etc. and never print. An engine adapter shows the
tree in its own output with `forward(...)` (MkDocs: its `mkdocs` log); the command line
shows INFO and above on stderr (`show_on_stderr`).
"""

from __future__ import annotations

import logging
import sys
import time

from .options import CHECKPOINT_VARIABLE, PAUSE_VARIABLE, checkpoint_file, pause_at

ROOT = "zhenggai"


def logger(stage: str) -> logging.Logger:
    """The logger of one stage, e.g. `logger("pdf")` → `zhenggai.pdf`."""
    return logging.getLogger(f"{ROOT}.{stage}")


class _Forward(logging.Handler):
    """Re-emits each record on another logger, warnings as INFO (see `forward`)."""

    def __init__(self, target: logging.Logger) -> None:
        super().__init__(logging.DEBUG)
        self.target = target

    def emit(self, record: logging.LogRecord) -> None:
        level = logging.INFO if record.levelno == logging.WARNING else record.levelno
        self.target.log(level, record.getMessage())


def forward(target: logging.Logger, level: int = logging.INFO) -> None:
    """Show the `zhenggai` tree at `level` and above in `target`'s output, replacing an earlier forward.

    Our warnings go out as INFO (their text starts with 警告), so that an engine's strict
    mode, which fails on any warning of its own log, still publishes suspicious but valid data.
    """
    root = logging.getLogger(ROOT)
    for handler in list(root.handlers):
        if isinstance(handler, _Forward | _Stderr):
            root.removeHandler(handler)
    root.addHandler(_Forward(target))
    root.setLevel(level)
    root.propagate = False


class _Stderr(logging.StreamHandler):
    pass


def show_on_stderr(level: int = logging.INFO) -> None:
    """Show the `zhenggai` tree on stderr (the command line)."""
    root = logging.getLogger(ROOT)
    if not any(isinstance(h, _Stderr | _Forward) for h in root.handlers):
        handler = _Stderr(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        root.addHandler(handler)
    root.setLevel(level)


class Progress:
    """Progress of a long stage, logged at INFO every tenth of the way (more than a handful to do)."""

    HANDFUL = 5

    def __init__(self, total: int, label: str, log: logging.Logger) -> None:
        self.total, self.done, self.label, self.log = total, 0, label, log
        self.shown = total > self.HANDFUL
        self._every = max(1, total // 10)

    def step(self, note: str = "") -> None:
        self.done += 1
        if self.shown and (self.done == self.total or self.done % self._every == 0):
            self.log.info("%s %d/%d%s", self.label, self.done, self.total, f"({note})" if note else "")


CHECKPOINT_FILE = CHECKPOINT_VARIABLE
PAUSE_AT = PAUSE_VARIABLE


def checkpoint(stage: str) -> None:
    """Note that the build reached `stage` (`load`, `pdf`, `render` in each PDF job, `pages`,
    `search`, `publish`; on a PDF cluster's worker, `pdf-job` as each job starts).

    Only when told to by the environment, for tests that must act at a known point of a
    build (kill it there): ZHENGGAI_CHECKPOINT_FILE names a file each stage's name is
    appended to, and ZHENGGAI_PAUSE_AT=<stage> makes the build wait there until it is killed.
    """
    path = checkpoint_file()
    if path:
        with open(path, "a", encoding="utf-8") as file:
            file.write(stage + "\n")
    if pause_at() == stage:
        while True:
            time.sleep(3600)
