"""The PDF stage on a real Dask cluster: a `dask scheduler` and `dask worker` processes on 127.0.0.1.

Same bytes as a local build, a worker killed mid-job, workers that differ from the client,
an unreachable scheduler; and the recycled renderer processes of the local pool and workers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml
from conftest import VALID_YAML
from support.repo import commit_all, init
from support.site import ROOT, build, make_project, pdf_switch

from zhenggai.testing.local_cluster import LocalCluster
from zhenggai.cli import main
from zhenggai.data import Collection, load_all
from zhenggai.data.cluster_settings import Cluster, ClusterTls
from zhenggai.data.dump import published_yaml
from zhenggai.clock import read_clock
from zhenggai.pdf.printhtml import DEFAULT_SITE, Rendering
from zhenggai.pdf import ClusterError, GlyphMissingError, archive, write_pdfs
from zhenggai.pdf import cluster as pdf_cluster
from zhenggai.pdf.batch import BatchRenderer

JOB_MARK = "pdf-job"  # what log.checkpoint() writes on a worker when a job starts there


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """A real notice (the smallest example) and three small ones: more jobs than workers."""
    folder = tmp_path_factory.mktemp("cluster-data")
    example = min((ROOT / "data").glob("*.yml"), key=lambda p: p.stat().st_size)
    shutil.copy(example, folder / example.name)
    for n in range(1, 4):
        text = VALID_YAML.replace("2019-00001", f"2019-{9000 + n:05d}").replace("某某局", f"第{n}局")
        (folder / f"doc-{n}.yml").write_text(text, encoding="utf-8")
    return folder


# Each PDF names the site that made it: mkdocs.yml's site_name, as a build passes it.
SITE_NAME = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"]


@pytest.fixture(scope="module")
def reference(data, tmp_path_factory) -> dict[str, bytes]:
    """Every PDF as the local pool renders it: what a cluster must give, byte for byte (each PDF
    names the site that made it: mkdocs.yml's site_name, as a build passes it)."""
    folder = tmp_path_factory.mktemp("local")
    records = write_pdfs(load_all([data]).collection, folder / "out", folder / "cache", jobs=2, site_name=SITE_NAME)
    return {r.id: (folder / "out" / r.filename).read_bytes() for r in records}


@pytest.fixture
def cluster(tmp_path):
    with LocalCluster(tmp_path / "cluster") as running:
        running.start_scheduler()
        yield running


def _worker_env(tmp_path: Path, name: str, **extra: str) -> dict[str, str]:
    return {"ZHENGGAI_CHECKPOINT_FILE": str(tmp_path / f"marks-{name}"), **extra}


def _marks(tmp_path: Path, name: str) -> list[str]:
    path = tmp_path / f"marks-{name}"
    return path.read_text(encoding="utf-8").split() if path.exists() else []


def _pdfs(folder: Path) -> dict[str, bytes]:
    return {p.stem: p.read_bytes() for p in folder.glob("*.pdf")}


def test_cluster_build_gives_the_same_pdfs_and_manifests(tmp_path, cluster, data, capfd, monkeypatch):
    """`pdf_cluster:` in zhenggai.yml reaches the PDF stage in MkDocs' process; both workers render."""
    for name in ("a", "b"):
        cluster.add_worker(name, env=_worker_env(tmp_path, name))
    # A publishing build (it records versions): the data committed in the project, dated by the commit.
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = make_project(tmp_path / "project", data_dir=data)
    shutil.copytree(data, project / "data")
    (project / "zhenggai.yml").write_text(f"data_dir: data\npdf_cluster: {cluster.address}\n", encoding="utf-8")
    init(project, "2026-12-01T10:00:00+08:00")
    # What the local pool renders on the commit's day: each PDF says the day it was made.
    records = write_pdfs(load_all([data]).collection, tmp_path / "local", tmp_path / "local-cache", jobs=2,
                         site_name=SITE_NAME, rendered_on=dt.date(2026, 12, 1))
    reference = {r.id: (tmp_path / "local" / r.filename).read_bytes() for r in records}
    site = build(project)
    assert _pdfs(site / "pdf") == reference
    err = capfd.readouterr().err
    assert f"PDF：发往集群 {cluster.address}，2 个工作节点，共 2 个线程" in err
    [line] = [line for line in err.splitlines() if "PDF 各工作节点渲染：" in line]
    counts = dict(re.findall(r"(\w)@127\.0\.0\.1 (\d+) 个", line))
    assert set(counts) == {"a", "b"} and sum(map(int, counts.values())) == len(reference)
    assert [len(_marks(tmp_path, n)) for n in ("a", "b")] == [int(counts["a"]), int(counts["b"])]
    manifest = (site / "pdf" / "manifest.json").read_text(encoding="utf-8")
    for doc_id, pdf in reference.items():
        assert hashlib.sha256(pdf).hexdigest() in manifest, doc_id
    # The cluster's PDFs are published and archived like the local pool's: recorded in archive/,
    # then served from there by a build on the local pool, which renders nothing.
    assert _pdfs(project / "archive" / "pdf") == reference
    locked = json.loads((project / "archive" / "versions.json").read_text(encoding="utf-8"))["documents"]
    assert {i: [v["sha256"] for v in vs] for i, vs in locked.items()} == {
        i: [hashlib.sha256(pdf).hexdigest()] for i, pdf in reference.items()}
    settings = project / "zhenggai.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(f"pdf_cluster: {cluster.address}\n", ""),
                        encoding="utf-8")
    commit_all(project, "archive, and no cluster", "2026-12-01T10:00:00+08:00")
    shutil.rmtree(project / ".cache")
    assert _pdfs(build(project) / "pdf") == reference
    assert not list((project / ".cache" / "pdf").glob("*.pdf")), "a published PDF was rendered again"


