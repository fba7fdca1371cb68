"""The build's options: one object, built once, passed down. The only reader of ZHENGGAI_* variables.

`zhenggai build` makes it from its command line (every switch that changes what is published
is an option `zhenggai build --help` shows) and the environment, completes it with the clock
and whether the build publishes, and hands it to the engine's process as one variable
(`ENGINE_VARIABLE`, JSON); the engine reads it back with `Options.from_environment()`. The
settings of `zhenggai.yml` are read once beside it (`data.load_settings`) and where both say
something the option wins (the PDF cluster: command line, then environment, then the file).

An engine run directly (`make serve`, the benchmark) is never a publishing build; for it, and
only for it, a few variables still apply: ZHENGGAI_PDF=0 (no PDFs), ZHENGGAI_PREVIEW=1 (errors
shown as pages), ZHENGGAI_TIMINGS (where the stage timings go), ZHENGGAI_PENDING (where the
versions it would add are listed, for the benchmark to record as `zhenggai build` does).
`zhenggai build` ignores them and says so (`ignored_variables`). ZHENGGAI_CHECKPOINT_FILE and ZHENGGAI_PAUSE_AT are the test
suite's hooks (see `log.checkpoint`); they change nothing that is built.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .clock import Clock

ENGINE_VARIABLE = "ZHENGGAI_BUILD"  # the options `zhenggai build` hands to its engine's process
PDF_CLUSTER_VARIABLE = "ZHENGGAI_PDF_CLUSTER"
# The PDF cluster's TLS files (as --pdf-cluster-ca, -cert, -key), and for an engine run
# directly, the consent to plain tcp:// beyond this machine that `zhenggai build` takes only
# from its command line (--pdf-cluster-insecure).
TLS_VARIABLES = {"ca": "ZHENGGAI_PDF_CLUSTER_CA", "cert": "ZHENGGAI_PDF_CLUSTER_CERT", "key": "ZHENGGAI_PDF_CLUSTER_KEY"}
INSECURE_VARIABLE = "ZHENGGAI_PDF_CLUSTER_INSECURE"
# Read only when the engine runs without `zhenggai build` (make serve, the benchmark).
DIRECT_ONLY = ("ZHENGGAI_PDF", "ZHENGGAI_PREVIEW", "ZHENGGAI_TIMINGS", "ZHENGGAI_PENDING", "ZHENGGAI_RECORD_VERSIONS",
               "ZHENGGAI_PDF_CLUSTER_INSECURE")
CHECKPOINT_VARIABLE = "ZHENGGAI_CHECKPOINT_FILE"
PAUSE_VARIABLE = "ZHENGGAI_PAUSE_AT"
OPENDATA_WORKER_VARIABLE = "ZHENGGAI_OPENDATA_WORKER"


@dataclass(frozen=True)
class Options:
    """What one build does beyond its data and settings."""

    pdfs: bool = True  # render and link the PDFs (`--no-pdf` makes the build a preview)
    pdf_cluster: str | None = None  # a Dask scheduler or `local`, from the command line or environment
    pdf_cluster_from: str = ""  # where it was given, for messages: `--pdf-cluster` or the variable
    pdf_cluster_ca: str | None = None  # the cluster's TLS files given here (data/cluster_settings.py)
    pdf_cluster_cert: str | None = None
    pdf_cluster_key: str | None = None
    pdf_cluster_insecure: bool = False  # plain tcp:// beyond this machine allowed (--pdf-cluster-insecure)
    publish: bool = False  # a publishing build: its new PDF versions are recorded (see build.publish)
    require_publish: bool = False  # `--publish`: fail rather than preview (for pipelines that deploy)
    preview_reasons: tuple[str, ...] = ()  # why a `zhenggai build` is only a preview, in Chinese
    pending: Path | None = None  # where the engine lists the PDF versions the build adds
    preview_errors: bool = False  # show data errors as pages instead of failing (`make serve`)
    timings: Path | None = None  # where the stage timings go (the benchmark)
    opendata_worker: bool = True  # run the open-data stage in a worker process beside the pages
    clock: Clock | None = None  # the build's day (None: the engine reads it, as `make serve` does)

    def engine_environment(self) -> dict[str, str]:
        """The variable handing these options to the engine's process."""
        raw = asdict(self)
        raw["pending"] = str(self.pending) if self.pending else None
        raw["timings"] = str(self.timings) if self.timings else None
        raw["clock"] = self.clock.as_json() if self.clock else None
        raw["preview_reasons"] = list(self.preview_reasons)
        return {ENGINE_VARIABLE: json.dumps(raw, ensure_ascii=False)}

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Options:
        """The options of this process: those `zhenggai build` handed over, else an engine run directly."""
        environ = os.environ if environ is None else environ
        handed = environ.get(ENGINE_VARIABLE)
        if handed:
            return _from_json(json.loads(handed))
        cluster = environ.get(PDF_CLUSTER_VARIABLE, "").strip() or None
        timings, pending = environ.get("ZHENGGAI_TIMINGS"), environ.get("ZHENGGAI_PENDING")
        return cls(
            pdfs=environ.get("ZHENGGAI_PDF", "1") != "0",
            pdf_cluster=cluster, pdf_cluster_from=f"环境变量 {PDF_CLUSTER_VARIABLE}" if cluster else "",
            **_tls_files({}, environ), pdf_cluster_insecure=environ.get(INSECURE_VARIABLE) == "1",
            preview_errors=environ.get("ZHENGGAI_PREVIEW") == "1",
            timings=Path(timings) if timings else None, pending=Path(pending) if pending else None,
            opendata_worker=environ.get(OPENDATA_WORKER_VARIABLE, "1") != "0",
        )


