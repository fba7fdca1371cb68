"""The PDF stage on a Dask cluster (`zhenggai build --pdf-cluster tls://HOST:8786`).

The jobs go to a running `dask scheduler`; its workers send back PDF bytes and this process
writes them into the cache exactly as the local pool's jobs do, so the cache, the manifests
and the bytes themselves are the same whichever renders them. Dask is imported here only,
and only when a cluster is set: a local build never loads it.

Before any job runs every worker's `Fingerprint` (package version, libraries, fonts, code and
templates digest) must equal this machine's: a worker that differs would write other bytes
under the same cache key. Each job checks again on its worker, so that a worker joining later
cannot slip in either. A worker that dies mid-job: the scheduler gives its jobs to the others
(Dask's own rescheduling, up to `distributed.scheduler.allowed-failures` times per job).

On a worker, each thread renders through a `BatchRenderer` child process, replaced after
`batch.RECYCLE_AFTER` documents: the worker's memory stays bounded however long the build.

The scheduler is reached over TLS with this client's certificate (data/cluster_settings.py
says when plain tcp:// is allowed), and what a worker returns is checked (received.py) and
stored under the id of the job this client sent, never under one the worker names.
"""

from __future__ import annotations

import queue
import socket
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError
from dataclasses import dataclass

from ..data.cluster_settings import Cluster, is_loopback
from ..errors import ZhenggaiError
from ..log import Progress, checkpoint
from ..log import logger as stage_logger
from ..model import Document
from .batch import BatchRenderer
from .environment import Fingerprint, fingerprint
from .fonts import STAND_INS, GlyphMissingError
from .printhtml import Rendering
from .received import check_received

logger = stage_logger("pdf")

CONNECT_SECONDS = 5  # to reach the scheduler: a wrong address fails within seconds
WORKERS_SECONDS = 10  # for a first worker to be there
STALLED_SECONDS = 60  # jobs left and not one worker on the cluster all this time: give up
SETTINGS = " --pdf-cluster 选项、ZHENGGAI_PDF_CLUSTER 环境变量或 zhenggai.yml 的 pdf_cluster"
CERTIFICATES = "zhenggai.yml 的 pdf_cluster_tls（或 --pdf-cluster-ca、--pdf-cluster-cert、--pdf-cluster-key）"


class ClusterError(ZhenggaiError, RuntimeError):
    """The cluster cannot render this build's PDFs; the message is for staff, `code` for tools."""

    def __init__(self, message: str, code: str = "cluster.failed") -> None:
        super().__init__(message, code)  # both in args: the error travels from workers by pickle

    @property
    def message(self) -> str:
        return self.args[0]

    @property
    def code(self) -> str:
        return self.args[1]

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class RemoteResult:
    """What a worker sends back for one document."""

    doc_id: str
    data: bytes
    pages: int
    worker: str


def render_on_cluster(
    cluster: Cluster | str, jobs: Sequence[tuple[Document, bytes, Rendering]], store: Callable[[str, bytes, int], None]
) -> None:
    """Render each (document, published source, rendering) of `jobs` on `cluster` (or the scheduler at that
    address: loopback only, without TLS), in order, handing each PDF to `store(doc_id, data,
    pages)` as it arrives, once checked (received.py).

    Raises ClusterError (plain tcp:// beyond this machine not allowed, unreachable, TLS refused,
    no workers, a worker differs from this machine or returns a PDF that fails the checks, a job
    kept failing) and, after all jobs, GlyphMissingError naming every document concerned.
    """
    import dask
    import distributed

    cluster = cluster if isinstance(cluster, Cluster) else Cluster(cluster)
    address = cluster.address
    if cluster.tls is None and not cluster.insecure and not is_loopback(address):
        raise ClusterError(f"PDF 集群 {address} 不加密、不验证身份，未连接：请改用 tls:// 地址和证书。", "cluster.insecure")
    expected = fingerprint()
    # Every connection this client opens (scheduler, reconnects) gives up within seconds.
    with dask.config.set({"distributed.comm.timeouts.connect": f"{CONNECT_SECONDS}s"}):
        try:
            client = distributed.Client(address, timeout=CONNECT_SECONDS, set_as_default=False,
                                        security=_security(distributed, cluster))
        except (OSError, TimeoutError) as exc:
            raise _unreachable(cluster, exc) from None
        with client:
            workers = _check_workers(client, expected, address)
            threads = sum(info["nthreads"] for info in workers.values())
            logger.info("PDF：发往集群 %s，%d 个工作节点，共 %d 个线程", address, len(workers), threads)
            _run(distributed, client, list(jobs), expected, store)