def test_a_worker_killed_mid_job_is_replaced_and_the_bytes_are_the_same(tmp_path, cluster, data, reference, caplog):
    # Worker a waits inside its first job (log.checkpoint) until it is killed there.
    cluster.add_worker("a", env=_worker_env(tmp_path, "a", ZHENGGAI_PAUSE_AT=JOB_MARK))
    cluster.add_worker("b", env=_worker_env(tmp_path, "b"))
    collection = load_all([data]).collection
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(write_pdfs(collection, tmp_path / "out", tmp_path / "cache", cluster=cluster.address,
                                      site_name=SITE_NAME))
        except BaseException as exc:  # noqa: BLE001 — handed to the test's thread
            outcome.append(exc)

    with caplog.at_level(logging.INFO, logger="zhenggai.pdf"):
        builder = threading.Thread(target=run)
        builder.start()
        deadline = time.monotonic() + 120
        while _marks(tmp_path, "a") != [JOB_MARK]:
            assert builder.is_alive() and time.monotonic() < deadline, "worker a never started a job"
            time.sleep(0.1)
        cluster.kill("a")
        builder.join(timeout=300)
    assert not builder.is_alive(), "the build did not finish after the kill"
    [records] = outcome
    assert not isinstance(records, BaseException), records
    assert all(r.rendered for r in records)
    assert _pdfs(tmp_path / "out") == reference
    assert f"PDF 各工作节点渲染：b@127.0.0.1 {len(reference)} 个" in caplog.messages


def _modified_package(tmp_path: Path) -> Path:
    """A copy of the package with one print template changed, claiming to be another version."""
    root = tmp_path / "other-install"
    shutil.copytree(ROOT / "zhenggai", root / "zhenggai", ignore=shutil.ignore_patterns("__pycache__"))
    with (root / "zhenggai" / "pdf" / "templates" / "document.css").open("a", encoding="utf-8") as css:
        css.write("\n/* changed on this machine only */\n")
    info = root / "zhenggai-9.9.9.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: zhenggai\nVersion: 9.9.9\n", encoding="utf-8")
    return root