def command_line_options(pdfs: bool = True, pdf_cluster: str | None = None, require_publish: bool = False,
                         environ: Mapping[str, str] | None = None, tls: Mapping[str, str | None] | None = None,
                         insecure: bool = False) -> Options:
    """The options of `zhenggai build` (before the clock and the publish decision are added); `tls`
    the cluster's files given on the command line (ca, cert, key), `insecure` its consent to tcp://."""
    environ = os.environ if environ is None else environ
    from_env = environ.get(PDF_CLUSTER_VARIABLE, "").strip() or None
    cluster, where = (pdf_cluster, "--pdf-cluster") if pdf_cluster else (from_env, f"环境变量 {PDF_CLUSTER_VARIABLE}")
    return Options(
        pdfs=pdfs, pdf_cluster=cluster, pdf_cluster_from=where if cluster else "",
        **_tls_files(tls or {}, environ), pdf_cluster_insecure=insecure,
        require_publish=require_publish,
        opendata_worker=environ.get(OPENDATA_WORKER_VARIABLE, "1") != "0",
    )


# What to use instead of each variable `zhenggai build` ignores, said when one is set.
_INSTEAD = {"ZHENGGAI_PDF": "不生成 PDF 的预览请用 --no-pdf", "ZHENGGAI_PREVIEW": "它只用于 make serve",
            "ZHENGGAI_PDF_CLUSTER_INSECURE": "请用 --pdf-cluster-insecure"}


def ignored_variables(environ: Mapping[str, str] | None = None) -> list[str]:
    """The variables set here that `zhenggai build` does not read (they used to change what it published)."""
    environ = os.environ if environ is None else environ
    return [name for name in DIRECT_ONLY if name in environ]


def ignored_variable_notes(environ: Mapping[str, str] | None = None) -> list[str]:
    """A note for each of `ignored_variables`, saying what to use instead."""
    return [f"注意：环境变量 {name} 对 zhenggai build 不起作用（{_INSTEAD.get(name, '它只用于 make serve 和基准测试')}）"
            for name in ignored_variables(environ)]


def checkpoint_file(environ: Mapping[str, str] | None = None) -> str | None:
    """The test suite's file of reached build stages (see `log.checkpoint`)."""
    return (os.environ if environ is None else environ).get(CHECKPOINT_VARIABLE) or None


def pause_at(environ: Mapping[str, str] | None = None) -> str | None:
    """The stage at which the test suite holds a build until it is killed."""
    return (os.environ if environ is None else environ).get(PAUSE_VARIABLE) or None


def _tls_files(given: Mapping[str, str | None], environ: Mapping[str, str]) -> dict[str, str | None]:
    """The cluster's TLS files as Options fields: given on the command line, else in the environment."""
    return {f"pdf_cluster_{part}": given.get(part) or environ.get(name, "").strip() or None
            for part, name in TLS_VARIABLES.items()}


def _from_json(raw: dict[str, Any]) -> Options:
    return Options(
        pdfs=bool(raw["pdfs"]), pdf_cluster=raw.get("pdf_cluster"), pdf_cluster_from=raw.get("pdf_cluster_from", ""),
        pdf_cluster_ca=raw.get("pdf_cluster_ca"), pdf_cluster_cert=raw.get("pdf_cluster_cert"),
        pdf_cluster_key=raw.get("pdf_cluster_key"), pdf_cluster_insecure=bool(raw.get("pdf_cluster_insecure")),
        publish=bool(raw["publish"]), preview_reasons=tuple(raw.get("preview_reasons", ())),
        pending=Path(raw["pending"]) if raw.get("pending") else None,
        require_publish=bool(raw.get("require_publish")), preview_errors=bool(raw.get("preview_errors")),
        timings=Path(raw["timings"]) if raw.get("timings") else None,
        opendata_worker=bool(raw.get("opendata_worker", True)),
        clock=Clock.from_json(raw["clock"]) if raw.get("clock") else None,
    )
