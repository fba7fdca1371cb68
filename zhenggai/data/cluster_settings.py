"""Where the PDF stage's Dask cluster is and how it is reached: address, TLS files, consent to no TLS.

Whoever can reach a Dask scheduler runs code on its workers, and a worker decides what bytes
come back as the archival PDF. So a cluster beyond this machine is reached over TLS with
mutual certificates (`tls://`, a CA that signed the scheduler's, the workers' and this
client's certificates): without this client's certificate the scheduler takes no job, and
a worker without one signed by the CA is never given any. Plain `tcp://` is for loopback
(tests, one machine) unless `--pdf-cluster-insecure` says, on the command line, that the
network is trusted.

Settings come from the command line (`zhenggai build --pdf-cluster …`) or the environment,
both read into the build's options (zhenggai/options.py), else from zhenggai.yml.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import ZhenggaiError

LOCAL = "local"  # the local process pool, overriding a cluster set in zhenggai.yml
TLS_PARTS = ("ca", "cert", "key")
TLS_KEY = "pdf_cluster_tls"  # the zhenggai.yml mapping of ca, cert, key
TLS_OPTIONS = {"ca": "--pdf-cluster-ca", "cert": "--pdf-cluster-cert", "key": "--pdf-cluster-key"}
TLS_WORDS = {"ca": "签发各方证书的 CA 证书", "cert": "本机的证书", "key": "本机的私钥"}
_ADDRESS = re.compile(
    r"(?P<scheme>tcp|tls)://(?P<host>[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]):(?P<port>\d{1,5})")


class ClusterSettingError(ZhenggaiError):
    """The cluster setting cannot be used; the message is for staff, in Chinese."""

    code = "config.cluster"


@dataclass(frozen=True)
class ClusterTls:
    """The PEM files of mutual TLS: the CA that signed every party's certificate, this client's
    pair (None: not set here, maybe on the command line)."""

    ca: Path | None
    cert: Path | None
    key: Path | None


@dataclass(frozen=True)
class Cluster:
    """The Dask scheduler the PDF stage sends its jobs to, and how to reach it."""

    address: str
    tls: ClusterTls | None = None
    insecure: bool = False  # plain tcp:// beyond this machine, as --pdf-cluster-insecure allowed

    def __str__(self) -> str:
        return self.address


def cluster_address_problem(value: str) -> str | None:
    """Why `value` is not a PDF cluster setting (`tls://HOST:PORT`, `tcp://HOST:PORT` or `local`),
    in Chinese; None if it is."""
    match = _ADDRESS.fullmatch(value)
    if value == LOCAL or (match and 0 < int(match["port"]) < 65536):
        return None
    return f"“{value}” 不是 Dask 调度器的地址，应形如 tls://10.0.0.5:8786（或 {LOCAL}：使用本机进程池）"


def is_loopback(address: str) -> bool:
    """Whether the scheduler at `address` is on this machine (127.0.0.0/8, ::1, localhost)."""
    match = _ADDRESS.fullmatch(address)
    host = match["host"].strip("[]") if match else ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name: it may resolve anywhere


def pdf_cluster(configured: str | None, configured_tls: ClusterTls | None, given: str | None = None,
                given_from: str = "", given_tls: Mapping[str, str | None] | None = None,
                insecure: bool = False) -> Cluster | None:
    """The cluster the PDF stage uses: the address `given` on the command line or in the
    environment (`given_from` says where) over zhenggai.yml's `configured`, each TLS file given
    over the configured one, plain tcp:// beyond loopback only when `insecure`; None: the local
    pool. Raises ClusterSettingError saying what to change."""
    value = (given or "").strip()
    if value:
        problem = cluster_address_problem(value)
        if problem:
            raise ClusterSettingError(f"{given_from or '--pdf-cluster'}: {problem}")
    else:
        value = configured or LOCAL
    if value == LOCAL:
        return None
    files = {part: (given_tls or {}).get(part) for part in TLS_PARTS}
    tls = configured_tls
    if any(files.values()):
        tls = ClusterTls(**{part: Path(files[part]) if files[part] else getattr(tls, part, None) for part in TLS_PARTS})
    if value.startswith("tls://"):
        _check_tls(value, tls)
        return Cluster(value, tls)
    if tls is not None and all((tls.ca, tls.cert, tls.key)):
        raise ClusterSettingError(
            f"PDF 集群：已设置证书（{TLS_KEY}），地址却是不加密的 {value}：请把地址改为 {value.replace('tcp://', 'tls://')}")
    if is_loopback(value):
        return Cluster(value)
    if insecure:
        return Cluster(value, None, insecure=True)
    raise ClusterSettingError(
        f"PDF 集群：{value} 不加密、不验证身份，能连上这个调度器的任何人都能在工作节点上运行程序、"
        "替换生成的 PDF。请改用 tls:// 地址和证书（见 README“在多台机器上生成 PDF”）；确需在可信的内网中"
        "不加密使用时，在命令行上加 --pdf-cluster-insecure")


def _check_tls(address: str, tls: ClusterTls | None) -> None:
    missing = [part for part in TLS_PARTS if tls is None or getattr(tls, part) is None]
    if missing:
        raise ClusterSettingError(
            f"PDF 集群：{address} 还缺少这些文件：{'、'.join(TLS_WORDS[p] for p in missing)}。在 zhenggai.yml 的 {TLS_KEY} 下写 "
            f"{'、'.join(missing)}，或在命令行上用 {'、'.join(TLS_OPTIONS[p] for p in missing)}（见 README）")
    for part in TLS_PARTS:
        path = getattr(tls, part)
        if not path.is_file():
            raise ClusterSettingError(f"PDF 集群：{TLS_WORDS[part]} {path} 不存在或不是文件")


def read_tls(raw, root: Path) -> tuple[ClusterTls | None, str | None]:
    """zhenggai.yml's `pdf_cluster_tls` (paths relative to the project): (files, None) or (None, why not)."""
    if raw is None:
        return None, None
    if not isinstance(raw, dict) or set(raw) - set(TLS_PARTS) or not all(isinstance(v, str) and v.strip() for v in raw.values()):
        return None, f"应为 ca、cert、key 三个文件的路径，如\n  {TLS_KEY}:\n    ca: /etc/zhenggai/ca.pem\n" \
                     "    cert: /etc/zhenggai/client.pem\n    key: /etc/zhenggai/client-key.pem"
    paths = {part: root / raw[part].strip() if part in raw else None for part in TLS_PARTS}
    return ClusterTls(**paths), None
