"""A Dask cluster of real processes on 127.0.0.1 (`dask scheduler`, `dask worker`), shared by the
tests and the benchmark: what staff start on their machines (README), on one machine.

It runs the `dask` command of this environment and never imports Dask itself: a worker is
ready when its log says it registered with the scheduler. Given a folder of certificates
(scripts/cluster_certs.sh), the scheduler listens on tls:// and each party shows its own
certificate, as README says to start them.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

LOOPBACK = "127.0.0.1"


class ClusterStartFailed(RuntimeError):
    pass


class LocalCluster:
    """A scheduler and named workers, each its own process group (killed whole at `close`);
    with `certificates`, a folder of cluster_certs.sh's files, over mutual TLS."""

    def __init__(self, folder: Path, timeout: float = 60, certificates: Path | None = None) -> None:
        self.folder, self.timeout, self.certificates = folder, timeout, certificates
        folder.mkdir(parents=True, exist_ok=True)
        self.processes: dict[str, subprocess.Popen] = {}
        self.address = ""

    def __enter__(self) -> LocalCluster:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _dask(self) -> list[str]:
        return [str(Path(sys.executable).with_name("dask"))]

    def _spawn(self, name: str, command: list[str], env: dict[str, str] | None) -> subprocess.Popen:
        log = open(self.folder / f"{name}.log", "wb")  # noqa: SIM115 — the process keeps it
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, **(env or {})}, cwd=self.folder,
        )
        log.close()
        self.processes[name] = process
        return process

    def start_scheduler(self) -> str:
        """Start `dask scheduler` on a free loopback port; returns its address."""
        info = self.folder / "scheduler.json"
        info.unlink(missing_ok=True)
        self._spawn("scheduler", [*self._dask(), "scheduler", "--host", LOOPBACK, "--port", "0",
                                  "--no-dashboard", "--scheduler-file", str(info), *self._tls("scheduler")], None)
        self._wait(lambda: info.is_file() and info.stat().st_size > 0, "scheduler")
        self.address = json.loads(info.read_text(encoding="utf-8"))["address"]
        return self.address

    def _tls(self, party: str, preload: str | None = None) -> list[str]:
        """The TLS options of `dask scheduler` or `dask worker` (and a module to preload)."""
        options = ["--preload", preload] if preload else []
        if self.certificates is None:
            return options
        files = self.certificates
        options += ["--tls-ca-file", str(files / "ca.pem"), "--tls-cert", str(files / f"{party}.pem"),
                    "--tls-key", str(files / f"{party}-key.pem")]
        return options + (["--protocol", "tls"] if party == "scheduler" else [])

    def add_worker(self, name: str, env: dict[str, str] | None = None, nthreads: int = 1,
                   nworkers: int = 1, nanny: bool = False, wait: bool = True,
                   preload: str | None = None) -> subprocess.Popen:
        """Start `dask worker` (`nworkers` processes of `nthreads` threads) connected to the scheduler,
        loading the module `preload` first when given."""
        command = [*self._dask(), "worker", self.address, "--host", LOOPBACK, "--nthreads", str(nthreads),
                   "--nworkers", str(nworkers), "--no-dashboard", "--name", name,
                   "--local-directory", str(self.folder / "scratch"), "--nanny" if nanny else "--no-nanny",
                   *self._tls("worker", preload)]
        process = self._spawn(name, command, env)
        if wait:
            log = self.folder / f"{name}.log"
            self._wait(lambda: log.read_text(errors="replace").count("Registered to:") >= nworkers, name)
        return process

    def log(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text(errors="replace")

    def kill(self, name: str) -> None:
        """SIGKILL a process and everything it started (its renderer children included)."""
        process = self.processes.pop(name)
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()

    def close(self) -> None:
        for name in [n for n in self.processes if n != "scheduler"] + ["scheduler"]:
            if name in self.processes:
                self.kill(name)

    def _wait(self, ready, name: str) -> None:
        deadline = time.monotonic() + self.timeout
        while not ready():
            process = self.processes[name]
            if process.poll() is not None or time.monotonic() > deadline:
                raise ClusterStartFailed(f"{name} did not start:\n{self.log(name)[-3000:]}")
            time.sleep(0.1)
