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
        ("tcp://pdf-1.example.gov.cn:8786", "tcp://pdf-1.example.gov.cn:8786"),
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
        ("pdf_cluster: 10.0.0.5:8786", "“10.0.0.5:8786” 不是 Dask 调度器的地址，应形如 tcp://10.0.0.5:8786（或 local：使用本机进程池）"),
        ("pdf_cluster: tcp://10.0.0.5:99999", "“tcp://10.0.0.5:99999” 不是 Dask 调度器的地址，应形如 tcp://10.0.0.5:8786（或 local：使用本机进程池）"),
        ("pdf_cluster: tcp://10.0.0.5", "“tcp://10.0.0.5” 不是 Dask 调度器的地址，应形如 tcp://10.0.0.5:8786（或 local：使用本机进程池）"),
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
        ({}, "tcp://10.0.0.5:8786", "tcp://10.0.0.5:8786"),
        ({"ZHENGGAI_PDF_CLUSTER": "tcp://10.0.0.6:8786"}, "tcp://10.0.0.5:8786", "tcp://10.0.0.6:8786"),
        ({"ZHENGGAI_PDF_CLUSTER": "local"}, "tcp://10.0.0.5:8786", None),
        ({"ZHENGGAI_PDF_CLUSTER": " "}, "tcp://10.0.0.5:8786", "tcp://10.0.0.5:8786"),
    ],
)
def test_environment_overrides_settings(environ, configured, expected):
    assert pdf_cluster(Settings(pdf_cluster=configured), command_line_options(environ=environ)) == expected
    assert pdf_cluster(Settings(pdf_cluster=configured), Options.from_environment(environ)) == expected


def test_command_line_overrides_environment_and_settings():
    options = command_line_options(pdf_cluster="local", environ={"ZHENGGAI_PDF_CLUSTER": "tcp://10.0.0.6:8786"})
    assert pdf_cluster(Settings(pdf_cluster="tcp://10.0.0.5:8786"), options) is None


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