def _security(distributed, cluster: Cluster):
    """Dask's Security: mutual TLS with the configured files, and nothing unencrypted."""
    if cluster.tls is None:
        return distributed.security.Security()
    tls = cluster.tls
    return distributed.security.Security(tls_ca_file=str(tls.ca), tls_client_cert=str(tls.cert),
                                         tls_client_key=str(tls.key), require_encryption=True)


def _unreachable(cluster: Cluster, exc: BaseException) -> ClusterError:
    address = cluster.address
    if cluster.tls is not None and ("SSL" in str(exc) or "TLS" in str(exc) or "certificate" in str(exc)):
        return ClusterError(
            f"与 PDF 集群的调度器 {address} 建立 TLS 连接失败：双方的证书不是同一个 CA 签发的、已过期，"
            f"或对方不是用 TLS 启动的。请核对 {CERTIFICATES} 和调度器的 --tls-ca-file、--tls-cert、--tls-key。",
            "cluster.tls_refused")
    return ClusterError(
        f"无法在 {CONNECT_SECONDS} 秒内连接 PDF 集群的调度器 {address}。请确认该机器上已运行"
        f" `dask scheduler`、端口可以访问；不使用集群时，去掉{SETTINGS}。",
        "cluster.unreachable",
    )


def _check_workers(client, expected: Fingerprint, address: str) -> dict:
    """The workers of the cluster, each checked against this machine; ClusterError when one differs."""
    try:
        client.wait_for_workers(1, timeout=WORKERS_SECONDS)
    except TimeoutError:
        raise ClusterError(
            f"PDF 集群的调度器 {address} 在 {WORKERS_SECONDS} 秒内没有任何工作节点。"
            f"请在装有本项目和字体的机器上运行 `dask worker {address}`。",
            "cluster.no_workers",
        ) from None
    theirs = client.run(_worker_fingerprint, on_error="return")
    problems = []
    for worker, found in sorted(theirs.items()):
        if isinstance(found, Fingerprint):
            problems += [f"{worker}: {text}" for text in expected.differences(found)]
        else:
            problems.append(f"{worker}: 无法检查渲染环境（{_explain(found)}）")
    if problems:
        raise ClusterError(
            "PDF 集群中有工作节点与本机的渲染环境不同，它们生成的 PDF 会与本机不同，因此没有发出任何任务：\n"
            + "\n".join(f"  {p}" for p in problems)
            + "\n请在这些机器上安装与本机相同版本的本项目（make .venv/.installed）和字体"
            f"(sh scripts/sysdeps.sh {' '.join(sorted({s.package for s in STAND_INS}))} libharfbuzz-subset0),"
            "再重启 dask worker。",
            "cluster.mismatch",
        )
    info = client.scheduler_info(n_workers=-1)["workers"]
    return {worker: info[worker] for worker in theirs if worker in info}


def _explain(error) -> str:
    if isinstance(error, ModuleNotFoundError) and (error.name or "").split(".")[0] == "zhenggai":
        return "该节点未安装本项目 zhenggai"
    return f"{type(error).__name__}: {error}"


