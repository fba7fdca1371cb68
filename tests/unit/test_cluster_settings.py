"""The PDF cluster setting (zhenggai.yml, environment, command line) and the checks that keep a
cluster's PDFs identical to local ones, without a cluster, WeasyPrint or Dask's scheduler."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import pytest
from conftest import VALID_YAML

from zhenggai.cli import main
from zhenggai.data import ConfigError, Settings, load_all, load_settings, pdf_cluster
from zhenggai.data.cluster_settings import Cluster, ClusterTls
from zhenggai.data.dump import published_yaml
from zhenggai.pdf.printhtml import Rendering
from zhenggai.options import Options, command_line_options
from zhenggai.pdf import ClusterError
from zhenggai.pdf import cluster as pdf_cluster_module
from zhenggai.pdf.environment import Fingerprint, fingerprint


def _settings_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "zhenggai.yml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("tcp://10.0.0.5:8786", "tcp://10.0.0.5:8786"),
        ("tls://pdf-1.example.gov.cn:8786", "tls://pdf-1.example.gov.cn:8786"),
        ("tcp://[::1]:8786", "tcp://[::1]:8786"),
        ("local", None),
    ],
)
def test_pdf_cluster_in_settings(tmp_path, value, expected):
    _settings_file(tmp_path, f"data_dir: data\npdf_cluster: '{value}'\n")
    assert load_settings(tmp_path).pdf_cluster == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("pdf_cluster: 10.0.0.5:8786", "“10.0.0.5:8786” 不是 Dask 调度器的地址，应形如 tls://10.0.0.5:8786（或 local：使用本机进程池）"),
        ("pdf_cluster: tcp://10.0.0.5:99999", "“tcp://10.0.0.5:99999” 不是 Dask 调度器的地址，应形如 tls://10.0.0.5:8786（或 local：使用本机进程池）"),
        ("pdf_cluster: tcp://10.0.0.5", "“tcp://10.0.0.5” 不是 Dask 调度器的地址，应形如 tls://10.0.0.5:8786（或 local：使用本机进程池）"),
        ("pdf_cluster: 8786", "应为文字"),
    ],
)
def test_bad_pdf_cluster_names_file_line_and_key(tmp_path, line, expected):
    path = _settings_file(tmp_path, f"# settings\ndata_dir: data\n{line}\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path)
    assert str(caught.value) == f"{path}:3: pdf_cluster: {expected}"


@pytest.mark.parametrize(
    ("environ", "configured", "expected"),
    [
        ({}, None, None),
        ({}, "tcp://127.0.0.5:8786", "tcp://127.0.0.5:8786"),
        ({"ZHENGGAI_PDF_CLUSTER": "tcp://127.0.0.6:8786"}, "tcp://127.0.0.5:8786", "tcp://127.0.0.6:8786"),
        ({"ZHENGGAI_PDF_CLUSTER": "local"}, "tcp://10.0.0.5:8786", None),
        ({"ZHENGGAI_PDF_CLUSTER": " "}, "tcp://127.0.0.5:8786", "tcp://127.0.0.5:8786"),
    ],
)
def test_environment_overrides_settings(environ, configured, expected):
    for options in (command_line_options(environ=environ), Options.from_environment(environ)):
        found = pdf_cluster(Settings(pdf_cluster=configured), options)
        assert (found.address if found else None) == expected


def test_command_line_overrides_environment_and_settings():
    options = command_line_options(pdf_cluster="local", environ={"ZHENGGAI_PDF_CLUSTER": "tcp://10.0.0.6:8786"})
    assert pdf_cluster(Settings(pdf_cluster="tcp://10.0.0.5:8786"), options) is None


REFUSED = ("PDF 集群：{address} 不加密、不验证身份，能连上这个调度器的任何人都能在工作节点上运行程序、替换生成的 PDF。"
           "请改用 tls:// 地址和证书（见 README“在多台机器上生成 PDF”）；确需在可信的内网中不加密使用时，"
           "在命令行上加 --pdf-cluster-insecure")


@pytest.mark.parametrize(("address", "loopback"), [
    ("tcp://127.0.0.1:8786", True), ("tcp://127.3.2.1:8786", True), ("tcp://[::1]:8786", True),
    ("tcp://localhost:8786", True), ("tcp://10.0.0.5:8786", False), ("tcp://[fe80::1]:8786", False),
    ("tcp://pdf-1.example.gov.cn:8786", False), ("tcp://127.0.0.1.example.com:8786", False),
])
def test_plain_tcp_beyond_this_machine_needs_consent_on_the_command_line(address, loopback):
    """Before, anyone who could reach the scheduler ran code on the workers."""
    if loopback:
        assert pdf_cluster(Settings(pdf_cluster=address), Options()) == Cluster(address)
    else:
        with pytest.raises(ConfigError) as caught:
            pdf_cluster(Settings(pdf_cluster=address), Options())
        assert str(caught.value) == REFUSED.format(address=address)
    consent = command_line_options(insecure=True, environ={})
    assert pdf_cluster(Settings(pdf_cluster=address), consent) == Cluster(address, insecure=not loopback)


def test_consent_to_plain_tcp_is_never_taken_from_the_environment_by_zhenggai_build():
    environ = {"ZHENGGAI_PDF_CLUSTER": "tcp://10.0.0.5:8786", "ZHENGGAI_PDF_CLUSTER_INSECURE": "1"}
    with pytest.raises(ConfigError):
        pdf_cluster(Settings(), command_line_options(environ=environ))
    # An engine run directly (make serve, the benchmark) has only the environment to say so.
    assert pdf_cluster(Settings(), Options.from_environment(environ)) == Cluster("tcp://10.0.0.5:8786", insecure=True)


def _pem_files(tmp_path: Path) -> dict[str, Path]:
    files = {part: tmp_path / f"{part}.pem" for part in ("ca", "cert", "key")}
    for path in files.values():
        path.write_text("-----BEGIN CERTIFICATE-----\n", encoding="utf-8")
    return files


def test_tls_files_from_settings_the_command_line_or_the_environment(tmp_path):
    files = _pem_files(tmp_path)
    (tmp_path / "zhenggai.yml").write_text(
        "pdf_cluster: tls://10.0.0.5:8786\npdf_cluster_tls:\n  ca: ca.pem\n  cert: cert.pem\n  key: key.pem\n",
        encoding="utf-8")
    settings = load_settings(tmp_path)
    assert pdf_cluster(settings, Options()) == Cluster("tls://10.0.0.5:8786", ClusterTls(**files))
    other = tmp_path / "other-key.pem"
    other.write_text("x", encoding="utf-8")
    found = pdf_cluster(settings, command_line_options(tls={"key": str(other)}, environ={}))
    assert found.tls == ClusterTls(files["ca"], files["cert"], other)
    environ = {"ZHENGGAI_PDF_CLUSTER": "tls://10.0.0.7:8786", **{
        f"ZHENGGAI_PDF_CLUSTER_{part.upper()}": str(path) for part, path in files.items()}}
    for options in (command_line_options(environ=environ), Options.from_environment(environ)):
        assert pdf_cluster(Settings(), options) == Cluster("tls://10.0.0.7:8786", ClusterTls(**files))


def test_tls_without_its_files_says_which_are_missing(tmp_path):
    with pytest.raises(ConfigError) as caught:
        pdf_cluster(Settings(pdf_cluster="tls://10.0.0.5:8786"), Options())
    assert str(caught.value) == (
        "PDF 集群：tls://10.0.0.5:8786 还缺少这些文件：签发各方证书的 CA 证书、本机的证书、本机的私钥。在 zhenggai.yml 的 "
        "pdf_cluster_tls 下写 ca、cert、key，或在命令行上用 --pdf-cluster-ca、--pdf-cluster-cert、--pdf-cluster-key（见 README）")
    files = _pem_files(tmp_path)
    files["key"].unlink()
    with pytest.raises(ConfigError) as caught:
        pdf_cluster(Settings(pdf_cluster="tls://10.0.0.5:8786", pdf_cluster_tls=ClusterTls(**files)), Options())
    assert str(caught.value) == f"PDF 集群：本机的私钥 {files['key']} 不存在或不是文件"


def test_certificates_with_a_plain_address_are_a_mistake(tmp_path):
    with pytest.raises(ConfigError) as caught:
        pdf_cluster(Settings(pdf_cluster="tcp://10.0.0.5:8786", pdf_cluster_tls=ClusterTls(**_pem_files(tmp_path))),
                    Options())
    assert str(caught.value) == "PDF 集群：已设置证书（pdf_cluster_tls），地址却是不加密的 tcp://10.0.0.5:8786：请把地址改为 tls://10.0.0.5:8786"


def test_a_malformed_tls_setting_names_file_and_line(tmp_path):
    path = _settings_file(tmp_path, "data_dir: data\npdf_cluster_tls: /etc/zhenggai/ca.pem\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path)
    assert str(caught.value).startswith(f"{path}:2: pdf_cluster_tls: 应为 ca、cert、key 三个文件的路径，如")


def test_the_command_line_refuses_plain_tcp_to_another_machine_before_building(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("zhenggai.build.build_site", lambda *a, **k: pytest.fail("built"))
    assert main(["build", "--pdf-cluster", "tcp://10.0.0.5:8786"]) == 2
    assert capsys.readouterr().err == REFUSED.format(address="tcp://10.0.0.5:8786") + "\n"
    assert main(["build", "--pdf-cluster", "tls://10.0.0.5:8786", "--pdf-cluster-ca", "missing.pem"]) == 2
    assert "还缺少这些文件：本机的证书、本机的私钥" in capsys.readouterr().err


def test_the_command_line_hands_its_cluster_settings_to_the_build(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = _pem_files(tmp_path)
    seen = {}

    def build_site(root, site_dir, options=None):
        seen["options"] = options
        return 0

    monkeypatch.setattr("zhenggai.build.build_site", build_site)
    argv = ["build", "--pdf-cluster", "tls://10.0.0.5:8786", "--pdf-cluster-ca", "ca.pem", "--pdf-cluster-cert",
            "cert.pem", "--pdf-cluster-key", "key.pem", "--pdf-cluster-insecure"]
    assert main(argv) == 0
    options = seen["options"]
    assert (options.pdf_cluster, options.pdf_cluster_ca, options.pdf_cluster_cert, options.pdf_cluster_key,
            options.pdf_cluster_insecure) == ("tls://10.0.0.5:8786", str(files["ca"]), str(files["cert"]),
                                              str(files["key"]), True)
    # Through the engine's process, as the options travel (one variable, JSON).
    assert Options.from_environment(options.engine_environment()) == options


def test_bad_environment_value_is_a_config_error():
    with pytest.raises(ConfigError) as caught:
        pdf_cluster(Settings(), command_line_options(environ={"ZHENGGAI_PDF_CLUSTER": "scheduler:8786"}))
    assert str(caught.value).startswith("环境变量 ZHENGGAI_PDF_CLUSTER: “scheduler:8786” 不是 Dask 调度器的地址")


def test_bad_command_line_address_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--pdf-cluster", "localhost:8786"]) == 2
    assert "参数 --pdf-cluster：“localhost:8786” 不是 Dask 调度器的地址" in capsys.readouterr().err


def _print(**changes) -> Fingerprint:
    base = dict(package="zhenggai 0.1.0", libraries=("weasyprint 70.0", "python 3.11.7"),
                fonts=(("/usr/share/fonts/a.ttc", 100), ("/usr/share/fonts/b.ttf", 200)), code="ab" * 32)
    return Fingerprint(**{**base, **changes})


@pytest.mark.parametrize(
    ("theirs", "expected"),
    [
        (_print(), []),
        (_print(package="zhenggai 0.2.0"), ["软件包版本为 zhenggai 0.2.0，本机为 zhenggai 0.1.0"]),
        (_print(libraries=("weasyprint 71.0", "python 3.11.7")), ["依赖库版本不同：weasyprint 71.0（本机 weasyprint 70.0）"]),
        (_print(fonts=(("/usr/share/fonts/a.ttc", 100),)), ["字体不同：缺少 /usr/share/fonts/b.ttf"]),
        (_print(fonts=(("/usr/share/fonts/a.ttc", 100), ("/usr/share/fonts/b.ttf", 201))),
         ["字体不同：/usr/share/fonts/b.ttf 大小为 201 字节（本机 200）"]),
        (_print(fonts="未找到 PDF 所需的中文字体"), ["字体不同：未找到 PDF 所需的中文字体"]),
        (_print(code="cd" * 32), ["PDF 模板和代码的摘要为 cdcdcdcdcdcd，本机为 abababababab（代码或模板被修改过）"]),
    ],
)
def test_fingerprint_differences_say_what_differs(theirs, expected):
    assert _print().differences(theirs) == expected


def test_this_machines_fingerprint_names_its_fonts_and_code():
    mine = fingerprint()
    assert mine.package.startswith("zhenggai ")
    assert any(name.startswith("weasyprint ") for name in mine.libraries)
    assert isinstance(mine.fonts, tuple) and all(Path(path).is_file() for path, _ in mine.fonts)
    assert len(mine.code) == 64
    assert mine.differences(mine) == []


def test_cluster_error_travels_by_pickle_with_its_code():
    error = pickle.loads(pickle.dumps(ClusterError("工作节点不同", "cluster.mismatch")))
    assert (str(error), error.code) == ("工作节点不同", "cluster.mismatch")


def test_a_job_on_a_different_worker_refuses_to_render(tmp_path, monkeypatch):
    """A worker that joined after the connect-time check still cannot write a different PDF."""
    # Other tests of the session may have loaded the renderer: start this one without it.
    monkeypatch.delitem(sys.modules, "zhenggai.pdf.render", raising=False)
    (tmp_path / "x.yml").write_text(VALID_YAML, encoding="utf-8")
    [doc] = load_all([tmp_path]).collection
    other = Fingerprint(**{**fingerprint().__dict__, "code": "0" * 64})
    with pytest.raises(ClusterError) as caught:
        pdf_cluster_module._render_remote(doc, published_yaml(doc), Rendering("整改公开", doc.metadata.published), other)
    assert caught.value.code == "cluster.mismatch"
    assert "PDF 模板和代码的摘要为" in str(caught.value)
    assert "zhenggai.pdf.render" not in sys.modules  # refused before anything was rendered


def test_the_pdf_stage_itself_refuses_plain_tcp_to_another_machine():
    """Whatever hands it the address: nothing is sent unencrypted beyond this machine without consent."""
    with pytest.raises(ClusterError) as caught:
        pdf_cluster_module.render_on_cluster("tcp://10.0.0.5:8786", [], lambda *_: pytest.fail("stored"))
    assert caught.value.code == "cluster.insecure"
    assert str(caught.value) == "PDF 集群 tcp://10.0.0.5:8786 不加密、不验证身份，未连接：请改用 tls:// 地址和证书。"


def test_each_variable_build_ignores_is_named_with_its_own_switch():
    """ZHENGGAI_PREVIEW left in the shell was answered with a hint about --no-pdf."""
    from zhenggai.options import ignored_variable_notes

    notes = ignored_variable_notes({"ZHENGGAI_PDF": "0", "ZHENGGAI_PREVIEW": "1", "ZHENGGAI_PDF_CLUSTER_INSECURE": "1",
                                    "HOME": "/x"})
    assert notes == [
        "注意：环境变量 ZHENGGAI_PDF 对 zhenggai build 不起作用（不生成 PDF 的预览请用 --no-pdf）",
        "注意：环境变量 ZHENGGAI_PREVIEW 对 zhenggai build 不起作用（它只用于 make serve）",
        "注意：环境变量 ZHENGGAI_PDF_CLUSTER_INSECURE 对 zhenggai build 不起作用（请用 --pdf-cluster-insecure）",
    ]
    assert ignored_variable_notes({}) == []