def _no_fonts(tmp_path: Path) -> Path:
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    config = tmp_path / "fonts.conf"
    config.write_text(f"<fontconfig><dir>{empty}</dir><cachedir>{tmp_path / 'fc'}</cachedir></fontconfig>",
                      encoding="utf-8")
    return config


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("code and version", ["软件包版本为 zhenggai 9.9.9，本机为 zhenggai 0.1.0", "PDF 模板和代码的摘要为"]),
        ("fonts", ["字体不同：未找到 PDF 所需的中文字体", "fonts-arphic-ukai"]),
    ],
)
def test_a_worker_that_differs_stops_the_build_before_any_job(tmp_path, cluster, data, kind, expected):
    if kind == "fonts":
        env = {"FONTCONFIG_FILE": str(_no_fonts(tmp_path))}
    else:
        env = {"PYTHONPATH": str(_modified_package(tmp_path))}
    cluster.add_worker("good", env=_worker_env(tmp_path, "good"))
    cluster.add_worker("bad", env=_worker_env(tmp_path, "bad", **env))
    bad = re.search(r"Start worker at:\s+(tcp://\S+)", cluster.log("bad"))[1]
    with pytest.raises(ClusterError) as caught:
        write_pdfs(load_all([data]).collection, tmp_path / "out", tmp_path / "cache", cluster=cluster.address)
    message = str(caught.value)
    assert caught.value.code == "cluster.mismatch"
    assert message.startswith("PDF 集群中有工作节点与本机的渲染环境不同")
    for text in expected:
        assert text in message
    problems = [line.strip() for line in message.splitlines() if line.startswith("  ")]
    assert problems and all(line.startswith(f"{bad}: ") for line in problems)
    assert "make .venv/.installed" in message and "Traceback" not in message
    assert _marks(tmp_path, "good") == _marks(tmp_path, "bad") == []  # no job ran anywhere
    assert not list((tmp_path / "cache").glob("*.pdf"))


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_unreachable_scheduler_fails_within_seconds_and_keeps_the_site(tmp_path, data, capfd, monkeypatch):
    project = make_project(tmp_path / "project", data_dir=data)
    site = build(project, pdfs=False)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    address = f"tcp://127.0.0.1:{_closed_port()}"
    monkeypatch.chdir(project)
    capfd.readouterr()
    with pdf_switch(True):
        assert main(["build", "--pdf-cluster", address]) == 1
    err = capfd.readouterr().err
    assert f"无法在 5 秒内连接 PDF 集群的调度器 {address}" in err
    assert "构建失败：已发布的网站未被改动。" in err and "Traceback" not in err
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert not list((project / ".cache" / "pdf").glob("*.pdf"))


def test_connecting_gives_up_after_the_connect_timeout(monkeypatch):
    """Not Dask's default of 30 s: the build says so within seconds."""
    monkeypatch.setattr(pdf_cluster, "CONNECT_SECONDS", 1)
    address = f"tcp://127.0.0.1:{_closed_port()}"
    started = time.monotonic()
    with pytest.raises(ClusterError) as caught:
        pdf_cluster.render_on_cluster(address, [], lambda *_: None)
    elapsed = time.monotonic() - started
    assert caught.value.code == "cluster.unreachable"
    assert str(caught.value).startswith(f"无法在 1 秒内连接 PDF 集群的调度器 {address}。")
    assert elapsed < 15, f"took {elapsed:.1f} s"  # a loose bound: Dask alone would take 30 s


def test_a_local_build_never_imports_dask(tmp_path, data):
    script = (
        "import sys\nfrom pathlib import Path\n"
        "from zhenggai.pdf import write_pdfs\nfrom zhenggai.data import load_all\n"
        "if __name__ == '__main__':\n"
        "    records = write_pdfs(load_all([Path(sys.argv[1])]).collection, Path(sys.argv[2]), Path(sys.argv[3]), jobs=2)\n"
        "    assert records and all(r.rendered for r in records), records\n"
        "    print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed', 'tornado')))\n"
    )
    small = tmp_path / "data"
    small.mkdir()
    for path in sorted(data.glob("doc-*.yml"))[:2]:
        shutil.copy(path, small / path.name)
    result = subprocess.run(
        [sys.executable, "-c", script, str(small), str(tmp_path / "out"), str(tmp_path / "cache")],
        check=True, capture_output=True, text=True,
    )
    assert result.stdout.strip() == "[]"


def test_renderer_process_is_replaced_after_its_share(data, reference):
    docs = [d for d in load_all([data]).collection][:3]
    renderer = BatchRenderer(limit=2)
    rendering = Rendering(SITE_NAME, read_clock().reference)  # as the reference was rendered
    try:
        results = [renderer.render(doc, published_yaml(doc), rendering) for doc in docs]
    finally:
        renderer.close()
    assert renderer.started == 2
    assert [data for data, _ in results] == [reference[doc.id] for doc in docs]
    assert all(pages >= 1 for _, pages in results)