def _run(distributed, client, jobs: list, expected: Fingerprint, store) -> None:
    """Submit the jobs a window at a time (the scheduler holds only that many documents), store
    the results as they come, log progress per worker."""
    waiting = list(reversed(jobs))  # popped from the end: the given order
    running: dict = {}  # future → (document, source) of the job
    finished: queue.SimpleQueue = queue.SimpleQueue()  # futures done, put there by Dask's callback thread
    progress = Progress(len(jobs), "PDF", logger)
    per_worker: Counter[str] = Counter()
    names: dict[str, str] = {}  # worker address → how progress names it
    errors: list[str] = []
    stalled_since: float | None = None
    try:
        while waiting or running:
            workers = client.scheduler_info(n_workers=-1)["workers"]
            threads = sum(w["nthreads"] for w in workers.values())
            names.update({address: _label(address, info.get("name")) for address, info in workers.items()})
            while waiting and len(running) < max(8, 4 * threads):
                doc, source, rendering = waiting.pop()
                future = client.submit(
                    _render_remote, doc, source, rendering, expected,
                    key=f"zhenggai-pdf-{doc.id}-{uuid.uuid4().hex[:12]}",
                )
                running[future] = (doc, source)
                future.add_done_callback(finished.put)
            done = []
            try:
                done.append(finished.get(timeout=2))
                while not finished.empty():
                    done.append(finished.get())
            except queue.Empty:
                pass
            for future in done:
                doc, source = running.pop(future)
                result = _result(distributed, future, doc.id, errors)
                future.release()
                if result is not None:
                    worker = names.get(result.worker) or _label(result.worker, None)
                    _check(doc, source, result, worker)
                    store(doc.id, result.data, result.pages)  # the job's id, whatever the worker says
                    per_worker[worker] += 1
                progress.step(_note(per_worker))
            if threads:
                stalled_since = None
            elif stalled_since is None:
                stalled_since = time.monotonic()
            elif time.monotonic() - stalled_since > STALLED_SECONDS:
                raise ClusterError(
                    f"PDF 集群已有 {STALLED_SECONDS} 秒没有任何工作节点，还有 {len(waiting) + len(running)}"
                    " 份文件未渲染。请启动 dask worker 后重新构建。",
                    "cluster.no_workers",
                )
    except BaseException:
        client.cancel(list(running))
        raise
    logger.info("PDF 各工作节点渲染：%s", _note(per_worker))
    if errors:
        raise GlyphMissingError("\n".join(sorted(errors)))


def _check(doc: Document, source: bytes, result: RemoteResult, worker: str) -> None:
    """ClusterError when what the worker sent is not this document's PDF (see received.py)."""
    problems = [] if result.doc_id == doc.id else [f"工作节点说这是 {result.doc_id} 的 PDF"]
    problems += check_received(doc, source, result.data, result.pages)
    if problems:
        raise ClusterError(
            f"{doc.id}: 工作节点 {worker} 返回的 PDF 未通过核对，构建已停止，这份 PDF 没有保存："
            + "；".join(problems) + "。这台机器上的程序可能被改动过，请检查后重新安装本项目再重启 dask worker。",
            "cluster.bad_result",
        )


def _result(distributed, future, doc_id: str, errors: list[str]) -> RemoteResult | None:
    """The job's result; a missing glyph is noted in `errors` (None), anything else stops the build."""
    try:
        return future.result()
    except GlyphMissingError as exc:
        errors.append(str(exc))
        return None
    except ClusterError:
        raise
    except distributed.KilledWorker:
        raise ClusterError(
            f"{doc_id}: 渲染这份文件的工作节点接连退出，已放弃（可能是这份文件使渲染进程崩溃或内存不足）。",
            "cluster.killed",
        ) from None
    except CancelledError:
        raise ClusterError("与 PDF 集群调度器的连接中断，构建未完成。", "cluster.lost") from None
    except Exception as exc:  # noqa: BLE001 — a worker's failure, said with its own message
        raise ClusterError(f"{doc_id}: 工作节点渲染失败：{exc}", "cluster.job_failed") from None


def _label(address: str, name) -> str:
    """A worker as progress shows it: its `--name` and host, or its address."""
    host = address.removeprefix("tcp://").removeprefix("tls://")
    return f"{name}@{host.rsplit(':', 1)[0]}" if isinstance(name, str) and name and name != address else host


def _note(per_worker: Counter[str]) -> str:
    return "、".join(f"{worker} {n} 个" for worker, n in sorted(per_worker.items()))


# What runs on the workers.

_local = threading.local()


def _worker_fingerprint() -> Fingerprint:
    return fingerprint()


def _worker_address() -> str:
    from distributed import get_worker

    try:
        return get_worker().address
    except ValueError:  # not in a worker (a test calling the job directly)
        return socket.gethostname()


def _render_remote(doc: Document, source: bytes, rendering: Rendering, expected: Fingerprint) -> RemoteResult:
    """One job on a worker: the same environment as the client's, or no PDF at all."""
    differences = expected.differences(fingerprint())
    if differences:
        raise ClusterError(
            f"工作节点 {_worker_address()} 与发出任务的机器渲染环境不同，拒绝渲染：" + "；".join(differences),
            "cluster.mismatch",
        )
    checkpoint("pdf-job")
    renderer = getattr(_local, "renderer", None)
    if renderer is None:
        renderer = _local.renderer = BatchRenderer()
    data, pages = renderer.render(doc, source, rendering)
    return RemoteResult(doc.id, data, pages, _worker_address())
