"""Dashboard benchmark: 20 concurrent users on the performance pages, served by ``openyj serve``
from stored figures. Target: p95 under 200 ms on 2 cores. Figures go in docs/benchmarks.md.

    .venv/bin/python benchmarks/dashboard.py                       # demo data, 20 users, 60 s
    .venv/bin/python benchmarks/dashboard.py --users 20 --seconds 60 --children 2000

What it does, in order:

1. makes a fresh SQLite database in a temporary folder (``DATABASE_URL`` names another), migrates it,
   generates the demo service's data (``--children``, 3 years) and imports it;
2. computes the stored figures as the worker would (``openyj figures refresh``), and times that;
3. starts ``openyj serve`` on 127.0.0.1:8101 (gunicorn, the production settings: two workers of four
   threads on SQLite) with two-factor sign-in off, and signs in ``--users`` users (performance
   officers and board members, half each) by making their sessions;
4. runs the users at once for ``--seconds``: each, in a loop, reads a page for ``--think`` seconds on
   average (0.5 to 1.5 times it; ``--think 0`` for no pause at all, which measures saturation), then
   asks for the summary (``/performance/``) or, one request in two, an indicator's own page; then
   prints the count, the error count, and the median, p95 and p99 response times, overall and per page.

Not run as a test. Only synthetic data.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PORT = 8101
PAGES = ["/performance/", "/performance/", "/performance/fte/", "/performance/", "/performance/reoffending/",
         "/performance/profile/"]


def prepare(folder: Path, children: int) -> list[tuple[str, str]]:
    """The database, the demo data, the stored figures and the users' session cookies."""
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["OPENYJ_DATA_DIR"] = str(folder)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from openyj.core.actors import COMMAND_LINE
    from openyj.demo.generate import generate_demo
    from openyj.interchange.importer import import_path

    generate_demo(folder / "demo", children=children, years=3, end=date(2026, 9, 30))
    started = time.perf_counter()
    report = import_path(folder / "demo", service_code="DEMO", user=COMMAND_LINE)
    assert report.ok, report.text()
    print(f"import: {time.perf_counter() - started:.1f} s")

    from openyj.core.models import Membership, Service
    from openyj.core.roles import Role
    from openyj.indicators import figures
    from openyj.indicators.periods import Period

    service = Service.objects.get(code="DEMO")
    started = time.perf_counter()
    figures.refresh_service(service, periods=[Period.quarter(2026, 3)], force=True)
    print(f"figure set computed (what the worker does after an import): {time.perf_counter() - started:.1f} s")

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.base import SessionBase
    from django.utils.module_loading import import_string

    store: type[SessionBase] = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    cookies = []
    for n in range(40):
        user = get_user_model().objects.create_user(username=f"bench{n}", password="not-used-here-0")
        role = Role.PERFORMANCE_OFFICER if n % 2 == 0 else Role.BOARD_MEMBER
        Membership.objects.create(user=user, service=service, role=role)
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies.append((role, f"{settings.SESSION_COOKIE_NAME}={session.session_key}"))
    return cookies


def wait_for_server(proc: subprocess.Popen) -> None:
    for _ in range(120):
        if proc.poll() is not None:
            raise SystemExit("openyj serve stopped before it answered")
        try:
            c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            c.request("GET", "/accounts/login/")
            c.getresponse().read()
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("openyj serve did not answer within a minute")


def user_loop(cookie: str, until: float, times: dict[str, list[float]], errors: list[str], offset: int,
              think: float = 0.0) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    i = offset
    rng = random.Random(offset)
    while time.perf_counter() < until:
        if think:
            time.sleep(rng.uniform(think / 2, think * 1.5))  # reading the page before the next click
        path = PAGES[i % len(PAGES)]
        i += 1
        started = time.perf_counter()
        try:
            conn.request("GET", f"{path}?period=quarter:2026-09-30", headers={"Cookie": cookie})
            response = conn.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as error:
            errors.append(f"{path}: {error}")
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
            continue
        elapsed = time.perf_counter() - started
        if response.status != 200 or b"Computed on" not in body:
            errors.append(f"{path}: {response.status}")
            continue
        times.setdefault(path, []).append(elapsed)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--children", type=int, default=2000)
    parser.add_argument("--think", type=float, default=1.0,
                        help="average seconds a user reads a page before the next (0: no pause, saturation)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="openyj-bench-") as tmp:
        folder = Path(tmp)
        cookies = prepare(folder, args.children)
        env = {**os.environ, "OPENYJ_MFA_REQUIRED": "false", "OPENYJ_LOG_LEVEL": "WARNING"}
        proc = subprocess.Popen([sys.executable, str(ROOT / "manage.py"), "serve", "--addrport",
                                 f"127.0.0.1:{PORT}"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
        try:
            wait_for_server(proc)
            # one warm-up request per page (gunicorn's workers import the app on their first request)
            warm: dict[str, list[float]] = {}
            user_loop(cookies[0][1], time.perf_counter() + 3, warm, [], 0)
            times: dict[str, list[float]] = {}
            errors: list[str] = []
            until = time.perf_counter() + args.seconds
            threads = [threading.Thread(target=user_loop, args=(cookies[n][1], until, times, errors, n, args.think))
                       for n in range(args.users)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    every = [v for vs in times.values() for v in vs]
    if not every:
        raise SystemExit(f"no successful requests; errors: {errors[:5]}")
    print(f"{args.users} users (pausing {args.think:g} s on average) for {args.seconds} s: {len(every)} pages "
          f"({len(every) / args.seconds:.1f} a second), "
          f"{len(errors)} errors{': ' + '; '.join(errors[:3]) if errors else ''}")
    print(f"all pages: median {statistics.median(every) * 1000:.0f} ms, p95 {percentile(every, 95) * 1000:.0f} ms, "
          f"p99 {percentile(every, 99) * 1000:.0f} ms")
    for path, values in sorted(times.items()):
        print(f"  {path}: {len(values)} requests, median {statistics.median(values) * 1000:.0f} ms, "
              f"p95 {percentile(values, 95) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
