"""``openyj serve`` runs the site under gunicorn; the demo runs it with a worker beside it and stops both."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import CommandError
from django.db import connection

from openyj.core.management.commands.serve import gunicorn_options
from tests.processes import environment, free_port, wait_for


def children_of(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(p) for p in (task / "children").read_text().split()]
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A child that has exited but not been collected yet is a zombie: gone for our purposes.
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


def env_for_subprocess(tmp_path) -> dict:
    return environment(OPENYJ_DATA_DIR=str(tmp_path))


def test_options_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("OPENYJ_WEB_WORKERS", "3")
    monkeypatch.setenv("OPENYJ_WEB_THREADS", "8")
    monkeypatch.setenv("OPENYJ_WEB_TIMEOUT", "90")
    options = gunicorn_options("0.0.0.0:9000")
    assert (options["bind"], options["workers"], options["threads"], options["timeout"]) == ("0.0.0.0:9000", 3, 8, 90)
    assert options["worker_class"] == "gthread"
    assert options["forwarded_allow_ips"] == ""  # no proxy is believed here: Django's settings judge them
    monkeypatch.setenv("OPENYJ_WEB_WORKERS", "many")
    with pytest.raises(CommandError, match="OPENYJ_WEB_WORKERS must be a whole number"):
        gunicorn_options("127.0.0.1:8000")
    monkeypatch.setenv("OPENYJ_WEB_WORKERS", "0")
    with pytest.raises(CommandError, match="must be 1 or more"):
        gunicorn_options("127.0.0.1:8000")


@pytest.mark.django_db(transaction=True)
def test_serve_answers_pages_and_static_files_then_stops(tmp_path):
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "openyj.cli", "serve", "--addrport", f"127.0.0.1:{port}"],
                              env=env_for_subprocess(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        assert wait_for(f"http://127.0.0.1:{port}/accounts/login/") == 200
        assert wait_for(f"http://127.0.0.1:{port}/static/openyj/openyj.css") == 200
    finally:
        server.send_signal(signal.SIGTERM)
        output = server.communicate(timeout=60)[0].decode()
    assert "Starting gunicorn" in output and "Using worker: gthread" in output, output
    assert "runserver" not in output and "development server" not in output


@pytest.mark.django_db(transaction=True)
def test_the_demo_serves_with_a_worker_and_stops_both(tmp_path):
    assert connection.vendor in ("sqlite", "postgresql")
    port = free_port()
    code = ("import django; django.setup(); "
            "from openyj.demo.management.commands.demo import Command; "
            f"Command().serve('127.0.0.1:{port}')")
    demo = subprocess.Popen([sys.executable, "-c", code], env=env_for_subprocess(tmp_path),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(f"http://127.0.0.1:{port}/accounts/login/") == 200
        children = children_of(demo.pid)
        commands = [Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ") for pid in children]
        assert len(children) == 2, commands
        assert any(" serve " in c for c in commands) and any(c.rstrip().endswith("worker --verbosity 0")
                                                              for c in commands), commands
    finally:
        demo.send_signal(signal.SIGTERM)  # what Ctrl-C or a service manager does
        demo.wait(timeout=90)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(alive(pid) for pid in children):
        time.sleep(0.2)
    assert not any(alive(pid) for pid in children)
