"""Render the nginx configuration of the production topology (deploy/nginx/*.in).

The production site file (for Debian's nginx, in /etc/nginx/sites-available/):

    python -m deploy.render site --ws 8001,8002,8003 --static /srv/hoithi/staticfiles \\
        --listen 80 --server-name hoithi.example.gov.vn > /etc/nginx/sites-available/hoithi

``deploy/serve.py`` (bin/serve, the topology tests, the benchmarks) renders the same
site file plus a standalone ``nginx.conf`` that runs nginx unprivileged in a run directory.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "nginx"


@dataclass(frozen=True)
class Site:
    """Where nginx listens and which local ports serve WebSockets and plain HTTP."""

    listen: str
    ws_ports: tuple[int, ...]
    static_root: Path
    http_ports: tuple[int, ...] = ()  # empty: plain HTTP goes to the daphne processes too
    http_name: str = "the daphne processes"
    server_name: str = "_"
    # a process that failed a connection is left out this long before nginx tries it again
    fail_timeout_s: int = 2


def _servers(ports: tuple[int, ...], fail_timeout_s: int) -> str:
    if not ports:
        raise ValueError("at least one upstream port is needed")
    return "\n".join(
        f"    server 127.0.0.1:{p} max_fails=1 fail_timeout={fail_timeout_s}s;" for p in ports
    )


def _fill(template: str, values: dict[str, str]) -> str:
    text = (TEMPLATES / template).read_text()
    for key, value in values.items():
        text = text.replace(f"@@{key}@@", value)
    if "@@" in text:
        raise ValueError(f"{template}: a placeholder was left unfilled")
    return text


def site_conf(site: Site) -> str:
    http_ports = site.http_ports or site.ws_ports
    return _fill(
        "site.conf.in",
        {
            "WS_SERVERS": _servers(site.ws_ports, site.fail_timeout_s),
            "HTTP_SERVERS": _servers(http_ports, site.fail_timeout_s),
            "HTTP_NAME": site.http_name if site.http_ports else "the daphne processes",
            "LISTEN": site.listen,
            "SERVER_NAME": site.server_name,
            "STATIC_ROOT": str(site.static_root),
        },
    )


def standalone_conf(run_dir: Path, workers: int = 1, access_log: bool = False) -> str:
    """A whole nginx.conf for an nginx started by a user in ``run_dir`` (not a daemon)."""
    user = getpass.getuser()
    # only a master started as root switches users; name the one running it
    user_line = f"user {user};" if os.geteuid() == 0 else ""
    return _fill(
        "standalone.conf.in",
        {
            "USER": user_line,
            "WORKERS": str(workers),
            "RUN_DIR": str(run_dir),
            "ACCESS_LOG": f"{run_dir}/nginx-access.log" if access_log else "off",
        },
    )


def write_standalone(run_dir: Path, site: Site, workers: int = 1, access_log: bool = False) -> Path:
    """Write ``nginx.conf`` and ``site.conf`` into ``run_dir``; return the nginx.conf path."""
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "site.conf").write_text(site_conf(site))
    conf = run_dir / "nginx.conf"
    conf.write_text(standalone_conf(run_dir, workers, access_log))
    return conf


def _ports(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split(",") if p.strip())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["site"])
    parser.add_argument("--ws", required=True, help="daphne ports, e.g. 8001,8002,8003")
    parser.add_argument("--http", default="", help="ports of the HTTP servers (default: --ws)")
    parser.add_argument("--static", required=True, help="STATIC_ROOT (collectstatic's output)")
    parser.add_argument("--listen", default="80")
    parser.add_argument("--server-name", default="_")
    args = parser.parse_args(argv)
    site = Site(
        listen=args.listen,
        ws_ports=_ports(args.ws),
        http_ports=_ports(args.http),
        http_name="the HTTP servers",
        static_root=Path(args.static),
        server_name=args.server_name,
    )
    sys.stdout.write(site_conf(site))


if __name__ == "__main__":
    main()
