"""The deploy files agree with each other and nginx accepts them (fast suite)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from deploy import render, serve
from tests.procs import ROOT

SYSTEMD = ROOT / "deploy" / "systemd"


def site(**overrides) -> render.Site:
    values = {"listen": "127.0.0.1:8080", "ws_ports": (8101, 8102), "static_root": Path("/srv/s")}
    values.update(overrides)
    return render.Site(**values)


def test_nginx_overwrites_the_client_address_headers():
    text = render.site_conf(site())
    # every proxied location sets the address nginx saw, never appends a client's list
    assert text.count("proxy_set_header X-Forwarded-For $remote_addr;") == 2
    assert text.count('proxy_set_header X-Forwarded-Port "";') == 2
    assert "proxy_add_x_forwarded_for" not in text
    assert "@@" not in text


def test_http_goes_to_its_own_servers_when_given_and_sockets_to_daphne():
    text = render.site_conf(site(http_ports=(8201,), http_name="uvicorn"))
    ws, http = re.findall(r"upstream (\w+) \{(.*?)\}", text, re.S)
    assert ws[0] == "hoithi_ws" and "8101" in ws[1] and "8201" not in ws[1]
    assert http[0] == "hoithi_http" and "8201" in http[1] and "8101" not in http[1]
    plain = render.site_conf(site())
    assert re.search(r"upstream hoithi_http \{[^}]*8101", plain)


def test_an_empty_upstream_is_refused():
    with pytest.raises(ValueError):
        render.site_conf(site(ws_ports=()))


def test_nginx_accepts_the_rendered_configuration(tmp_path):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    conf = render.write_standalone(tmp_path, site(static_root=tmp_path / "static"))
    out = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert "syntax is ok" in out.stderr


def test_the_production_site_file_is_printed_by_the_renderer():
    out = subprocess.run(
        [sys.executable, "-m", "deploy.render", "site", "--ws", "8001,8002,8003"]
        + ["--static", "/srv/hoithi/staticfiles", "--server-name", "hoithi.example.vn"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert "server 127.0.0.1:8003 max_fails=1" in out.stdout
    assert "server_name hoithi.example.vn;" in out.stdout


def test_systemd_units_run_what_the_supervisor_runs():
    unit = (SYSTEMD / "hoithi-daphne@.service").read_text()
    start = re.search(r"^ExecStart=(.*)$", unit, re.M).group(1).split()
    expected = serve.daphne_argv("/srv/hoithi/.venv/bin/python", 0)
    expected[expected.index("-p") + 1] = "%i"
    assert start == expected
    closer = (SYSTEMD / "hoithi-close-expired.service").read_text()
    start = re.search(r"^ExecStart=(.*)$", closer, re.M).group(1).split()
    assert start == serve.close_expired_argv("/srv/hoithi/.venv/bin/python")
    target = (SYSTEMD / "hoithi.target").read_text()
    assert "hoithi-close-expired.timer" in target and "hoithi-daphne@8001.service" in target


def test_daphne_is_bound_to_loopback_and_trusts_the_proxy():
    argv = serve.daphne_argv("python", 8123)
    assert argv[argv.index("-b") + 1] == "127.0.0.1"
    assert "--proxy-headers" in argv
