"""Benchmark: the climate statistics at scale on PostgreSQL, the page under load and the export.

Run from the repository root, with a PostgreSQL URL whose role may create databases:

    DATABASE_URL=postgresql+psycopg://user:pw@127.0.0.1/db .venv/bin/python benchmarks/statistics_load.py [--scale 0.1]

It creates a database of its own (the URL's name + "_bench"; dropped at the end unless --keep),
migrates it and seeds --scale x 10,000 awarded contracts x 24 accepted monthly period reports x
50 entries (benchmarks/seed_statistics.py). Then, in the same run:

1. The statistics page (/statistics/?year=2026, the officer's whole organisation) served by
   gunicorn (2 workers) on 127.0.0.1, wrk at 10 connections for --duration seconds, its p99
   latency next to /health's (the baseline); and single requests without load: the first,
   ones whose figures are computed afresh (as after an acceptance), ones whose figures a
   worker kept.
2. One period report accepted through the web app's own path (the engine judges its fuels, the
   counting replaces the version before), three times, rolled back.
3. The yearly CSV export (`checker statistics --year 2026`) streamed to a pipe by a child
   process: its peak memory (RSS) and rate, next to PostgreSQL's own `COPY (the export's
   query) TO STDOUT` of the same rows, read by this process.

Targets at full scale (--scale 1): page p99 under 300 ms at 10 connections; export under 200 MB.
A measurement, not a test: it exits 0 whether or not a target is met (and says TARGET MISSED),
non-zero only when it cannot measure. `--keep` leaves the database; `--reuse` measures again
on it without seeding (any run without --reuse starts from a fresh one).
"""

import argparse
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The benchmarks' folder stays off the path, so none of its files can stand in for a module of
# the same name; the seeding module is loaded by its file name instead.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def _seed_module():
    if "seed_statistics" not in sys.modules:
        import importlib.util

        spec = importlib.util.spec_from_file_location(
            "seed_statistics", HERE / "seed_statistics.py"
        )
        sys.modules["seed_statistics"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules["seed_statistics"])
    return sys.modules["seed_statistics"]


import psycopg  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

FULL = 10_000
YEAR = 2026
TARGET_P99_MS = 300
TARGET_EXPORT_MB = 200
BIN = REPO / ".venv" / "bin"


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of 10,000 contracts")
    parser.add_argument("--periods", type=int, default=24)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per endpoint")
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure again on the database a --keep run left (no seeding)",
    )
    return parser.parse_args()


def _bench_database(url: str, reuse: bool = False) -> tuple[str, str]:
    """A fresh database beside the given one (or the one kept, with reuse); returns (its
    SQLAlchemy URL, the admin libpq URL)."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("postgresql"):
        sys.exit("statistics_load.py: DATABASE_URL must be a PostgreSQL URL")
    name = f"{parsed.database}_bench"
    admin = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        if not reuse:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
    bench = parsed.set(database=name, drivername="postgresql+psycopg")
    return bench.render_as_string(hide_password=False), admin


def _drop(admin: str, url: str) -> None:
    name = make_url(url).database
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _seed(url: str, contracts: int, periods: int, entries: int) -> dict:
    os.environ["DATABASE_URL"] = url
    seed = _seed_module().seed

    from checker.web import create_app
    from checker.web.extensions import db

    app = create_app({"PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        started = time.perf_counter()
        found = seed(contracts, periods, entries, log=lambda line: print(line, flush=True))
        found["seconds"] = time.perf_counter() - started
        found["export_sql"] = _export_sql(found["organisation"])
        db.session.remove()
        db.engine.dispose()
    return found


def _seeded(url: str) -> dict:
    """What a kept benchmark database holds."""
    os.environ["DATABASE_URL"] = url
    from checker.web import create_app
    from checker.web.extensions import db

    app = create_app()
    with app.app_context():
        found = _seed_module().counts() | {"seconds": 0.0}
        found["export_sql"] = _export_sql(found["organisation"])
        db.session.remove()
        db.engine.dispose()
    return found


def _export_sql(org_number: str) -> str:
    """The export's own query for the year, as SQL text for COPY."""
    from sqlalchemy import select

    from checker.web.extensions import db
    from checker.web.models import Organisation
    from checker.web.statistics.queries import Filters
    from checker.web.statistics.queries import export_query

    organisation = db.session.scalar(
        select(Organisation).where(Organisation.org_number == org_number)
    )
    query = export_query(organisation.id, Filters(year=YEAR))
    return str(query.compile(db.engine, compile_kwargs={"literal_binds": True}))


