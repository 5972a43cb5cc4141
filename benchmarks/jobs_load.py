"""Load test: two app servers and two workers on one PostgreSQL, a worker killed mid-job.

Run from the repository root against an EMPTY PostgreSQL database (it refuses one with users):

    DATABASE_URL=postgresql://user:password@127.0.0.1/empty_db .venv/bin/python benchmarks/jobs_load.py

It loads the demo data with 40 more submitted tenders on the closed procurement, starts two
gunicorn servers (2 processes each) and two `checker worker` processes on 127.0.0.1, logs in as
the demo officer on both servers, and then, while readers keep loading pages from both servers,
asks for one assessment run and a summary compliance report per tender and language (alternating
between the servers). As soon as the first worker is in the middle of a job it is killed with
SIGKILL; the other worker must pick its job up again. It waits until every job has finished
(at most 5 minutes) and prints the figures: jobs asked for, done, failed, lost (never finished),
picked up again; HTTP requests, errors and latencies. A measurement, not a test: it exits 0
whatever the figures, and 1 only when it cannot measure. Everything stays on 127.0.0.1.
"""

import copy
import http.cookiejar
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sqlalchemy import select  # noqa: E402
from sqlalchemy import text  # noqa: E402

from checker.web import create_app  # noqa: E402
from checker.web.extensions import db  # noqa: E402
from checker.web.models import AssessmentRun  # noqa: E402
from checker.web.models import IssuedReport  # noqa: E402
from checker.web.models import Procurement  # noqa: E402
from checker.web.models import Tender  # noqa: E402
from checker.web.models import User  # noqa: E402

EXTRA_TENDERS = 40
READERS = 4
TIMEOUT = 300
OFFICER = ("officer@kommune.example", "demo-officer-2026")
BIN = REPO / ".venv" / "bin"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(env: dict) -> tuple[int, list[int]]:
    """Schema, demo data and extra tenders; returns the closed procurement and its tenders."""
    subprocess.run([BIN / "checker", "demo", "load"], env=env, check=True, capture_output=True)
    app = create_app()
    with app.app_context():
        street = db.session.scalar(select(Procurement).where(Procurement.state == "closed"))
        originals = list(street.tenders)
        for number in range(EXTRA_TENDERS):
            original = originals[number % len(originals)]
            data = copy.deepcopy(original.data)
            data["tender_id"] = f"{data['tender_id']}-{number}"
            db.session.add(
                Tender(
                    procurement_id=street.id,
                    organisation_id=original.organisation_id,
                    status="submitted",
                    price_nok=original.price_nok,
                    data=data,
                    submitted_at=original.submitted_at,
                )
            )
        db.session.commit()
        ids = [
            t.id
            for t in db.session.scalars(select(Tender).where(Tender.procurement_id == street.id))
        ]
        result = street.id, ids
        db.engine.dispose()
    return result


