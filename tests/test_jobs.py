"""Background jobs on the queue (PostgreSQL): real `checker worker` processes take them, and a
job whose worker is killed mid-job is picked up again by another, or marked failed.

The in-process path (SQLite, the embedded default) is covered where runs and reports are tested.
"""

import copy
import os
import signal
import subprocess
import sys
import time

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select
from sqlalchemy import text

from checker.web.extensions import db
from checker.web.models import Assessment
from checker.web.models import AssessmentRun
from checker.web.models import IssuedReport
from checker.web.models import Tender
from tests.helpers import DATABASE_URL

pytestmark = pytest.mark.skipif(not DATABASE_URL, reason="the queue lives in PostgreSQL")
QUEUE_TABLES = "procrastinate_jobs, procrastinate_workers, procrastinate_periodic_defers"
EXTRA_TENDERS = 60  # enough work that a worker can be killed in the middle of it


@pytest.fixture
def queue_app(demo_app):
    """The demo with jobs on the queue, and the queue emptied of earlier tests' jobs."""
    demo_app.config["JOBS"] = "queue"
    with demo_app.app_context():
        db.session.execute(
            text(f"TRUNCATE procrastinate.{QUEUE_TABLES.replace(', ', ', procrastinate.')} CASCADE")
        )
        db.session.commit()
    return demo_app


@pytest.fixture
def workers(tmp_path):
    """Start `checker worker` processes (quick heartbeats, so a death is seen in seconds)."""
    started = []
    env = dict(
        os.environ,
        DATABASE_URL=DATABASE_URL,
        CHECKER_INSTANCE_PATH=str(tmp_path / "worker"),
        CHECKER_JOB_HEARTBEAT_EVERY="1",
        CHECKER_JOB_STALLED_AFTER="3",
        CHECKER_JOB_CHECK_EVERY="1",
    )

    def start():
        process = subprocess.Popen(
            [sys.executable, "-m", "checker.cli", "worker", "--concurrency", "2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in started:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait(condition, seconds=60, what="the job"):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what} did not finish in {seconds} s"
        time.sleep(0.2)


def _run(app, run_id) -> AssessmentRun:
    with app.app_context():
        return db.session.get(AssessmentRun, run_id)


def _more_tenders(app, procurement_id, count):
    """Copies of the demo's submitted tenders, so a run takes a while."""
    with app.app_context():
        originals = db.session.scalars(
            select(Tender).where(Tender.procurement_id == procurement_id)
        ).all()
        for number in range(count):
            original = originals[number % len(originals)]
            data = copy.deepcopy(original.data)
            data["tender_id"] = f"{data['tender_id']}-{number}"
            db.session.add(
                Tender(
                    procurement_id=procurement_id,
                    organisation_id=original.organisation_id,
                    status="submitted",
                    price_nok=original.price_nok,
                    data=data,
                    submitted_at=original.submitted_at,
                )
            )
        db.session.commit()


def test_a_worker_process_does_the_run_and_the_report(queue_app, login, street, workers):
    client = login("officer")
    procurement_id, tenders = street
    started = client.post(f"/procurements/{procurement_id}/evaluation/run")
    run_id = int(started.headers["Location"].rsplit("/", 1)[1])
    waiting = client.get(started.headers["Location"]).get_data(as_text=True)
    assert "Waiting for a worker" in waiting or "Venter på en arbeider" in waiting
    workers()
    _wait(lambda: _run(queue_app, run_id).state != "running")
    run = _run(queue_app, run_id)
    assert (run.state, run.done, run.total) == ("done", 4, 4) and run.job_id
    issued = client.post(
        f"/procurements/{procurement_id}/tenders/{tenders['Oslo']}/reports",
        data={"kind": "compliance", "tier": "summary", "lang": "en"},
    )
    report_id = int(issued.headers["Location"].rsplit("/", 1)[1])

    def ready():
        with queue_app.app_context():
            return db.session.get(IssuedReport, report_id).state != "pending"

    _wait(ready, what="the report")
    with queue_app.app_context():
        report = db.session.get(IssuedReport, report_id)
        assert report.state == "ready" and report.pdf.startswith(b"%PDF-")


def test_a_job_whose_worker_is_killed_is_picked_up_again(queue_app, login, street, workers):
    procurement_id, _ = street
    _more_tenders(queue_app, procurement_id, EXTRA_TENDERS)
    client = login("officer")
    first = workers()
    started = client.post(f"/procurements/{procurement_id}/evaluation/run")
    run_id = int(started.headers["Location"].rsplit("/", 1)[1])
    _wait(lambda: _run(queue_app, run_id).done >= 3, what="the first tenders")
    first.kill()  # kill -9: no goodbye, no heartbeat any more
    first.wait()
    halfway = _run(queue_app, run_id)
    assert halfway.state == "running" and halfway.done < halfway.total
    workers()
    _wait(lambda: _run(queue_app, run_id).state != "running", seconds=90)
    run = _run(queue_app, run_id)
    assert (run.state, run.done, run.note) == ("done", run.total, "retried:2")
    with queue_app.app_context():
        assessed = db.session.scalars(
            select(Assessment.tender_id).where(Assessment.run_id == run_id)
        ).all()
    assert len(assessed) == len(set(assessed)) == run.total  # each tender once: nothing lost
    page = BeautifulSoup(client.get(started.headers["Location"]).text, "html.parser").text
    assert "took it up again" in page or "tok den opp igjen" in page


def test_a_job_whose_workers_keep_dying_is_marked_failed(queue_app, login, street, workers):
    procurement_id, _ = street
    client = login("officer")
    started = client.post(f"/procurements/{procurement_id}/evaluation/run")
    run_id = int(started.headers["Location"].rsplit("/", 1)[1])
    with queue_app.app_context():
        # Its third try, taken by a worker that then fell silent a minute ago.
        db.session.execute(text("SET LOCAL search_path TO procrastinate, public"))
        db.session.execute(
            text(
                "INSERT INTO procrastinate.procrastinate_workers (id, last_heartbeat) OVERRIDING SYSTEM VALUE"
                " VALUES (999, now() - interval '1 minute')"
            )
        )
        db.session.execute(
            text(
                "UPDATE procrastinate.procrastinate_jobs SET status = 'doing', worker_id = 999,"
                " attempts = 2 WHERE id = :id"
            ),
            {"id": _run(queue_app, run_id).job_id},
        )
        db.session.commit()
    workers()
    _wait(lambda: _run(queue_app, run_id).state != "running")
    run = _run(queue_app, run_id)
    assert (run.state, run.problem) == ("failed", "stalled:3")
    page = client.get(started.headers["Location"]).get_data(as_text=True)
    assert "stopped each time" in page or "stoppet hver gang" in page
    # A failed run blocks nothing: the officer starts another.
    again = client.post(f"/procurements/{procurement_id}/evaluation/run")
    assert again.status_code == 303 and again.headers["Location"] != started.headers["Location"]