def acceptance(url: str) -> dict:
    """One period report accepted through the web app's own path (the engine's judgement of its
    fuels, then counting it in place of the version before), rolled back afterwards."""
    os.environ["DATABASE_URL"] = url
    OFFICER = _seed_module().OFFICER  # noqa: N806
    from sqlalchemy import select

    from checker.web import create_app
    from checker.web.extensions import db
    from checker.web.followup.service import accept_period
    from checker.web.models import PeriodReport
    from checker.web.models import User

    app = create_app()
    timings = []
    with app.app_context():
        officer = db.session.scalar(select(User).where(User.email == OFFICER[0]))
        for report_id in (12, 120_012, 239_988):
            accepted = db.session.get(PeriodReport, report_id)
            if accepted is None:
                continue
            again = PeriodReport(
                procurement_id=accepted.procurement_id, tender_id=accepted.tender_id,
                organisation_id=accepted.organisation_id, period_start=accepted.period_start,
                period_end=accepted.period_end, version=accepted.version + 1,
                data=accepted.data, sha256=accepted.sha256, submitted_by_id=accepted.submitted_by_id,
            )  # fmt: skip
            db.session.add(again)
            db.session.flush()
            started = time.perf_counter()
            accept_period(again, officer)
            db.session.flush()
            timings.append((time.perf_counter() - started) * 1000)
            db.session.rollback()
        db.session.remove()
        db.engine.dispose()
    return {"ms": sorted(timings)}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(url: str, folder: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = os.environ | {"DATABASE_URL": url, "CHECKER_INSTANCE_PATH": str(folder),
                        "CHECKER_SECRET_KEY": "benchmark-only-secret-key"}  # fmt: skip
    env.pop("CHECKER_HTTPS", None)
    log = (folder / "gunicorn.log").open("wb")
    server = subprocess.Popen(
        [BIN / "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "checker.web:create_app()"],
        env=env, stdout=log, stderr=log, cwd=REPO,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(f"{base}/health", timeout=1).read()
            return server, base
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("statistics_load.py: gunicorn did not answer /health")


def _session_cookie(base: str, email: str, password: str) -> str:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/login").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": password})
    opener.open(f"{base}/login", data=form.encode())
    cookie = next(c for c in jar if c.name == "session")
    return f"session={cookie.value}"


def _wrk(base: str, path: str, cookie: str, duration: int, connections: int) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "-H",
         f"Cookie: {cookie}", f"{base}{path}"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    p99 = re.search(r"^\s+99%\s+([0-9.]+)(us|ms|s)", out, re.M)
    value = float(p99.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    rate = float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"p99_ms": value, "rps": rate, "non_2xx": int(errors.group(1)) if errors else 0}


def _one_request(base: str, path: str, cookie: str) -> tuple[float, int]:
    request = urllib.request.Request(f"{base}{path}", headers={"Cookie": cookie})
    started = time.perf_counter()
    with urllib.request.urlopen(request) as response:
        body = response.read()
    return (time.perf_counter() - started) * 1000, len(body)


def page(url: str, folder: Path, args) -> dict:
    OFFICER = _seed_module().OFFICER  # noqa: N806

    server, base = _serve(url, folder)
    try:
        cookie = _session_cookie(base, *OFFICER)
        path = f"/statistics/?year={YEAR}"
        cold, size = _one_request(base, path, cookie)
        if size < 5000:
            sys.exit("statistics_load.py: the statistics page did not come back (login failed?)")
        for _ in range(10):
            _one_request(base, path, cookie)
        warm = sorted(_one_request(base, path, cookie)[0] for _ in range(11))[5]
        # Each month to date is other figures, computed on its first request (as after an
        # acceptance changes the organisation's figures).
        fresh = sorted(_one_request(base, f"{path}&through={m}", cookie)[0] for m in range(1, 12))
        found = {"cold_ms": cold, "warm_median_ms": warm, "page_bytes": size,
                 "fresh_median_ms": fresh[5], "fresh_max_ms": fresh[-1]}  # fmt: skip
        found["health"] = _wrk(base, "/health", cookie, args.duration, args.connections)
        found["page"] = _wrk(base, path, cookie, args.duration, args.connections)
        return found
    finally:
        server.terminate()
        server.wait(timeout=30)


def _cli_export(url: str, organisation: str, year: int) -> tuple[float, int, int, float]:
    """`checker statistics` in a child process, its output read from a pipe: (seconds, bytes,
    lines, peak RSS in MB)."""
    env = os.environ | {"DATABASE_URL": url}
    started = time.perf_counter()
    child = subprocess.Popen(
        [BIN / "checker", "statistics", "--organisation", organisation, "--year", str(year)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=REPO,
    )  # fmt: skip
    size = lines = 0
    while chunk := child.stdout.read(1 << 20):
        size += len(chunk)
        lines += chunk.count(b"\n")
    _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        sys.exit(f"statistics_load.py: the export failed (status {status})")
    return time.perf_counter() - started, size, lines, usage.ru_maxrss / 1024


def export(url: str, organisation: str, sql: str) -> dict:
    """The CLI's streamed export in a child process, then COPY of the same rows; and the same
    command exporting a year without figures, for the memory a process starts with."""
    empty_seconds, _, _, empty_rss = _cli_export(url, organisation, 2099)
    seconds, size, lines, peak = _cli_export(url, organisation, YEAR)
    libpq = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    started = time.perf_counter()
    copied = rows = 0
    with psycopg.connect(libpq) as connection, connection.cursor() as cursor:
        with cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)") as copy:
            for data in copy:
                copied += len(data)
                rows += bytes(data).count(b"\n")
    copy_seconds = time.perf_counter() - started
    return {"seconds": seconds, "bytes": size, "lines": lines - 1, "peak_rss_mb": peak,
            "empty_rss_mb": empty_rss, "empty_seconds": empty_seconds,
            "copy_seconds": copy_seconds, "copy_bytes": copied, "cells": rows}  # fmt: skip


def _report(args, seeded: dict, served: dict, exported: dict) -> None:
    contracts = seeded["contracts"]
    print(f"\n== statistics benchmark: {contracts} contracts x {args.periods} periods x "
          f"{args.entries} entries (scale {args.scale:g} of the target's 10,000), "
          f"{os.cpu_count()} CPUs, PostgreSQL")  # fmt: skip
    how = f"in {seeded['seconds']:.0f} s" if seeded["seconds"] else "(kept from an earlier run)"
    print(f"seeded {seeded['reports']} period reports, {seeded['contributions']} counted cells "
          f"{how}")  # fmt: skip
    h, p = served["health"], served["page"]
    print(f"page /statistics/?year={YEAR}: first request {served['cold_ms']:.0f} ms; figures "
          f"computed afresh {served['fresh_median_ms']:.0f} ms (median of 11, max "
          f"{served['fresh_max_ms']:.0f} ms); figures kept {served['warm_median_ms']:.0f} ms "
          f"(median); {served['page_bytes']} bytes")  # fmt: skip
    print(f"  wrk -c{args.connections} -d{args.duration}s: page p99 {p['p99_ms']:.1f} ms, "
          f"{p['rps']:.1f} req/s; /health p99 {h['p99_ms']:.1f} ms, {h['rps']:.1f} req/s; "
          f"p99 ratio {p['p99_ms'] / h['p99_ms']:.1f}"
          + (f"; {p['non_2xx']} non-2xx!" if p["non_2xx"] else ""))  # fmt: skip
    e = exported
    net = max(0.001, e["seconds"] - e["empty_seconds"])  # less the command's start-up
    rate = e["cells"] / net
    print(f"export {YEAR} (CSV, tidy): {e['lines']} rows from {e['cells']} cells, "
          f"{e['bytes'] / 1e6:.1f} MB in {e['seconds']:.1f} s, of which {e['empty_seconds']:.1f} s "
          f"start-up ({rate:,.0f} cells/s, {e['bytes'] / 1e6 / net:.1f} MB/s after start-up), "
          f"peak RSS {e['peak_rss_mb']:.0f} MB "
          f"(the same command exporting an empty year: {e['empty_rss_mb']:.0f} MB)")  # fmt: skip
    print(f"  COPY of the same rows: {e['copy_bytes'] / 1e6:.1f} MB in {e['copy_seconds']:.1f} s "
          f"({e['cells'] / e['copy_seconds']:,.0f} cells/s, "
          f"{e['copy_bytes'] / 1e6 / e['copy_seconds']:.1f} MB/s); the export takes "
          f"{net / e['copy_seconds']:.1f} times as long after start-up, for "
          f"{e['bytes'] / max(1, e['copy_bytes']):.1f} times the bytes (a tidy row per measure)")  # fmt: skip
    print("\n== targets" + ("" if args.scale >= 1 else " (full scale only; this run is smaller)"))
    for ok, text in (
        (p["p99_ms"] < TARGET_P99_MS, f"page p99 {p['p99_ms']:.0f} ms < {TARGET_P99_MS} ms"),
        (
            e["peak_rss_mb"] < TARGET_EXPORT_MB,
            f"export peak RSS {e['peak_rss_mb']:.0f} MB < {TARGET_EXPORT_MB} MB",
        ),
    ):
        print(("ok             " if ok else "TARGET MISSED  ") + text)


def main() -> None:
    args = _arguments()
    given = os.environ.get("DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    if not given:
        sys.exit(
            "statistics_load.py: set DATABASE_URL to a PostgreSQL URL (its role creates a database)"
        )
    url, admin = _bench_database(given, args.reuse)
    folder = Path(subprocess.run(["mktemp", "-d"], capture_output=True, text=True).stdout.strip())
    try:
        contracts = max(1, round(FULL * args.scale))
        if args.reuse:
            seeded = _seeded(url)
            print(f"== reusing {seeded['contracts']} contracts in {make_url(url).database}")
        else:
            print(f"== seeding {contracts} contracts into {make_url(url).database}", flush=True)
            seeded = _seed(url, contracts, args.periods, args.entries)
        print("== the page under load", flush=True)
        served = page(url, folder, args)
        print("== accepting a period report", flush=True)
        accepted = acceptance(url)
        print("== the export", flush=True)
        exported = export(url, seeded["organisation"], seeded["export_sql"])
        _report(args, seeded, served, exported)
        print("accepting one period report (engine and counting, 50 entries): "
              + ", ".join(f"{ms:.0f} ms" for ms in accepted["ms"]))  # fmt: skip
    finally:
        if not args.keep:
            _drop(admin, url)
        subprocess.run(["rm", "-rf", str(folder)], check=False)


if __name__ == "__main__":
    main()
