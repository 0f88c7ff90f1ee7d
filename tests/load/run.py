"""`make loadtest`: gunicorn with the production settings on loopback, locust headless against it, a summary.

Bounded: LOAD_USERS users (50) for LOAD_SECONDS (60), only to 127.0.0.1; the server is stopped afterwards.
"""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HOST, PORT = "127.0.0.1", os.environ.get("LOAD_PORT", "8010")
URL = f"http://{HOST}:{PORT}"
DATABASE = os.environ.get("LOAD_DB", "postgres://postgres@127.0.0.1:5432/yibao_load")
USERS = int(os.environ.get("LOAD_USERS", "50"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="load-test-only-" + "x" * 40,
        DATABASE_URL=DATABASE,
        DATABASE_CONN_MAX_AGE="60",
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECURE_SSL_REDIRECT="0",  # plain HTTP on loopback; the proxy does HTTPS in production
        GUNICORN_BIND=f"{HOST}:{PORT}",
        GUNICORN_ACCESS_LOG="/dev/null",
    )
    return env


def manage(*args: str, env: dict[str, str]) -> str:
    return subprocess.run(
        [str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def prepare(env: dict[str, str]) -> None:
    import psycopg

    name = DATABASE.rsplit("/", 1)[1]
    with psycopg.connect(DATABASE.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("select 1 from pg_database where datname = %s", (name,)).fetchone():
            conn.execute(f'create database "{name}"')
    manage("migrate", "--noinput", env=env)
    manage("collectstatic", "--noinput", env=env)
    count = manage(
        "shell", "-c", "from disclosures.models import Disclosure; print(Disclosure.objects.count())", env=env
    )
    if int(count.split()[-1]) == 0:
        manage("load_regions", env=env)
        manage("import_disclosures", *sorted(str(p) for p in (ROOT / "data" / "seeds").glob("*.txt")), env=env)
    # As a deployment does after a large import: the bulk downloads written ahead (once per data version) and the
    # pages reached from the home page rendered into the shared page cache.
    print(manage("build_downloads", "--base-url", URL + "/", env=env), end="", flush=True)
    print(manage("warm_pages", "--base-url", URL + "/", env=env), end="", flush=True)
    print(f"database {name}: {count.split()[-1] if int(count.split()[-1]) else 5} documents", flush=True)


def wait_until_up(server: subprocess.Popen) -> None:
    for _ in range(120):
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before it answered")
        try:
            with urllib.request.urlopen(URL + "/methods/", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer within 60 s")


def summary(prefix: str) -> int:
    with open(prefix + "_stats.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    print(f"\n{'request':38} {'count':>7} {'fail':>5} {'p50':>7} {'p95':>7} {'p99':>7}  (ms)")
    for row in rows:
        print(
            f"{row['Name'][:38]:38} {row['Request Count']:>7} {row['Failure Count']:>5} "
            f"{row['50%']:>7} {row['95%']:>7} {row['99%']:>7}"
        )
    total = next(r for r in rows if r["Name"] == "Aggregated")
    print(
        f"\nthroughput {float(total['Requests/s']):.1f} requests/s over {SECONDS} s with {USERS} users; "
        f"p50 {total['50%']} ms, p95 {total['95%']} ms, p99 {total['99%']} ms; "
        f"errors {total['Failure Count']} of {total['Request Count']}"
    )
    with open(prefix + "_failures.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            print(f"error: {row['Occurrences']} × {row['Method']} {row['Name']}: {row['Error']}")
    return int(total["Failure Count"])


def main() -> int:
    env = environment()
    prepare(env)
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "config/gunicorn.py", "config.wsgi"], cwd=ROOT, env=env, start_new_session=True
    )
    try:
        wait_until_up(server)
        prefix = tempfile.mkdtemp(prefix="loadtest-") + "/locust"
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "tests" / "load" / "locustfile.py"),
                "--headless",
                "--host",
                URL,
                "--users",
                str(USERS),
                "--spawn-rate",
                str(max(USERS // 5, 1)),
                "--run-time",
                f"{SECONDS}s",
                "--stop-timeout",
                "30",
                "--only-summary",
                "--csv",
                prefix,
            ],
            cwd=ROOT,
            check=False,
        )
        return 1 if summary(prefix) else 0
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


if __name__ == "__main__":
    sys.exit(main())
