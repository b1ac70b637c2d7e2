"""Run deploy/nginx.conf for real on this machine: a built site served under /guide/ on 127.0.0.1.

Used by tests/test_nginx.py and benchmarks/load.py, and by hand to look at a build exactly as the
production configuration serves it::

    .venv/bin/python deploy/local_nginx.py output/ [--port 8080]

The configuration is the shipped file with only the lines marked ADAPT and the paths nginx writes
to (pid, logs, temporary folders) replaced, so that it runs as the current user in a temporary
folder. Every replaced line must occur exactly once, so a change of the shipped file that the
rendering no longer matches fails loudly instead of testing something else.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CONFIG = Path(__file__).with_name("nginx.conf")
BASE_PATH = "/guide/"


def find_nginx() -> str:
    """The nginx binary; an AssertionError naming the package when there is none."""
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    assert nginx, "nginx is not installed: `make test` installs it (Debian package `nginx`)"
    return nginx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def render(config: str, *, port: int, root: Path, prefix: Path) -> str:
    """deploy/nginx.conf made runnable in ``prefix`` as the current user, serving ``root``/guide/."""
    user = pwd.getpwuid(os.geteuid()).pw_name
    replacements = {
        # as root, the workers would switch to www-data, which may not read a private temporary folder
        "user www-data;": f"user {user};" if os.geteuid() == 0 else "",
        "pid /run/nginx.pid;": f"pid {prefix}/nginx.pid;",
        "error_log /var/log/nginx/error.log;": f"error_log {prefix}/error.log;",
        # nginx creates its temporary folders at start-up (the defaults are below /var/lib/nginx)
        "access_log /var/log/nginx/access.log;": f"access_log {prefix}/access.log;" + "".join(
            f" {kind}_temp_path {prefix}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")),
        "listen 80;": f"listen 127.0.0.1:{port};",
        "root /srv/quattropole;": f"root {root};",
    }
    for old, new in replacements.items():
        count = config.count(old)
        assert count == 1, f"deploy/nginx.conf: expected {old!r} once, found it {count} times"
        config = config.replace(old, new)
    return config


@dataclass
class Server:
    url: str  #: http://127.0.0.1:PORT/guide/
    prefix: Path  #: pid, logs and the rendered nginx.conf
    pid: int  #: of the master process

    def error_log(self) -> str:
        path = self.prefix / "error.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


@contextlib.contextmanager
def running(site: Path, port: int | None = None) -> Iterator[Server]:
    """nginx with deploy/nginx.conf serving the built ``site`` folder as /guide/ until the block ends."""
    nginx = find_nginx()
    port = port or free_port()
    with tempfile.TemporaryDirectory(prefix="guide-nginx-") as temp:
        prefix = Path(temp)
        (prefix / "root").mkdir()
        (prefix / "root" / BASE_PATH.strip("/")).symlink_to(Path(site).resolve(), target_is_directory=True)
        conf = prefix / "nginx.conf"
        conf.write_text(render(CONFIG.read_text(encoding="utf-8"), port=port, root=prefix / "root", prefix=prefix),
                        encoding="utf-8")
        # no -p PREFIX: Debian's module snippets (modules-enabled/*.conf) name their files relative to
        # the compiled-in prefix; every path nginx writes to is absolute in the rendered file
        checked = subprocess.run([nginx, "-t", "-c", str(conf)], capture_output=True, text=True)
        assert checked.returncode == 0, f"nginx -t refused the configuration:\n{checked.stderr}"
        process = subprocess.Popen([nginx, "-c", str(conf), "-g", "daemon off;"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        server = Server(f"http://127.0.0.1:{port}{BASE_PATH}", prefix, process.pid)
        try:
            _wait_for(port, process)
            yield server
        finally:
            process.terminate()  # SIGTERM: nginx's fast shutdown, workers included
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            process.stderr.close()


def _wait_for(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"nginx stopped at start-up:\n{process.stderr.read()}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise AssertionError(f"nginx did not listen on port {port} within 10 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site (the --output folder of build.py)")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop nginx and clean up on `kill` too
    with running(args.site, args.port) as server:
        print(f"{server.url}  (deploy/nginx.conf; logs in {server.prefix}; Ctrl-C stops)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)


if __name__ == "__main__":
    main()
