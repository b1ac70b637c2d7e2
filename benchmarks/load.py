"""How many requests per second deploy/nginx.conf serves: wrk against one entry page, through a real
nginx on 127.0.0.1, once asking for gzip and once not. Not part of the test suite.

Run from the repository root, on a built site (``make`` builds ``output/``)::

    .venv/bin/python benchmarks/load.py [--site output] [--page de/trier/porta-nigra/] [--duration 30]

Each run is ``wrk -t2 -c50 -d30s --latency`` (2 threads, 50 open connections, 30 seconds); with
gzip, the request carries ``Accept-Encoding: gzip`` and nginx sends the page's pre-compressed
``index.html.gz`` (checked before the run). wrk runs on the same machine as nginx and takes CPU
from it, so the figures are a floor for what the server alone could do. Prints the machine, the
versions and a Markdown table (requests/s, latency p50/p99, transfer/s, and "busy elsewhere": the
share of all cores that other processes used during the run, from /proc; on a shared machine the
figures are only meaningful when that is near 0 %).
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import os
import re
import resource
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


def _load_local_nginx():
    spec = importlib.util.spec_from_file_location("local_nginx", ROOT / "deploy" / "local_nginx.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def machine() -> str:
    model = re.search(r"^Model name:\s*(.+)$", subprocess.run(["lscpu"], capture_output=True, text=True).stdout, re.M)
    nginx = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip()
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    return (f"{os.cpu_count()} CPUs, {model.group(1) if model else 'unknown model'}; {nginx}; {wrk}; "
            f"load average before: {Path('/proc/loadavg').read_text().split()[0]}")


def encoding_of(url: str, accept: str | None) -> tuple[int, str | None, int]:
    """Status, Content-Encoding and body size of one request, to see what wrk will be sent."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", parts.path, headers={"Accept-Encoding": accept} if accept else {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.getheader("Content-Encoding"), len(body)


def busy_jiffies() -> int:
    """CPU time all processes of the machine used so far (user, nice, system, irq, softirq, steal)."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    return sum(fields[:3]) + sum(fields[5:8])


def nginx_jiffies(master: int) -> int:
    """CPU time (user + system) of the nginx master and its workers."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        if int(stat.parent.name) == master or int(fields[1]) == master:  # pid, or parent pid
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


def run_wrk(url: str, args: argparse.Namespace, gzip: bool, master: int) -> dict[str, str]:
    """One wrk run; besides wrk's figures the share of all cores that processes other than nginx
    and wrk used meanwhile ("busy elsewhere": on a shared machine, the figures are low when it is high)."""
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--latency"]
    if gzip:
        command += ["-H", "Accept-Encoding: gzip"]
    tick = os.sysconf("SC_CLK_TCK")
    before = (time.monotonic(), busy_jiffies(), nginx_jiffies(master), resource.getrusage(resource.RUSAGE_CHILDREN))
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    after = (time.monotonic(), busy_jiffies(), nginx_jiffies(master), resource.getrusage(resource.RUSAGE_CHILDREN))
    wrk_seconds = (after[3].ru_utime + after[3].ru_stime) - (before[3].ru_utime + before[3].ru_stime)
    ours = (after[2] - before[2]) / tick + wrk_seconds
    elsewhere = ((after[1] - before[1]) / tick - ours) / ((after[0] - before[0]) * os.cpu_count())
    assert "Non-2xx" not in output and "Socket errors" not in output, output
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", output, re.M))
    return {"requests/s": re.search(r"Requests/sec:\s+(\S+)", output).group(1),
            "p50": latency["50"], "p99": latency["99"],
            "transfer/s": re.search(r"Transfer/sec:\s+(\S+)", output).group(1),
            "elsewhere": f"{max(elsewhere, 0):.0%}",
            "command": shlex.join([*command, url.replace(urlsplit(url).netloc, "127.0.0.1:PORT")])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "output", help="a built site (default: output/)")
    parser.add_argument("--page", default="de/trier/porta-nigra/", help="the page to request, below /guide/")
    parser.add_argument("--duration", type=int, default=30, help="seconds per run (default: 30)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args()
    assert shutil.which("wrk"), "wrk is not installed (Debian package `wrk`)"
    assert (args.site / args.page / "index.html").exists(), f"no {args.page} in {args.site}: build the site first"
    local_nginx = _load_local_nginx()
    print(machine())
    rows = []
    with local_nginx.running(args.site) as server:
        url = server.url + args.page
        for gzip in (False, True):
            status, encoding, size = encoding_of(url, "gzip" if gzip else None)
            assert status == 200 and encoding == ("gzip" if gzip else None), (status, encoding)
            result = run_wrk(url, args, gzip, server.pid)
            rows.append((f"{'gzip' if gzip else 'identity'} ({size:,} bytes)", result))
            print(f"  {result['command']}", flush=True)
    print(f"\n| /guide/{args.page} | requests/s | latency p50 | latency p99 | transfer/s | busy elsewhere |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, result in rows:
        print(f"| {label} | {result['requests/s']} | {result['p50']} | {result['p99']} | {result['transfer/s']} "
              f"| {result['elsewhere']} |")


if __name__ == "__main__":
    main()