def test_renderer_process_reports_a_missing_glyph(tmp_path, monkeypatch):
    from zhenggai.data import glyphs

    monkeypatch.setattr(glyphs, "coverage", lambda: None)  # validation refuses it first (test_glyphs.py)
    path = tmp_path / "box.yml"
    path.write_text(VALID_YAML.replace("局党组高度重视", "局党组\U00013000高度重视"), encoding="utf-8")
    doc = load_all([path]).collection.by_id("box")
    renderer = BatchRenderer(limit=5)
    try:
        with pytest.raises(GlyphMissingError, match="U\\+13000"):
            renderer.render(doc, published_yaml(doc), Rendering(DEFAULT_SITE, read_clock().reference))
    finally:
        renderer.close()


def test_local_pool_is_renewed_every_batch(tmp_path, data, reference, monkeypatch):
    pools = []

    class CountedPool(archive.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(archive, "ProcessPoolExecutor", CountedPool)
    monkeypatch.setattr(archive, "RECYCLE_AFTER", 2)  # two documents per process: 4 per pool of 2
    write_pdfs(load_all([data]).collection, tmp_path / "out", tmp_path / "cache", jobs=2, site_name=SITE_NAME)
    assert len(pools) == -(-len(reference) // 4)
    assert _pdfs(tmp_path / "out") == reference


# Mutual TLS, and what comes back from a worker checked.

@pytest.fixture(scope="module")
def certificates(tmp_path_factory) -> Path:
    """The certificates README says to make (scripts/cluster_certs.sh), and a stranger's from another CA."""
    folder = tmp_path_factory.mktemp("certs")
    script = ROOT / "scripts" / "cluster_certs.sh"
    subprocess.run(["sh", str(script), str(folder / "ours")], check=True, capture_output=True)
    subprocess.run(["sh", str(script), str(folder / "stranger"), "client"], check=True, capture_output=True)
    return folder


@pytest.fixture
def tls_cluster(tmp_path, certificates):
    with LocalCluster(tmp_path / "tls-cluster", certificates=certificates / "ours") as running:
        running.start_scheduler()
        yield running


def _client_files(folder: Path) -> list[str]:
    return ["--pdf-cluster-ca", str(folder / "ca.pem"), "--pdf-cluster-cert", str(folder / "client.pem"),
            "--pdf-cluster-key", str(folder / "client-key.pem")]


def test_a_tls_cluster_on_loopback_gives_the_same_pdfs(tmp_path, tls_cluster, certificates, data, reference,
                                                       monkeypatch, capfd):
    """The command line's certificates reach the engine's process; both workers render over TLS."""
    assert tls_cluster.address.startswith("tls://127.0.0.1:")
    for name in ("a", "b"):
        tls_cluster.add_worker(name, env=_worker_env(tmp_path, name))
    project = make_project(tmp_path / "project", data_dir=data)
    monkeypatch.chdir(project)
    capfd.readouterr()
    with pdf_switch(True):
        assert main(["build", "--pdf-cluster", tls_cluster.address, *_client_files(certificates / "ours")]) == 0
    err = capfd.readouterr().err
    assert f"PDF：发往集群 {tls_cluster.address}，2 个工作节点，共 2 个线程" in err
    assert _pdfs(project / "site" / "pdf") == reference
    assert sum(len(_marks(tmp_path, n)) for n in ("a", "b")) == len(reference)


def test_without_a_certificate_of_the_cluster_no_job_is_taken(tmp_path, tls_cluster, certificates, data):
    """Before, anyone who could reach the scheduler ran code on the workers."""
    import ssl

    tls_cluster.add_worker("a", env=_worker_env(tmp_path, "a"))
    ours, stranger = certificates / "ours", certificates / "stranger"
    # Trusting the cluster's CA is not enough: the scheduler asks for this side's certificate.
    host, port = tls_cluster.address.removeprefix("tls://").rsplit(":", 1)
    context = ssl.create_default_context(cafile=str(ours / "ca.pem"))
    context.check_hostname = False
    with socket.create_connection((host, int(port)), timeout=10) as raw:
        with pytest.raises((ssl.SSLError, ConnectionError)):  # TLS 1.3: the refusal comes with the first read
            with context.wrap_socket(raw) as connection:
                assert connection.recv(1) == b"", "the scheduler talked to a client without a certificate"
                raise ConnectionError("closed without a word")
    # Plain tcp:// to it gets nowhere either.
    with pytest.raises(ClusterError) as caught:
        pdf_cluster.render_on_cluster(tls_cluster.address.replace("tls://", "tcp://"), [], lambda *_: None)
    assert caught.value.code == "cluster.unreachable"
    with pytest.raises(ClusterError) as caught:
        write_pdfs(load_all([data]).collection, tmp_path / "out", tmp_path / "cache", cluster=Cluster(
            tls_cluster.address, ClusterTls(ours / "ca.pem", stranger / "client.pem", stranger / "client-key.pem")))
    assert caught.value.code == "cluster.tls_refused" and "建立 TLS 连接失败" in str(caught.value)
    assert _marks(tmp_path, "a") == [] and not list((tmp_path / "cache").glob("*.pdf"))


FORGERIES = {
    "title": ("伪造的标题", "标题为“伪造的标题”，应为“中共第1局党组关于巡察整改情况的通报”"),
    "attachment": ("", "附带的结构化数据与本文件发布的数据不同"),
    "id": ("", "工作节点说这是 someone-else 的 PDF"),
    "pages": ("", "有 2 页，工作节点却报告 3 页"),
}
# Loaded by `dask worker --preload`: the worker's files are those of this machine (its
# environment check passes), but what it sends back is not what it rendered.
FORGER = '''
import io, os
import pikepdf
from zhenggai.pdf import cluster

KIND = os.environ["FORGE"]
_render, _remote = cluster.BatchRenderer.render, cluster._render_remote


def render(self, doc, source, rendering):
    data, pages = _render(self, doc, source, rendering)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if KIND == "title":
            pdf.docinfo["/Title"] = "伪造的标题"
        elif KIND == "attachment":
            del pdf.attachments[f"{doc.id}.yml"]
            pdf.attachments[f"{doc.id}.yml"] = pikepdf.AttachedFileSpec(pdf, source.replace(b"2019", b"2020"))
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue(), pages + (KIND == "pages")


def remote(doc, source, rendering, expected):
    result = _remote(doc, source, rendering, expected)
    return cluster.RemoteResult("someone-else", result.data, result.pages, result.worker) if KIND == "id" else result


cluster.BatchRenderer.render = render
cluster._render_remote = remote
'''


@pytest.mark.parametrize("kind", FORGERIES)
def test_a_pdf_a_worker_forged_is_caught_and_nothing_is_stored(tmp_path, tls_cluster, certificates, data, kind):
    """Before, a worker with a patched renderer had a PDF with a forged title archived as the permanent version."""
    forger = tmp_path / "forger"
    forger.mkdir()
    (forger / "forge_pdf.py").write_text(FORGER, encoding="utf-8")
    tls_cluster.add_worker("forger", env=_worker_env(tmp_path, "forger", FORGE=kind, PYTHONPATH=str(forger)),
                           preload="forge_pdf")
    ours = certificates / "ours"
    doc = load_all([data]).collection.by_id("doc-1")
    collection = Collection([(doc, data / "doc-1.yml")])
    with pytest.raises(ClusterError) as caught:
        write_pdfs(collection, tmp_path / "out", tmp_path / "cache", cluster=Cluster(
            tls_cluster.address, ClusterTls(ours / "ca.pem", ours / "client.pem", ours / "client-key.pem")))
    message = str(caught.value)
    assert caught.value.code == "cluster.bad_result"
    assert message.startswith("doc-1: 工作节点 forger@127.0.0.1 返回的 PDF 未通过核对，构建已停止，这份 PDF 没有保存：")
    assert FORGERIES[kind][1] in message and "Traceback" not in message
    assert _marks(tmp_path, "forger") == [JOB_MARK]  # it did render, and what it sent was refused
    assert not list((tmp_path / "cache").glob("*.pdf")) and not (tmp_path / "out").exists()
