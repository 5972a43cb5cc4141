"""Jobs by name, deferring them, and running one (the same code on every path)."""

import json
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from flask import Flask
from flask import current_app
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from checker.web.audit import recording as audit
from checker.web.extensions import db

LOG = logging.getLogger(__name__)
MODES = ("queue", "thread", "inline")
MAX_ATTEMPTS = 3  # a job whose worker stopped is tried this often in all


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[..., None]
    # Said on the job's record: failed(problem, **args) when it cannot be done; retried(note,
    # **args) when a stopped worker's job is picked up again.
    failed: Callable[..., None]
    retried: Callable[..., None]
    # Marks the records left unfinished by a stopped server process; returns how many.
    interrupted: Callable[[], int]


JOBS: dict[str, Job] = {}


def job(name: str, *, failed, retried, interrupted):
    """Register a function as the job `name`; its arguments must be plain JSON."""

    def register(function):
        JOBS[name] = Job(name, function, failed, retried, interrupted)
        return function

    return register


def recover_unfinished() -> int:
    """When the embedded server starts: the jobs its previous run had in its own threads are
    gone with it, so their records say so (and block nothing). Not for the queue, whose
    workers pick such jobs up again."""
    with audit.acting_as("system: server restarted"):
        count = sum(found.interrupted() for found in JOBS.values())
        db.session.commit()
    return count


def mode(app: Flask) -> str:
    """queue on PostgreSQL, thread on SQLite, unless the JOBS setting names one."""
    configured = app.config.get("JOBS", "auto")
    if configured in MODES:
        return configured
    return "queue" if db.engine.dialect.name == "postgresql" else "thread"


def defer(name: str, record, **args) -> None:
    """Have the job done for the record it works on, and commit the caller's transaction.

    On the queue the job is inserted in that same transaction (its id kept as the record's
    job_id), so it exists exactly when the record does.
    """
    app = current_app._get_current_object()
    actor = audit.current_actor()
    payload = {"job": name, "args": args, "actor": [actor.label, actor.user_id]}
    how = mode(app)
    if how == "queue":
        from checker.web.jobs import broker

        record.job_id = broker.defer_in(app, db.session.connection(), payload)
        db.session.commit()
        return
    db.session.commit()
    if how == "thread":
        _local_pool().submit(execute, app, payload)
    else:
        execute(app, payload)


_pool: ThreadPoolExecutor | None = None


def _local_pool() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="job")
    return _pool


def execute(app: Flask, payload: dict, attempt: int = 1) -> None:
    """Run one job in its own app context, as the user who asked for it.

    A job that fails is marked failed on its record; a database that cannot be reached is
    raised again (when tries are left), so the queue tries once more later.
    """
    payload = json.loads(json.dumps(payload))  # what the queue would hand over
    found = JOBS[payload["job"]]
    label, user_id = payload["actor"]
    with app.app_context(), audit.acting_as(audit.Actor(label, user_id)):
        try:
            found.run(**payload["args"])
        except OperationalError:
            db.session.rollback()
            if attempt < MAX_ATTEMPTS:
                raise
            _failed(app, found, payload, "the database could not be reached")
        except Exception as err:  # noqa: BLE001 - a job has no one else to tell
            db.session.rollback()
            app.logger.exception("job %s failed", payload["job"])
            _failed(app, found, payload, f"internal error ({type(err).__name__})")
        finally:
            db.session.remove()


def _failed(app: Flask, found: Job, payload: dict, problem: str) -> None:
    with audit.acting_as(f"system: job {found.name} failed"):
        found.failed(problem, **payload["args"])
        db.session.commit()


def tell(app: Flask, payload: dict, what: str, note: str) -> None:
    """Say on the job's record that it was picked up again or failed (the stalled-job check)."""
    found = JOBS.get(payload.get("job"))
    if found is None:
        return
    with app.app_context(), audit.acting_as(f"system: job {found.name} {what}"):
        try:
            (found.retried if what == "retried" else found.failed)(note, **payload["args"])
            db.session.commit()
        finally:
            db.session.remove()


def state_of(job_id: int | None) -> dict | None:
    """The queue's view of a job for its page: its status and tries, and whether any worker is
    alive to take it. None off the queue."""
    if job_id is None or db.engine.dialect.name != "postgresql":
        return None
    row = db.session.execute(
        text(
            "SELECT j.status, j.attempts, (SELECT count(*) FROM procrastinate.procrastinate_workers"
            " w WHERE w.last_heartbeat > now() - make_interval(secs => :alive)) AS workers"
            " FROM procrastinate.procrastinate_jobs j WHERE j.id = :id"
        ),
        {"id": job_id, "alive": current_app.config["JOB_STALLED_AFTER"]},
    ).first()
    if row is None:
        return None
    return {"status": str(row.status), "attempts": row.attempts, "workers": row.workers}