class Browser:
    """One logged-in officer on one server, counting every answer."""

    def __init__(self, base: str, stats: dict):
        self.base, self.stats = base, stats
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, str, dict]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        started = time.perf_counter()
        try:
            with self.opener.open(self.base + path, body, timeout=30) as response:
                status, page, headers = response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as err:
            status, page, headers = err.code, err.read().decode(errors="replace"), err.headers
        except OSError as err:
            status, page, headers = 0, str(err), {}
        with self.stats["lock"]:
            self.stats["latencies"].append((time.perf_counter() - started) * 1000)
            if status == 0 or status >= 500:
                self.stats["errors"].append(f"{status} {path}")
        return status, page, headers

    def csrf(self, path: str) -> str:
        page = self.request(path)[1]
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def log_in(self) -> None:
        token = self.csrf("/login")
        status = self.request(
            "/login", {"csrf_token": token, "email": OFFICER[0], "password": OFFICER[1]}
        )[0]
        if status != 302:
            raise SystemExit(f"jobs_load: login on {self.base} answered {status}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def start(command: list, env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(command, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)


def main() -> int:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql")):
        print("jobs_load: DATABASE_URL must point at an empty PostgreSQL database", file=sys.stderr)
        return 1
    folder = Path(tempfile.mkdtemp(prefix="jobs-load-"))
    env = dict(
        os.environ,
        CHECKER_INSTANCE_PATH=str(folder),
        CHECKER_SECRET_KEY="load-test-only-secret",
        CHECKER_JOB_HEARTBEAT_EVERY="2",
        CHECKER_JOB_STALLED_AFTER="8",
        CHECKER_JOB_CHECK_EVERY="2",
    )
    os.environ.update(env)
    app = create_app()
    with app.app_context():
        from flask_migrate import upgrade

        upgrade(directory=app.extensions["migrate"].directory)
        if db.session.scalar(select(User.id).limit(1)) is not None:
            print("jobs_load: the database has users; give an empty one", file=sys.stderr)
            return 1
        db.engine.dispose()
    procurement_id, tender_ids = prepare(env)
    ports = [free_port(), free_port()]
    processes = [
        start(
            [BIN / "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "checker.web:create_app()"],
            env,
            folder / f"app-{port}.log",
        )
        for port in ports
    ]
    # The first worker starts alone, so its row in the queue's worker table is known.
    workers = [
        start([BIN / "checker", "worker", "--concurrency", "2"], env, folder / "worker-1.log")
    ]
    first_id = _first_worker_id(app)
    workers.append(
        start([BIN / "checker", "worker", "--concurrency", "2"], env, folder / "worker-2.log")
    )
    workers[0].queue_id = first_id
    processes += workers
    stats = {"lock": threading.Lock(), "latencies": [], "errors": []}
    try:
        for port in ports:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
        return run(app, ports, procurement_id, tender_ids, workers, stats)
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def run(app, ports, procurement_id, tender_ids, workers, stats) -> int:
    browsers = [Browser(f"http://127.0.0.1:{port}", stats) for port in ports]
    for browser in browsers:
        browser.log_in()
    stop = threading.Event()

    def read(browser):
        while not stop.is_set():
            for path in ("/", "/procurements/", f"/procurements/{procurement_id}/evaluation"):
                browser.request(path)

    # The readers use the officers' sessions (a cookie jar is safe to share between threads).
    readers = [
        threading.Thread(target=read, args=(b,), daemon=True) for b in browsers * (READERS // 2)
    ]
    for reader in readers:
        reader.start()
    started = time.monotonic()
    asked = 0
    token = browsers[0].csrf(f"/procurements/{procurement_id}/evaluation")
    browsers[0].request(f"/procurements/{procurement_id}/evaluation/run", {"csrf_token": token})
    asked += 1
    for index, tender_id in enumerate(tender_ids):
        for tier in ("summary",):
            for lang in ("nb", "en"):
                browser = browsers[(index + len(lang)) % 2]
                token = browser.csrf(f"/procurements/{procurement_id}/tenders/{tender_id}")
                browser.request(
                    f"/procurements/{procurement_id}/tenders/{tender_id}/reports",
                    {"csrf_token": token, "kind": "compliance", "tier": tier, "lang": lang},
                )
                asked += 1
    killed_at = kill_mid_job(app, workers[0])
    finished = wait_for_jobs(app, procurement_id)
    stop.set()
    for reader in readers:
        reader.join()
    report(app, procurement_id, asked, started, killed_at, finished, stats)
    return 0


def _queue(app, sql: str, **params):
    with app.app_context():
        try:
            return db.session.execute(text(sql), params).all()
        finally:
            db.session.remove()


def _first_worker_id(app) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        rows = _queue(app, "SELECT id FROM procrastinate.procrastinate_workers")
        if rows:
            return rows[0].id
        time.sleep(0.2)
    raise SystemExit("jobs_load: the first worker did not start")


def kill_mid_job(app, worker) -> float | None:
    """SIGKILL the first worker as soon as it is doing a job (it then never says goodbye)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        doing = _queue(
            app,
            "SELECT id FROM procrastinate.procrastinate_jobs WHERE status = 'doing'"
            " AND worker_id = :worker AND task_name = 'checker.job'",
            worker=worker.queue_id,
        )
        if doing:
            worker.send_signal(signal.SIGKILL)
            worker.wait()
            return time.monotonic()
        time.sleep(0.05)
    return None


def wait_for_jobs(app, procurement_id) -> float:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        with app.app_context():
            pending = db.session.scalar(
                select(db.func.count(IssuedReport.id)).where(IssuedReport.state == "pending")
            )
            running = db.session.scalar(
                select(db.func.count(AssessmentRun.id)).where(AssessmentRun.state == "running")
            )
            db.session.remove()
        if not pending and not running:
            return time.monotonic()
        time.sleep(0.5)
    return time.monotonic()


def report(app, procurement_id, asked, started, killed_at, finished, stats) -> None:
    with app.app_context():
        reports = db.session.scalars(select(IssuedReport)).all()
        runs = db.session.scalars(select(AssessmentRun)).all()
        records = [(r.state, r.note) for r in reports] + [
            ("ready" if r.state == "done" else r.state, r.note) for r in runs
        ]
        db.engine.dispose()
    done = sum(state == "ready" for state, _ in records)
    failed = sum(state == "failed" for state, _ in records)
    lost = sum(state in ("pending", "running") for state, _ in records)
    retried = sum(note.startswith("retried") for _, note in records)
    latencies = sorted(stats["latencies"])
    print("== jobs_load: 2 app servers (gunicorn -w 2), 2 workers, 1 PostgreSQL, 127.0.0.1")
    tenders = runs[0].total if runs else 0
    print(f"jobs asked for          {asked} ({asked - 1} reports, 1 run of {tenders} tenders)")
    print(f"jobs recorded           {len(records)}")
    print(f"done                    {done}")
    print(f"failed                  {failed}")
    print(f"lost (never finished)   {lost}")
    print(f"picked up again         {retried} (the killed worker's)")
    print(
        f"worker killed after     {killed_at - started:.1f} s"
        if killed_at
        else "worker killed after     (never: it took no job)"
    )
    print(f"all finished after      {finished - started:.1f} s")
    print(f"HTTP requests           {len(latencies)}")
    print(
        f"HTTP errors (5xx, none) {len(stats['errors'])}"
        + (f": {stats['errors'][:5]}" if stats["errors"] else "")
    )
    if latencies:
        p99 = latencies[int(len(latencies) * 0.99) - 1]
        print(f"latency p50 / p99 ms    {statistics.median(latencies):.1f} / {p99:.1f}")
    verdict = lost == 0 and not stats["errors"] and len(records) == asked
    print(
        "result                  "
        + ("0 lost jobs, 0 errors" if verdict else "JOBS LOST OR ERRORS: see above")
    )


if __name__ == "__main__":
    sys.exit(main())
